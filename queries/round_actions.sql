-- The actions of one university active in a reporting period (years y0..y1), with their lead units,
-- vice-rectors, plan text and indicator: what units report on in a round.
SELECT a.action_key, a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref,
       shown_title(a.title, a.title_en, $lang) AS title, a.deadline_raw, a.active_from, a.active_to,
       a.indicator_quantitative, a.indicator_qualitative, a.baseline, a.evidence AS evidence_expected,
       a.reporting, l.lead_units, l.vice_rectors,
       i.name AS indicator_name, i.unit, i.baseline_value, i.target_value, i.period, i.comparator
FROM actions a
JOIN action_lists l USING (action_key)
LEFT JOIN action_indicators i USING (action_key)
WHERE a.institution = $institution AND a.active_from <= $y1 AND a.active_to >= $y0
ORDER BY a.seq
