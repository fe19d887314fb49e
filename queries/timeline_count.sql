-- How many actions the timeline has (for paging and the slide title).
SELECT count(*)::INTEGER AS n
FROM filtered_actions($filters) a
WHERE a.start_year IS NOT NULL AND ($with_regular OR a.recurrence <> 'regular')
