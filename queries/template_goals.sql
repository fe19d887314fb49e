-- Goals and targets of the plans for the Excel template.
SELECT g.document_id, g.goal_no, g.title, g.title_en, NULL::INTEGER AS target_no, 'goal' AS level
FROM goals g JOIN documents d USING (document_id)
WHERE $plan IS NULL OR d.institution = $plan OR d.document_id = $plan
UNION ALL
SELECT t.document_id, t.goal_no, t.title, t.title_en, t.target_no, 'target'
FROM targets t JOIN documents d USING (document_id)
WHERE $plan IS NULL OR d.institution = $plan OR d.document_id = $plan
ORDER BY document_id, goal_no, target_no NULLS FIRST
