-- Activities of the yearly plans that give no months (regular or no timeline), first $limit.
SELECT a.institution, shown_title(a.title, a.title_en, $lang) AS title, a.deadline_raw
FROM filtered_actions($filters) a
WHERE a.start_month IS NULL
  AND a.document_id IN (SELECT document_id FROM documents WHERE period_start = period_end)
ORDER BY a.institution, a.seq
LIMIT $limit
