-- One page of the timeline: actions with known years in plan, goal, target, action order.
-- $with_regular = false leaves out regular actions (slides sum them up in the title).
SELECT a.action_key, a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref, shown_title(a.title, a.title_en, $lang) AS title, a.deadline_raw,
       a.start_year, a.end_year, a.start_month, a.end_month, a.recurrence
FROM filtered_actions($filters) a
JOIN documents d USING (document_id)
WHERE a.start_year IS NOT NULL AND ($with_regular OR a.recurrence <> 'regular')
ORDER BY d.period_start, a.institution DESC, a.goal_no, a.target_no, a.action_no, a.seq
LIMIT $limit OFFSET $offset
