-- The Gantt of the deadlines page for one choice: the filtered actions of a plan's goal (the filters'
-- scope narrowed to the document and their goal to the goal; $unit NULL), or of a unit of a university ($unit, $inst; as lead,
-- or in any role when $unit_role = 'any'), in plan order, first $limit. Every action is listed; one
-- without years of its own carries its plan's period (active_from..active_to).
SELECT d.plan_label, a.document_id, a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref, shown_title(a.title, a.title_en, $lang) AS title,
       a.deadline_raw, a.recurrence, a.start_year, a.end_year, a.start_month, a.end_month,
       a.active_from, a.active_to
FROM filtered_actions($filters) a
JOIN documents d USING (document_id)
WHERE a.active_from IS NOT NULL
  AND ($inst IS NULL OR a.institution = $inst)
  AND ($unit IS NULL OR EXISTS (
        SELECT 1 FROM action_units u
        WHERE u.action_key = a.action_key AND u.unit_name = $unit AND ($unit_role = 'any' OR u.role = 'lead')))
ORDER BY d.period_start, a.institution DESC, a.document_id, a.goal_no, a.target_no, a.action_no, a.seq
LIMIT $limit
