-- Active actions per unit and year: a regular or annual action is active in every plan year,
-- a 2023-2025 action in 2023, 2024 and 2025. Years outside the filter range are left out.
SELECT u.unit_name, y.year::INTEGER AS year, count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a
JOIN action_units u USING (action_key)
CROSS JOIN (SELECT unnest(range(2021, 2026)) AS year) y
WHERE y.year BETWEEN a.start_year AND a.end_year AND y.year BETWEEN $y0 AND $y1
GROUP BY ALL
ORDER BY u.unit_name, year
