-- Narrative sections of the compendium, in reading order.
SELECT section_key, heading, body FROM cbhe_narrative ORDER BY document_id, pos
