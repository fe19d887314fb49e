-- Units that appear in at least one action (for the unit filter), with the universities whose actions name them.
SELECT u.unit_name, n.name_en, count(DISTINCT u.action_key)::INTEGER AS actions,
       list(DISTINCT a.institution ORDER BY a.institution) AS institutions
FROM action_units u JOIN units n USING (unit_name) JOIN actions a USING (action_key)
GROUP BY ALL ORDER BY actions DESC, u.unit_name
