-- Which units work under each portfolio (lead units of the actions it oversees).
SELECT o.vice_rector, a.institution, u.unit_name, count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a JOIN action_oversight o USING (action_key) JOIN action_units u USING (action_key)
WHERE u.role = 'lead'
GROUP BY ALL
ORDER BY o.vice_rector, actions DESC
