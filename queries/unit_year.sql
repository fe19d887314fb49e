-- Active actions per unit (of its university) and year: a regular or annual action is active in
-- every year of its plan, a 2023-2025 action in 2023, 2024 and 2025. Placeholders, students and
-- outside bodies are not units of the university. Years outside the filter range are left out.
SELECT a.institution, u.unit_name, y.year::INTEGER AS year, count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($filters) a
JOIN action_units u USING (action_key)
JOIN units n USING (unit_name)
CROSS JOIN LATERAL (SELECT unnest(range(a.active_from, a.active_to + 1)) AS year) y
WHERE n.kind NOT IN ('generic', 'students', 'external')
  AND ($y0 IS NULL OR y.year >= $y0) AND ($y1 IS NULL OR y.year <= $y1)
GROUP BY ALL
ORDER BY u.unit_name, a.institution, year
