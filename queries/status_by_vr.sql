-- Completion per vice-rector portfolio (actions naming none count under NULL).
SELECT o.vice_rector AS label, count(*)::INTEGER AS actions,
       count(s.status)::INTEGER AS recorded,
       count(*) FILTER (WHERE s.status = 'done')::INTEGER AS done,
       count(*) FILTER (WHERE s.status = 'at_risk')::INTEGER AS at_risk,
       -- the share done among all actions, unknown (not 0) while nothing is recorded
       CASE WHEN count(s.status) > 0 THEN round(100.0 * count(*) FILTER (WHERE s.status = 'done') / count(*), 1)
       END AS done_pct
FROM filtered_actions($filters) a
LEFT JOIN action_oversight o ON o.action_key = a.action_key
LEFT JOIN latest_status s ON s.action_key = a.action_key
GROUP BY o.vice_rector
ORDER BY actions DESC
