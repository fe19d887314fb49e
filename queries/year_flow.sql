-- Per plan year: dated actions that start, run and end that year; regular/annual ones run every year.
SELECT y.year::INTEGER AS year,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once') AND a.start_year = y.year)::INTEGER AS starting,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once'))::INTEGER AS running,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once') AND a.end_year = y.year)::INTEGER AS ending,
       count(*) FILTER (WHERE a.recurrence IN ('regular', 'annual'))::INTEGER AS ongoing
FROM (SELECT unnest(range(2021, 2026)) AS year) y
LEFT JOIN filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a ON y.year BETWEEN a.start_year AND a.end_year
WHERE y.year BETWEEN $y0 AND $y1
GROUP BY y.year
ORDER BY y.year
