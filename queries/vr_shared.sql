-- Actions overseen by two or more portfolios together.
SELECT a.institution, a.goal_no, a.target_no, a.action_no, shown_title(a.title, a.title_en, $lang) AS title,
       list(o.vice_rector ORDER BY o.pos) AS vice_rectors
FROM filtered_actions($filters) a JOIN action_oversight o USING (action_key)
GROUP BY a.institution, a.document_id, a.seq, a.goal_no, a.target_no, a.action_no, a.title, a.title_en
HAVING count(*) >= 2
ORDER BY a.document_id, a.seq
