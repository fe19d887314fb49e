-- Canonical units with English names (labels in English mode).
SELECT unit_name, name_en, kind FROM units ORDER BY unit_name
