-- Activities of the yearly plans that give months (NDU, MDU 2025), for a month-level timeline.
SELECT a.institution, a.goal_no, a.target_no, a.title, a.deadline_raw, a.start_year, a.start_month,
       a.end_year, a.end_month, a.recurrence
FROM filtered_actions($plan, $goal, $units, $unit_role, $vrs, $y0, $y1) a
WHERE a.start_month IS NOT NULL OR (a.document_id IN (SELECT document_id FROM documents
                                                        WHERE period_start = period_end))
ORDER BY a.institution, a.seq
