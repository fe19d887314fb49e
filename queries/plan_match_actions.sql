-- The actions of one plan document for plan-to-plan matching (analytics/plan_match.py): numbering, the title
-- as written (matched on) and as shown in $lang, lead units in document order, and the goal's title.
SELECT a.action_key, a.document_id, a.institution, a.seq, a.goal_no, a.target_no, a.action_no, a.goal_ref,
       a.title AS title_az, shown_title(a.title, a.title_en, $lang) AS title,
       coalesce(l.lead_units, []) AS lead_units,
       shown_title(g.title, g.title_en, $lang) AS goal_title
FROM actions a
LEFT JOIN action_lists l USING (action_key)
LEFT JOIN goals g ON g.document_id = a.document_id AND g.goal_no = a.goal_no
WHERE a.document_id = $document
ORDER BY a.seq
