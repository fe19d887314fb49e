-- Yearly actions (plans of one calendar or academic year) that pass the sidebar filters, for the coverage page:
-- units, oversight, latest status, indicator and the states of their references to the strategic plan.
-- $scope may name the yearly plan, its university or its strategic plan; $goal is a goal of the strategic plan
-- (the actions referring to it). year_from/year_to: the action's years inside the filter's.
WITH refs AS (
    SELECT action_key, count(*)::INTEGER AS refs,
           count(*) FILTER (WHERE state = 'resolved')::INTEGER AS resolved,
           count(*) FILTER (WHERE state = 'unknown')::INTEGER AS unknown,
           count(*) FILTER (WHERE state = 'no_plan')::INTEGER AS no_plan,
           count(*) FILTER (WHERE state = 'unreadable')::INTEGER AS unreadable,
           list(goal_no) FILTER (WHERE goal_no IS NOT NULL) AS goals
    FROM v_strategy_refs GROUP BY action_key
)
SELECT a.action_key, a.institution, a.document_id, d.title AS plan_title, d.plan_label, p.period_start,
       p.period_end, p.strategy_document, a.seq, a.goal_no, a.target_no, a.action_no, a.goal_ref,
       shown_title(a.title, a.title_en, $lang) AS title,
       greatest(a.active_from, coalesce($y0, a.active_from))::INTEGER AS year_from,
       least(a.active_to, coalesce($y1, a.active_to))::INTEGER AS year_to,
       l.lead_units, l.vice_rectors, s.status, s.progress_pct,
       i.name AS indicator, i.target_value AS indicator_target, i.unit AS indicator_unit,
       i.period AS indicator_period, i.comparator AS indicator_comparator,
       coalesce(r.refs, 0) AS refs, coalesce(r.resolved, 0) AS resolved, coalesce(r.unknown, 0) AS unknown,
       coalesce(r.no_plan, 0) AS no_plan, coalesce(r.unreadable, 0) AS unreadable
FROM filtered_actions(struct_update($filters, scope := NULL, goal := NULL)) a
JOIN v_plan_strategy p USING (document_id)
JOIN documents d USING (document_id)
JOIN action_lists l USING (action_key)
LEFT JOIN action_indicators i USING (action_key)
LEFT JOIN refs r USING (action_key)
LEFT JOIN latest_status s USING (action_key)
WHERE p.yearly
  AND ($scope IS NULL OR a.institution = $scope OR a.document_id = $scope OR p.strategy_document = $scope)
  AND ($goal IS NULL OR list_contains(r.goals, $goal))
ORDER BY p.period_start, a.institution, a.document_id, a.seq
