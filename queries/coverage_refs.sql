-- Every reference of the yearly plans in scope, as written and read, with its state (v_strategy_refs) and the
-- title of the strategic item it names where the strategic plan has it. The page keeps those of the actions
-- that pass the other filters (coverage_actions).
SELECT r.action_key, r.document_id, r.institution, r.pos, r.ref_text, r.goal_no, r.target_no, r.action_no,
       r.level, r.state, r.strategy_document,
       CASE r.level
            WHEN 'goal' THEN (SELECT shown_title(g.title, g.title_en, $lang) FROM goals g
                              WHERE g.document_id = r.strategy_document AND g.goal_no = r.goal_no)
            WHEN 'target' THEN (SELECT shown_title(t.title, t.title_en, $lang) FROM targets t
                                WHERE t.document_id = r.strategy_document AND t.goal_no = r.goal_no
                                  AND t.target_no = r.target_no)
            WHEN 'action' THEN (SELECT first(shown_title(x.title, x.title_en, $lang) ORDER BY x.seq) FROM actions x
                                WHERE x.document_id = r.strategy_document AND x.goal_no = r.goal_no
                                  AND x.target_no = r.target_no AND x.action_no = r.action_no)
       END AS item_title
FROM v_strategy_refs r JOIN v_plan_strategy p USING (document_id)
WHERE p.yearly
  AND ($scope IS NULL OR r.institution = $scope OR r.document_id = $scope OR p.strategy_document = $scope)
ORDER BY r.document_id, r.action_key, r.pos
