-- What the Gantt of the deadlines page can show: the filtered actions counted per plan, goal and
-- target (with titles), in plan order.
SELECT a.document_id, d.plan_label, any_value(d.period_start) AS period_start, a.goal_no, a.target_no,
       any_value(shown_title(g.title, g.title_en, $lang)) AS goal_title, any_value(shown_title(t.title, t.title_en, $lang)) AS target_title, count(*)::INTEGER AS actions
FROM filtered_actions($filters) a
JOIN documents d USING (document_id)
LEFT JOIN goals g USING (document_id, goal_no)
LEFT JOIN targets t USING (document_id, goal_no, target_no)
WHERE a.active_from IS NOT NULL
GROUP BY a.document_id, d.plan_label, a.goal_no, a.target_no
ORDER BY period_start, d.plan_label DESC, a.goal_no, a.target_no
