-- Actions per unit of a university and role (lead / partner) among the filtered actions.
-- Placeholders, students and outside bodies are not units of the university: left out here.
SELECT a.institution, u.unit_name, u.role, count(*)::INTEGER AS actions
FROM action_units u JOIN filtered_actions($filters) a USING (action_key)
JOIN units n USING (unit_name)
WHERE n.kind NOT IN ('generic', 'students', 'external')
GROUP BY ALL
ORDER BY u.unit_name, a.institution, u.role
