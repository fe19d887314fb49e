-- Headline status numbers of the filtered actions.
SELECT count(*)::INTEGER AS actions, count(s.status)::INTEGER AS recorded,
       count(*) FILTER (WHERE s.status = 'done')::INTEGER AS done,
       count(*) FILTER (WHERE s.status = 'at_risk')::INTEGER AS at_risk,
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once') AND a.end_year < $this_year
                        AND s.status IS NOT NULL AND s.status NOT IN ('done', 'cancelled'))::INTEGER AS overdue,
       -- dated actions whose end year has passed with no status ever recorded: the rector's first question
       count(*) FILTER (WHERE a.recurrence IN ('period', 'once') AND a.end_year < $this_year
                        AND s.status IS NULL)::INTEGER AS ended_unrecorded,
       -- a recorded status older than $stale_days days
       count(*) FILTER (WHERE s.as_of IS NOT NULL AND s.as_of < $today::DATE - $stale_days::INTEGER)::INTEGER AS stale
FROM filtered_actions($filters) a
LEFT JOIN latest_status s USING (action_key)
