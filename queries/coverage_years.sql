-- The years each strategic plan in scope has yearly plans for (inside the filter's years): the years in which
-- a strategic item without yearly work is a gap.
SELECT DISTINCT p.strategy_document AS document_id, d.title AS strategy_title, d.institution,
       d.period_start AS strategy_start, d.period_end AS strategy_end, y.year::INTEGER AS year
FROM v_plan_strategy p
JOIN documents d ON d.document_id = p.strategy_document
CROSS JOIN LATERAL (SELECT unnest(range(p.period_start, p.period_end + 1)) AS year) y
WHERE p.yearly
  AND ($scope IS NULL OR p.institution = $scope OR p.document_id = $scope OR p.strategy_document = $scope)
  AND ($y0 IS NULL OR y.year >= $y0) AND ($y1 IS NULL OR y.year <= $y1)
ORDER BY document_id, year
