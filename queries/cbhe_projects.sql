-- CBHE projects with budget (NULL when not given), period and partner counts.
SELECT p.project_id, p.acronym, p.title, p.budget_eur, p.start_date, p.end_date, p.period_raw,
       p.period_precision, v.coordinator, v.coordinator_country, v.partner_count, p.url, p.objective
FROM cbhe_projects p JOIN v_cbhe_projects v USING (project_id)
WHERE ($y1 IS NULL OR p.start_date IS NULL OR p.start_date <= make_date($y1, 12, 31))
  AND ($y0 IS NULL OR p.end_date IS NULL OR p.end_date >= make_date($y0, 1, 1))
ORDER BY p.seq
