-- The items (goals, targets, numbered actions) of the strategic plans that yearly plans in scope stand under,
-- with the vice-rectors overseeing each strategic action; $goal keeps one goal. Each strategic plan's years
-- with a yearly plan are in coverage_years.
WITH strat AS (
    SELECT DISTINCT p.strategy_document AS document_id
    FROM v_plan_strategy p
    WHERE p.yearly AND p.strategy_document IS NOT NULL
      AND ($scope IS NULL OR p.institution = $scope OR p.document_id = $scope OR p.strategy_document = $scope)
)
SELECT * FROM (
    SELECT 'goal' AS level, g.document_id, g.goal_no, NULL::INTEGER AS target_no, NULL::INTEGER AS action_no,
           shown_title(g.title, g.title_en, $lang) AS title, []::VARCHAR[] AS vice_rectors
    FROM goals g JOIN strat USING (document_id)
    UNION ALL
    SELECT 'target', t.document_id, t.goal_no, t.target_no, NULL, shown_title(t.title, t.title_en, $lang),
           []::VARCHAR[]
    FROM targets t JOIN strat USING (document_id)
    UNION ALL
    SELECT 'action', a.document_id, a.goal_no, a.target_no, a.action_no,
           first(shown_title(a.title, a.title_en, $lang) ORDER BY a.seq), first(l.vice_rectors ORDER BY a.seq)
    FROM actions a JOIN strat USING (document_id) JOIN action_lists l USING (action_key)
    WHERE a.goal_no IS NOT NULL AND a.target_no IS NOT NULL AND a.action_no IS NOT NULL
    GROUP BY a.document_id, a.goal_no, a.target_no, a.action_no
) i
WHERE $goal IS NULL OR i.goal_no = $goal
ORDER BY i.document_id, i.goal_no, i.target_no NULLS FIRST, i.action_no NULLS FIRST
