-- Completion per lead unit of its university: actions, with a status, done, and the share done. Placeholders
-- ("Müvafiq struktur bölmələr"), students and outside bodies are not units: counted as everywhere else.
SELECT u.unit_name AS label, a.institution AS unit_institution, count(*)::INTEGER AS actions,
       count(s.status)::INTEGER AS recorded,
       count(*) FILTER (WHERE s.status = 'done')::INTEGER AS done,
       count(*) FILTER (WHERE s.status = 'at_risk')::INTEGER AS at_risk,
       -- the share done among all actions, unknown (not 0) while nothing is recorded
       CASE WHEN count(s.status) > 0 THEN round(100.0 * count(*) FILTER (WHERE s.status = 'done') / count(*), 1)
       END AS done_pct
FROM filtered_actions($filters) a
JOIN action_units u ON u.action_key = a.action_key AND u.role = 'lead'
JOIN units n ON n.unit_name = u.unit_name AND n.kind NOT IN ('generic', 'students', 'external')
LEFT JOIN latest_status s ON s.action_key = a.action_key
GROUP BY a.institution, u.unit_name
ORDER BY actions DESC, label
