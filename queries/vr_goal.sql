-- Actions per vice-rector portfolio and goal.
SELECT o.vice_rector, d.plan_label AS institution, a.goal_no, count(*)::INTEGER AS actions
FROM filtered_actions($filters) a JOIN action_oversight o USING (action_key)
JOIN documents d USING (document_id)
GROUP BY ALL
ORDER BY o.vice_rector, institution, a.goal_no
