-- Goals of every plan (for the goal filter and labels), with the English title where the plan gives one.
SELECT g.document_id, g.institution, g.goal_no, g.title, g.title_en FROM goals g ORDER BY g.institution, g.goal_no
