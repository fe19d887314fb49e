-- Per plan, goal and year of the filtered actions: the actions in
-- progress that year (active_from..active_to, whatever their deadline), and the dated actions
-- (period, once) that start and that end that year. Only years that have actions, within the year filter.
WITH f AS (
    SELECT a.document_id, a.goal_no,
           a.recurrence IN ('period', 'once') AS dated, a.start_year, a.end_year,
           unnest(range(a.active_from, a.active_to + 1)) AS year
    FROM filtered_actions($filters) a
    WHERE a.active_from IS NOT NULL AND a.active_to IS NOT NULL
)
SELECT d.plan_label, f.document_id, any_value(d.period_start) AS period_start, f.goal_no,
       any_value(shown_title(g.title, g.title_en, $lang)) AS goal_title, f.year::INTEGER AS year,
       count(*)::INTEGER AS running,
       count(*) FILTER (WHERE f.dated AND f.start_year = f.year)::INTEGER AS starting,
       count(*) FILTER (WHERE f.dated AND f.end_year = f.year)::INTEGER AS ending
FROM f
JOIN documents d USING (document_id)
LEFT JOIN goals g USING (document_id, goal_no)
WHERE ($y0 IS NULL OR f.year >= $y0) AND ($y1 IS NULL OR f.year <= $y1)
GROUP BY d.plan_label, f.document_id, f.goal_no, f.year
ORDER BY period_start, d.plan_label DESC, f.goal_no, f.year
