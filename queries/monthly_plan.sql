-- Activities of the yearly plans (one-year period): those with months for a month-level timeline
-- (first $limit), and a count of those with and without months; titles in $lang.
WITH yearly AS (
    SELECT a.* FROM filtered_actions($filters) a
    WHERE a.document_id IN (SELECT document_id FROM documents WHERE period_start = period_end)
)
SELECT institution, goal_no, target_no, shown_title(title, title_en, $lang) AS title, deadline_raw, start_year,
       start_month, end_year, end_month,
       recurrence, (SELECT count(*) FROM yearly WHERE start_month IS NOT NULL)::INTEGER AS with_months,
       (SELECT count(*) FROM yearly WHERE start_month IS NULL)::INTEGER AS without_months
FROM yearly
WHERE start_month IS NOT NULL
ORDER BY institution, seq
LIMIT $limit
