-- Reviewed units (reference or accepted) and the universities whose actions name them (for merge choices).
SELECT n.unit_name, n.name_en, n.kind, list(DISTINCT a.institution ORDER BY a.institution) FILTER (
           WHERE a.institution IS NOT NULL) AS institutions
FROM units n LEFT JOIN action_units u USING (unit_name) LEFT JOIN actions a USING (action_key)
WHERE n.reviewed
GROUP BY ALL
ORDER BY n.unit_name
