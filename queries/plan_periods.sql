-- The plans in the filter's scope with their periods (the newest first per university): what the pages
-- say about time ("the 2021-2025 plan ended 11 months ago; no newer plan is loaded").
SELECT d.document_id, d.institution, d.kind, d.title, d.period_start, d.period_end,
       count(*)::INTEGER AS actions
FROM documents d
JOIN actions a USING (document_id)
WHERE ($scope IS NULL OR d.institution = $scope OR d.document_id = $scope)
GROUP BY ALL
ORDER BY d.institution, d.period_end DESC NULLS LAST, d.period_start DESC NULLS LAST
