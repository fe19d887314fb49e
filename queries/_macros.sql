-- Shared filter of every page: the actions that pass the sidebar filters.
-- plan: document id or institution code (NULL = all); goal: goal number (NULL = all);
-- units: canonical unit names ([] = all); unit_role: 'lead' or 'any'; vrs: portfolio keys ([] = all);
-- y0, y1: year range (NULL = open); an action counts when its active years overlap it. An action
-- with no years of its own is active over its plan's period (actions.active_from/active_to).
CREATE OR REPLACE TEMP MACRO filtered_actions(plan, goal, units, unit_role, vrs, y0, y1) AS TABLE
SELECT a.*
FROM actions a
WHERE (plan IS NULL OR a.institution = plan OR a.document_id = plan)
  AND (goal IS NULL OR a.goal_no = goal)
  AND (len(units) = 0 OR EXISTS (
        SELECT 1 FROM action_units u
        WHERE u.action_key = a.action_key AND list_contains(units, u.unit_name)
          AND (unit_role = 'any' OR u.role = 'lead')))
  AND (len(vrs) = 0 OR EXISTS (
        SELECT 1 FROM action_oversight o WHERE o.action_key = a.action_key AND list_contains(vrs, o.vice_rector)))
  AND (y0 IS NULL OR a.active_to >= y0)
  AND (y1 IS NULL OR a.active_from <= y1);

-- A title in the page's language: the English title where the university gave one, else as written; in English
-- a title kept as written carries the visible marker the caller set (queries.run: title_mark, from the message
-- catalogue; '' when none was set), so an Azerbaijani title is never silently mixed into English text.
CREATE OR REPLACE TEMP MACRO shown_title(title, title_en, lang) AS
    CASE WHEN lang = 'en' AND title_en IS NOT NULL AND trim(title_en) <> '' THEN title_en
         WHEN lang = 'en' THEN coalesce(getvariable('title_mark'), '') || title
         ELSE title END;
