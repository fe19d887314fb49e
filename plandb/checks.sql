-- Each query returns the rows that break a rule. The build fails unless all return nothing.

-- every action has a title
SELECT action_key FROM actions WHERE title IS NULL OR length(trim(title)) < 5;

-- a dated action ends no earlier than it starts
SELECT action_key FROM actions WHERE end_year < start_year;

-- a recurrence goes with years, a year with a recurrence
SELECT action_key FROM actions WHERE (recurrence IS NULL) <> (start_year IS NULL);

-- months lie in 1..12
SELECT action_key FROM actions WHERE start_month NOT BETWEEN 1 AND 12 OR end_month NOT BETWEEN 1 AND 12;

-- every action unit is a canonical unit
SELECT action_key, unit_name FROM action_units WHERE unit_name NOT IN (SELECT unit_name FROM units);

-- a unit is not both lead and partner of one action
SELECT action_key, unit_name FROM action_units GROUP BY ALL HAVING count(DISTINCT role) > 1;

-- every vice-rector key is known
SELECT action_key, vice_rector FROM action_oversight WHERE vice_rector NOT IN (SELECT key FROM vice_rectors);

-- every action belongs to a known goal
SELECT a.action_key FROM actions a LEFT JOIN goals g USING (document_id, goal_no)
WHERE a.goal_no IS NOT NULL AND g.goal_no IS NULL AND a.document_id IN (SELECT document_id FROM goals);

-- a ranking band reads best <= worst
SELECT ranking, action_key FROM ranking_targets WHERE best_rank > worst_rank;

-- every CBHE participant has a known country
SELECT organisation FROM organisations WHERE country IS NULL OR country NOT IN (SELECT code FROM countries);

-- each listed project has exactly one coordinator
SELECT project_id FROM cbhe_projects p WHERE participants_listed
  AND (SELECT count(*) FROM cbhe_participants x WHERE x.project_id = p.project_id AND x.role = 'coordinator') <> 1;

-- a budget is positive when given
SELECT project_id FROM cbhe_projects WHERE budget_eur <= 0;

-- assessment components add up to 100 points
SELECT course_code FROM course_assessment GROUP BY course_code HAVING sum(points) <> 100;

-- lecture and seminar hours add up to the total
SELECT course_code FROM courses WHERE hours_lecture + hours_seminar <> hours_total
