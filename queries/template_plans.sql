-- Plan documents for the Excel template (all plans, or the one chosen).
SELECT document_id, kind, institution, title, period_start, period_end
FROM documents
WHERE kind NOT IN ('cbhe_compendium', 'syllabus') AND ($plan IS NULL OR institution = $plan OR document_id = $plan)
ORDER BY period_start, institution DESC
