-- Completion per plan and goal.
SELECT d.plan_label || ' ' || a.goal_no AS label, min(d.period_start) AS period_start, d.plan_label AS institution,
       a.goal_no, count(*)::INTEGER AS actions,
       count(s.status)::INTEGER AS recorded,
       count(*) FILTER (WHERE s.status = 'done')::INTEGER AS done,
       count(*) FILTER (WHERE s.status = 'at_risk')::INTEGER AS at_risk,
       -- the share done among all actions, unknown (not 0) while nothing is recorded
       CASE WHEN count(s.status) > 0 THEN round(100.0 * count(*) FILTER (WHERE s.status = 'done') / count(*), 1)
       END AS done_pct
FROM filtered_actions($filters) a
LEFT JOIN latest_status s ON s.action_key = a.action_key
JOIN documents d USING (document_id)
GROUP BY d.plan_label, a.goal_no
ORDER BY period_start, institution DESC, a.goal_no
