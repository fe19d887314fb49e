-- Goals and targets of the plans for the Excel template.
SELECT g.document_id, g.goal_no, g.title, g.title_en, NULL::INTEGER AS target_no, 'goal' AS level
FROM goals g JOIN documents d USING (document_id)
WHERE $scope IS NULL OR d.institution = $scope OR d.document_id = $scope
UNION ALL
SELECT t.document_id, t.goal_no, t.title, t.title_en, t.target_no, 'target'
FROM targets t JOIN documents d USING (document_id)
WHERE $scope IS NULL OR d.institution = $scope OR d.document_id = $scope
ORDER BY document_id, goal_no, target_no NULLS FIRST
