-- Per year of the filtered actions: dated actions that start, run and end that year; regular,
-- semester and annual ones run every year of their plan. Only years that have actions, within the filter.
WITH f AS (SELECT * FROM filtered_actions($filters)),
years AS (SELECT DISTINCT unnest(range(active_from, active_to + 1)) AS year FROM f)
SELECT y.year::INTEGER AS year,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once') AND a.start_year = y.year)::INTEGER AS starting,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once'))::INTEGER AS running,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once') AND a.end_year = y.year)::INTEGER AS ending,
       count(*) FILTER (WHERE a.recurrence IN ('regular', 'semester', 'annual'))::INTEGER AS ongoing,
       count(*) FILTER (WHERE a.recurrence IS NULL)::INTEGER AS unknown
FROM years y
JOIN f a ON y.year BETWEEN a.active_from AND a.active_to
WHERE ($y0 IS NULL OR y.year >= $y0) AND ($y1 IS NULL OR y.year <= $y1)
GROUP BY y.year
ORDER BY y.year
