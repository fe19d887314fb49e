-- Plan documents for the Excel template (all plans, those of one university, or the one chosen).
SELECT d.document_id, d.kind, d.institution, i.name_az AS institution_name, d.title, d.period_start, d.period_end
FROM documents d LEFT JOIN institutions i ON i.code = d.institution
WHERE d.kind NOT IN ('cbhe_compendium', 'syllabus') AND ($scope IS NULL OR d.institution = $scope OR d.document_id = $scope)
ORDER BY d.period_start, d.institution DESC
