-- Actions per vice-rector portfolio of each university (one post per university: QKU's and NDU's vice-rectors
-- for international relations are two people); actions naming no vice-rector count under NULL.
SELECT a.institution, o.vice_rector, count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($filters) a LEFT JOIN action_oversight o USING (action_key)
GROUP BY ALL
ORDER BY actions DESC
