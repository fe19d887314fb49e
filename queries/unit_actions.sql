-- The filtered actions of one unit ($inst: of that university; NULL: of every university), with its role (first $limit).
SELECT a.institution, a.goal_no, a.target_no, a.action_no, shown_title(a.title, a.title_en, $lang) AS title, a.deadline_raw, u.role,
       a.recurrence, a.start_year, a.end_year, a.start_month, a.end_month
FROM filtered_actions($filters) a JOIN action_units u USING (action_key)
WHERE u.unit_name = $unit AND ($inst IS NULL OR a.institution = $inst)
ORDER BY a.document_id, a.seq
LIMIT $limit
