-- Goals, targets and actions in scope ($scope: a document id or university code, NULL = all) that have no English
-- title: shown in English as written, with the marker the pages' legend explains.
SELECT (SELECT count(*) FROM goals g
        WHERE ($scope IS NULL OR g.institution = $scope OR g.document_id = $scope)
          AND (g.title_en IS NULL OR trim(g.title_en) = ''))
     + (SELECT count(*) FROM targets x
        WHERE ($scope IS NULL OR x.institution = $scope OR x.document_id = $scope)
          AND (x.title_en IS NULL OR trim(x.title_en) = ''))
     + (SELECT count(*) FROM actions a
        WHERE ($scope IS NULL OR a.institution = $scope OR a.document_id = $scope)
          AND (a.title_en IS NULL OR trim(a.title_en) = '')) AS n
