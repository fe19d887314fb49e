-- Which units work under each portfolio (lead units of the actions it oversees); placeholders such as
-- "Müvafiq struktur bölmələr", students and outside bodies are not units and are not drawn as such.
SELECT o.vice_rector, a.institution, u.unit_name, count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($filters) a JOIN action_oversight o USING (action_key) JOIN action_units u USING (action_key)
JOIN units n USING (unit_name)
WHERE u.role = 'lead' AND n.kind NOT IN ('generic', 'students', 'external')
GROUP BY ALL
ORDER BY o.vice_rector, actions DESC
