-- Goals of every plan (for the goal filter and labels).
SELECT g.document_id, g.institution, g.goal_no, g.title FROM goals g ORDER BY g.institution, g.goal_no
