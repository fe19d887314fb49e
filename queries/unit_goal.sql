-- Actions per unit of a university and goal (any role); placeholders, students and outside bodies left out.
SELECT u.unit_name, a.institution, d.plan_label, a.goal_no, count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a JOIN action_units u USING (action_key)
JOIN units n USING (unit_name) JOIN documents d USING (document_id)
WHERE n.kind NOT IN ('generic', 'students', 'external')
GROUP BY ALL
ORDER BY u.unit_name, a.institution, a.goal_no
