-- Ranking targets of the filtered actions, with the band, deadline, action and responsible units.
SELECT r.institution, r.ranking, k.name AS ranking_name, r.best_rank, r.worst_rank, r.deadline_raw, r.end_year,
       a.goal_no, a.target_no, a.action_no, shown_title(a.title, a.title_en, $lang) AS action_title, l.lead_units,
       a.recurrence, a.start_year, a.start_month, a.end_month, a.end_year AS action_end_year
FROM ranking_targets r
JOIN filtered_actions($filters) a USING (action_key)
JOIN rankings k ON k.key = r.ranking
JOIN action_lists l ON l.action_key = a.action_key
ORDER BY r.institution, a.seq, r.ranking
