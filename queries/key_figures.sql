-- Headline numbers of the filtered plan.
WITH f AS (SELECT * FROM filtered_actions($filters))
SELECT (SELECT count(*) FROM f)::INTEGER AS actions,
       (SELECT count(DISTINCT (document_id, goal_no)) FROM f)::INTEGER AS goals,
       (SELECT count(DISTINCT (f.institution, u.unit_name)) FROM action_units u JOIN f USING (action_key)
        JOIN units n USING (unit_name) WHERE n.kind NOT IN ('generic', 'students', 'external'))::INTEGER AS units,
       (SELECT count(DISTINCT (f.institution, o.vice_rector)) FROM action_oversight o JOIN f USING (action_key))::INTEGER
           AS vice_rectors,
       (SELECT count(*) FROM f WHERE recurrence IN ('regular', 'semester', 'annual'))::INTEGER AS ongoing,
       (SELECT count(*) FROM f WHERE recurrence IN ('period', 'once'))::INTEGER AS dated,
       (SELECT count(*) FROM f WHERE deadline_raw IS NULL)::INTEGER AS no_deadline,
       (SELECT count(*) FROM f WHERE deadline_raw IS NOT NULL AND recurrence IS NULL)::INTEGER AS as_written,
       (SELECT count(*) FROM ranking_targets r JOIN f USING (action_key))::INTEGER AS ranking_targets
