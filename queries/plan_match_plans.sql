-- The plan documents of one university that have actions, oldest period first, with the number of actions:
-- the candidates for consecutive plans (analytics/plan_match.consecutive).
SELECT d.document_id, d.institution, d.title, d.period_start, d.period_end,
       (d.period_end - d.period_start) <= 1 AS yearly, count(*)::INTEGER AS actions
FROM documents d
JOIN actions a USING (document_id)
WHERE d.institution = $institution AND d.period_start IS NOT NULL AND d.period_end IS NOT NULL
GROUP BY ALL
ORDER BY d.period_start, d.period_end, d.document_id
