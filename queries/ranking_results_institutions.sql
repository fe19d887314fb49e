-- Universities a ranking result can be recorded for: the reference list and every loaded document's
-- university (a plan may name a code the reference does not have yet), with the names to show.
SELECT code, name_az, name_en FROM institutions
UNION ALL
SELECT DISTINCT d.institution, d.institution, d.institution
FROM documents d
WHERE d.institution IS NOT NULL AND d.institution NOT IN (SELECT code FROM institutions)
ORDER BY code
