-- Units of the filtered actions for the Gantt of the deadlines page: actions per university and unit,
-- as lead (or in any role when $unit_role = 'any'), busiest first. Placeholders, students and
-- outside bodies are not units of a university.
SELECT a.institution, u.unit_name, count(DISTINCT a.action_key)::INTEGER AS actions
FROM action_units u
JOIN filtered_actions($filters) a USING (action_key)
JOIN units n USING (unit_name)
WHERE n.kind NOT IN ('generic', 'students', 'external') AND ($unit_role = 'any' OR u.role = 'lead')
  AND a.active_from IS NOT NULL
GROUP BY a.institution, u.unit_name
ORDER BY actions DESC, u.unit_name, a.institution
