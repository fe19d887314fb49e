-- Every participant of the CBHE projects in the year range, with country names.
SELECT v.project_id, v.acronym, v.organisation, v.country, c.name_az AS country_az, c.name_en AS country_en, v.role,
       c.iso3
FROM v_cbhe_participants v
JOIN cbhe_projects p USING (project_id)
LEFT JOIN countries c ON c.code = v.country
WHERE ($y1 IS NULL OR p.start_date IS NULL OR p.start_date <= make_date($y1, 12, 31))
  AND ($y0 IS NULL OR p.end_date IS NULL OR p.end_date >= make_date($y0, 1, 1))
