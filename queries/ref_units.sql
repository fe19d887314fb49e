-- Units with English names (labels in English mode) and whether someone has reviewed them.
SELECT unit_name, name_en, kind, reviewed FROM units ORDER BY unit_name
