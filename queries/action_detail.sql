-- One action with everything its plan says about it: plan, goal and target titles, deadline as written and
-- as read, units, vice-rectors, indicator (as written and as read), baseline, expected evidence, reporting, and
-- where in its document it was read (source_*) with the reasons to check it.
SELECT a.action_key, a.institution, a.document_id, d.plan_label, d.period_start, d.period_end,
       a.goal_no, a.target_no, a.action_no, a.goal_ref,
       shown_title(a.title, a.title_en, $lang) AS title,
       shown_title(g.title, g.title_en, $lang) AS goal_title,
       shown_title(tg.title, tg.title_en, $lang) AS target_title,
       a.deadline_raw, a.recurrence, a.start_year, a.end_year, a.start_month, a.end_month,
       a.active_from, a.active_to, a.note_raw,
       a.indicator_quantitative, a.indicator_qualitative, a.baseline, a.evidence AS evidence_expected,
       a.reporting, a.expected_result,
       l.lead_units, l.partner_units, l.vice_rectors,
       a.source_file, a.source_page, a.source_sheet, a.source_table, a.source_row, a.source_line,
       a.source_paragraph, a.source_method, a.uncertain,
       i.name AS indicator_name, i.unit AS indicator_unit, i.baseline_value, i.target_value, i.period AS indicator_period,
       i.comparator
FROM actions a
JOIN documents d USING (document_id)
JOIN action_lists l USING (action_key)
LEFT JOIN goals g ON g.document_id = a.document_id AND g.goal_no = a.goal_no
LEFT JOIN targets tg ON tg.document_id = a.document_id AND tg.goal_no = a.goal_no AND tg.target_no = a.target_no
LEFT JOIN action_indicators i USING (action_key)
WHERE a.action_key = $action_key
