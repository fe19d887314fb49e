-- CBHE projects a university takes part in ($inst: its code; NULL: every project): an organisation
-- whose name contains the university's Azerbaijani or English name.
SELECT DISTINCT x.project_id
FROM cbhe_participants x
JOIN institutions i ON i.code = $inst
WHERE $inst IS NULL
   OR x.organisation ILIKE '%' || i.name_az || '%'
   OR x.organisation ILIKE '%' || i.name_en || '%'
UNION
SELECT project_id FROM cbhe_projects WHERE $inst IS NULL
