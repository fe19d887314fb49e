-- Filtered actions whose note names no vice-rector.
SELECT a.institution, a.goal_no, a.target_no, a.action_no, shown_title(a.title, a.title_en, $lang) AS title, a.note_raw
FROM filtered_actions($filters) a
WHERE NOT EXISTS (SELECT 1 FROM action_oversight o WHERE o.action_key = a.action_key)
ORDER BY a.document_id, a.seq
