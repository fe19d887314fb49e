-- Plan documents (for the plan filter).
SELECT d.document_id, d.institution, d.title, d.period_start, d.period_end, i.name_az, i.name_en
FROM documents d LEFT JOIN institutions i ON i.code = d.institution
WHERE d.kind LIKE '%plan%'
ORDER BY d.period_start, d.institution
