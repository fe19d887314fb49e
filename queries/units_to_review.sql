-- New unit names nobody has reviewed yet: per university, how many actions name them, and one example.
SELECT n.unit_name, a.institution, count(DISTINCT a.action_key)::INTEGER AS actions,
       min(a.title) AS example
FROM units n JOIN action_units u USING (unit_name) JOIN actions a USING (action_key)
WHERE NOT n.reviewed
GROUP BY ALL
ORDER BY a.institution, actions DESC, n.unit_name
