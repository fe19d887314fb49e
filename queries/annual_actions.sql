-- The filtered actions as the implementation report reads them: plan, years, lead units, vice-rectors,
-- how the deadline was read and the result indicator (NULL where the plan gives none).
SELECT a.action_key, a.document_id, d.title AS plan_title, d.period_start AS plan_start, d.period_end AS plan_end, d.plan_label,
       a.active_from, a.active_to, l.lead_units, l.vice_rectors,
       i.name AS indicator_name, i.unit, i.baseline_value, i.target_value, i.period
FROM filtered_actions($filters) a
JOIN action_lists l USING (action_key)
JOIN documents d ON d.document_id = a.document_id
LEFT JOIN action_indicators i ON i.action_key = a.action_key
ORDER BY d.period_start, a.institution DESC, a.seq
