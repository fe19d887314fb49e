-- The filtered actions with their latest recorded status (NULL where none is recorded yet).
SELECT a.action_key, a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref, shown_title(a.title, a.title_en, $lang) AS title, a.deadline_raw,
       a.recurrence, a.start_year, a.end_year, a.start_month, a.end_month, s.status, s.progress_pct, s.comment, s.evidence_url, s.as_of, s.recorded_by,
       s.recorded_at,
       -- overdue: a recorded status that is not done, on an action whose end has passed; an action with
       -- no status recorded is "not yet assessed", never overdue
       (a.recurrence IN ('period', 'once') AND a.end_year < $this_year
        AND s.status IS NOT NULL AND s.status NOT IN ('done', 'cancelled')) AS overdue,
       -- ended with nothing recorded: past its end year and never assessed (its own list, not "overdue")
       (a.recurrence IN ('period', 'once') AND a.end_year < $this_year AND s.status IS NULL) AS ended_unrecorded,
       (s.as_of IS NOT NULL AND s.as_of < $today::DATE - $stale_days::INTEGER) AS stale
FROM filtered_actions($filters) a
LEFT JOIN latest_status s USING (action_key)
JOIN documents d USING (document_id)
ORDER BY d.period_start, a.institution DESC, a.seq
