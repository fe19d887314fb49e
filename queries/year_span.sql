-- Earliest and latest year of the loaded plans' actions (the range of the year filter).
SELECT min(active_from)::INTEGER AS first, max(active_to)::INTEGER AS last FROM actions
