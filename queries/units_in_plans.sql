-- Units that appear in at least one action (for the unit filter).
SELECT u.unit_name, n.name_en, count(DISTINCT u.action_key)::INTEGER AS actions
FROM action_units u JOIN units n USING (unit_name)
GROUP BY ALL ORDER BY actions DESC, u.unit_name
