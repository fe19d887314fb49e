-- The filtered actions with everything a table or timeline shows, in document order.
SELECT a.action_key, a.institution, a.document_id, a.goal_no, g.title AS goal_title, a.target_no,
       t.title AS target_title, a.action_no, a.goal_ref, a.title, a.deadline_raw, a.start_year, a.end_year,
       a.start_month, a.end_month, a.recurrence,
       coalesce((SELECT list(u.unit_name ORDER BY u.pos) FROM action_units u
                 WHERE u.action_key = a.action_key AND u.role = 'lead'), []::VARCHAR[]) AS lead_units,
       coalesce((SELECT list(u.unit_name ORDER BY u.pos) FROM action_units u
                 WHERE u.action_key = a.action_key AND u.role = 'partner'), []::VARCHAR[]) AS partner_units,
       coalesce((SELECT list(o.vice_rector ORDER BY o.pos) FROM action_oversight o
                 WHERE o.action_key = a.action_key), []::VARCHAR[]) AS vice_rectors,
       coalesce((SELECT list(p.person ORDER BY p.pos) FROM action_people p
                 WHERE p.action_key = a.action_key), []::VARCHAR[]) AS people,
       a.responsible_raw, a.note_raw, a.indicator_quantitative, a.indicator_qualitative, a.means,
       a.expected_result, a.reporting, a.source_line
FROM filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a
LEFT JOIN goals g USING (document_id, goal_no)
LEFT JOIN targets t USING (document_id, goal_no, target_no)
JOIN documents d USING (document_id)
ORDER BY d.period_start, a.institution DESC, a.seq
