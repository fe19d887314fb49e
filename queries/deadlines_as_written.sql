-- Deadlines the reader did not understand: kept as written (never shown as "no deadline"), listed
-- on the Data page so that someone can rewrite them in the plan.
SELECT a.institution, d.title AS document, a.goal_no, a.target_no, a.action_no, a.deadline_raw,
       shown_title(a.title, a.title_en, $lang) AS title
FROM actions a JOIN documents d USING (document_id)
WHERE a.deadline_raw IS NOT NULL AND a.recurrence IS NULL
ORDER BY a.institution, a.document_id, a.seq
