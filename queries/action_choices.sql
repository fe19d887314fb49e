-- The filtered actions to pick one from on the action page: key, number parts and title, in plan order.
SELECT a.action_key, a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref,
       shown_title(a.title, a.title_en, $lang) AS title
FROM filtered_actions($filters) a
JOIN documents d USING (document_id)
ORDER BY d.period_start, a.institution, a.seq
