-- Actions per plan and goal, split into regular, recurring (annual or each semester), dated and
-- not-understood deadlines.
SELECT d.plan_label AS institution, any_value(d.period_start) AS period_start, a.goal_no, any_value(shown_title(g.title, g.title_en, $lang)) AS goal_title,
       CASE WHEN a.recurrence = 'regular' THEN 'regular' WHEN a.recurrence IN ('annual', 'semester') THEN 'annual'
            WHEN a.deadline_raw IS NULL THEN 'none' WHEN a.recurrence IS NULL THEN 'unknown'
            ELSE 'dated' END AS deadline_kind,
       count(*)::INTEGER AS actions
FROM filtered_actions($filters) a
LEFT JOIN goals g USING (document_id, goal_no)
JOIN documents d USING (document_id)
GROUP BY ALL
ORDER BY period_start, institution DESC, a.goal_no, deadline_kind
