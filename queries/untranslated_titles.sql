-- Goals, targets and actions in scope ($plan: a document id or university code, NULL = all) that have no English
-- title: shown in English as written, with the marker the pages' legend explains.
SELECT (SELECT count(*) FROM goals g
        WHERE ($plan IS NULL OR g.institution = $plan OR g.document_id = $plan)
          AND (g.title_en IS NULL OR trim(g.title_en) = ''))
     + (SELECT count(*) FROM targets x
        WHERE ($plan IS NULL OR x.institution = $plan OR x.document_id = $plan)
          AND (x.title_en IS NULL OR trim(x.title_en) = ''))
     + (SELECT count(*) FROM actions a
        WHERE ($plan IS NULL OR a.institution = $plan OR a.document_id = $plan)
          AND (a.title_en IS NULL OR trim(a.title_en) = '')) AS n
