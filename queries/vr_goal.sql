-- Actions per vice-rector portfolio and goal.
SELECT o.vice_rector, a.institution, a.goal_no, count(*)::INTEGER AS actions
FROM filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a JOIN action_oversight o USING (action_key)
GROUP BY ALL
ORDER BY o.vice_rector, a.institution, a.goal_no
