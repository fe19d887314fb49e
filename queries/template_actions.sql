-- Every action with its units, vice-rectors, people and codes, for the Excel template.
SELECT a.*, l.lead_units, l.partner_units, l.vice_rectors, l.people, l.strategy_codes,
       i.name AS indicator_name, i.unit AS indicator_unit, i.baseline_value AS indicator_baseline,
       i.target_value AS indicator_target, i.period AS indicator_period,
       (SELECT string_agg(r.ref_text, '; ' ORDER BY r.pos) FROM strategy_refs r
        WHERE r.action_key = a.action_key) AS strategy_ref
FROM actions a JOIN documents d USING (document_id) JOIN action_lists l USING (action_key)
LEFT JOIN action_indicators i USING (action_key)
WHERE $scope IS NULL OR d.institution = $scope OR d.document_id = $scope
ORDER BY a.document_id, a.seq
