-- Actions per unit and role (lead / partner) among the filtered actions.
SELECT u.unit_name, u.role, count(*)::INTEGER AS actions
FROM action_units u JOIN filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a USING (action_key)
GROUP BY ALL
ORDER BY u.unit_name, u.role
