-- Every (university, ranking) pair a loaded plan targets, whatever the page filters: a recorded result
-- is drawn without a target only when no plan of its university gives that ranking a numeric band.
-- band_best/band_worst: the widest numeric band of the pair (NULL when the plans name the ranking
-- without a place); bands: every distinct band as written, e.g. ['1–100'].
SELECT institution, ranking,
       min(best_rank) AS band_best, max(worst_rank) AS band_worst,
       list(DISTINCT best_rank || '–' || worst_rank ORDER BY best_rank || '–' || worst_rank)
           FILTER (WHERE best_rank IS NOT NULL) AS bands
FROM ranking_targets
GROUP BY institution, ranking
ORDER BY institution, ranking
