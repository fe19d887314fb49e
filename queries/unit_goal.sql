-- Actions per unit of a university and goal (any role); placeholders, students and outside bodies left out.
SELECT u.unit_name, a.institution, d.plan_label, a.goal_no, shown_title(g.title, g.title_en, $lang) AS goal_title,
       count(DISTINCT a.action_key)::INTEGER AS actions
FROM filtered_actions($filters) a JOIN action_units u USING (action_key)
JOIN units n USING (unit_name) JOIN documents d USING (document_id)
LEFT JOIN goals g ON g.document_id = a.document_id AND g.goal_no = a.goal_no
WHERE n.kind NOT IN ('generic', 'students', 'external')
GROUP BY ALL
ORDER BY u.unit_name, a.institution, a.goal_no
