-- The filtered actions that carry an indicator (as written, with the number read where there is one), with
-- what the computed state needs (active years) and the baseline as written.
SELECT a.action_key, a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref,
       shown_title(a.title, a.title_en, $lang) AS title, a.active_from, a.active_to, a.baseline,
       i.name AS indicator_name, i.unit, i.baseline_value, i.target_value, i.period, i.comparator
FROM filtered_actions($filters) a
JOIN action_indicators i USING (action_key)
JOIN documents d USING (document_id)
ORDER BY d.period_start, a.institution, a.seq
