-- The explorer table: filtered actions matching the search (NULL = all), first $limit rows.
WITH f AS (
    SELECT a.*, d.period_start, l.lead_units, l.partner_units, l.vice_rectors, l.people
    FROM filtered_actions($filters) a JOIN documents d USING (document_id)
    JOIN action_lists l USING (action_key)
)
SELECT f.action_key, f.institution, f.goal_no, f.target_no, f.action_no, f.goal_ref, shown_title(f.title, f.title_en, $lang) AS title, f.deadline_raw,
       f.recurrence, f.start_year, f.end_year, f.start_month, f.end_month, f.lead_units, f.partner_units, f.vice_rectors, f.people, f.note_raw,
       shown_title(g.title, g.title_en, $lang) AS goal_title, shown_title(t.title, t.title_en, $lang) AS target_title,
       f.source_file, f.source_page, f.source_sheet, f.source_table, f.source_row, f.source_line, f.source_paragraph,
       f.source_method, f.uncertain,
       count(*) OVER ()::INTEGER AS matches
FROM f
LEFT JOIN goals g USING (document_id, goal_no)
LEFT JOIN targets t USING (document_id, goal_no, target_no)
WHERE $search IS NULL
   OR f.title ILIKE $search OR f.note_raw ILIKE $search OR f.deadline_raw ILIKE $search
   OR array_to_string(f.lead_units, ' ') ILIKE $search OR array_to_string(f.partner_units, ' ') ILIKE $search
ORDER BY f.period_start, f.institution DESC, f.seq
LIMIT $limit
