-- A university's goals and actions with the title as written and the English title where there is one: what the
-- English-titles page lists (goals first, then actions, in plan order).
SELECT * FROM (
    SELECT 'goal' AS kind, g.document_id || '|' || g.goal_no AS item_key, g.institution, d.plan_label,
           d.period_start, g.goal_no, NULL::INTEGER AS target_no, NULL::INTEGER AS action_no, NULL AS goal_ref,
           g.title, g.title_en, g.goal_no AS pos
    FROM goals g JOIN documents d USING (document_id)
    WHERE g.institution = $institution
    UNION ALL
    SELECT 'action', a.action_key, a.institution, d.plan_label, d.period_start, a.goal_no, a.target_no, a.action_no,
           a.goal_ref, a.title, a.title_en, a.seq
    FROM actions a JOIN documents d USING (document_id)
    WHERE a.institution = $institution
) ORDER BY period_start, plan_label, kind DESC, pos
