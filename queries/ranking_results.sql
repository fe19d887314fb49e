-- Recorded ranking results (filled by users; empty until someone records one).
SELECT institution, ranking, year, rank_best, rank_worst, source, recorded_by, recorded_at
FROM ranking_results
WHERE $plan IS NULL OR institution = $plan
ORDER BY ranking, year
