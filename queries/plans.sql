-- Plan documents (for the plan and university filters), oldest period first.
SELECT d.document_id, d.institution, d.title, d.period_start, d.period_end, i.name_az, i.name_en
FROM documents d LEFT JOIN institutions i ON i.code = d.institution
WHERE d.document_id IN (SELECT document_id FROM actions)
ORDER BY d.institution, d.period_start, d.period_end, d.document_id
