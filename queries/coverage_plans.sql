-- The yearly plans in scope and their strategic plan (NULL: none covering the plan's years is loaded).
SELECT p.document_id, d.title, d.plan_label, p.institution, p.period_start, p.period_end, p.strategy_document,
       s.title AS strategy_title
FROM v_plan_strategy p
JOIN documents d ON d.document_id = p.document_id
LEFT JOIN documents s ON s.document_id = p.strategy_document
WHERE p.yearly
  AND ($scope IS NULL OR p.institution = $scope OR p.document_id = $scope OR p.strategy_document = $scope)
  AND ($y0 IS NULL OR p.period_end >= $y0) AND ($y1 IS NULL OR p.period_start <= $y1)
ORDER BY p.period_start, p.institution, p.document_id
