-- The filtered actions with everything a table or timeline shows, in document order; titles in $lang.
SELECT a.action_key, a.institution, a.document_id, a.goal_no, shown_title(g.title, g.title_en, $lang) AS goal_title,
       a.target_no, shown_title(t.title, t.title_en, $lang) AS target_title, a.action_no, a.goal_ref,
       shown_title(a.title, a.title_en, $lang) AS title, a.deadline_raw, a.start_year, a.end_year,
       a.start_month, a.end_month, a.recurrence,
       l.lead_units, l.partner_units, l.vice_rectors, l.people,
       a.responsible_raw, a.note_raw, a.indicator_quantitative, a.indicator_qualitative, a.means,
       a.expected_result, a.reporting, a.source_line
FROM filtered_actions($filters) a
JOIN action_lists l USING (action_key)
LEFT JOIN goals g USING (document_id, goal_no)
LEFT JOIN targets t USING (document_id, goal_no, target_no)
JOIN documents d USING (document_id)
ORDER BY d.period_start, a.institution DESC, a.seq
