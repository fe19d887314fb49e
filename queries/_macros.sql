-- Shared filter of every page: the actions that pass the sidebar filters. `filters` is one value
-- (analytics.filters.Filters.params()["filters"]), a struct of:
--   scope: a plan's document id or a university's code (NULL = all); goal: goal number (NULL = all);
--   units: canonical unit names ([] = all); unit_role: 'lead' or 'any'; vrs: portfolio keys ([] = all);
--   y0, y1: year range (NULL = open); an action counts when its active years overlap it. An action
--   with no years of its own is active over its plan's period (actions.active_from/active_to).
-- A new filter is one field of Filters and one condition here.
CREATE OR REPLACE TEMP MACRO filtered_actions(filters) AS TABLE
SELECT a.*
FROM actions a
WHERE (filters['scope'] IS NULL OR a.institution = filters['scope'] OR a.document_id = filters['scope'])
  AND (filters['goal'] IS NULL OR a.goal_no = filters['goal'])
  AND (len(filters['units']) = 0 OR EXISTS (
        SELECT 1 FROM action_units u
        WHERE u.action_key = a.action_key AND list_contains(filters['units'], u.unit_name)
          AND (filters['unit_role'] = 'any' OR u.role = 'lead')))
  AND (len(filters['vrs']) = 0 OR EXISTS (
        SELECT 1 FROM action_oversight o
        WHERE o.action_key = a.action_key AND list_contains(filters['vrs'], o.vice_rector)))
  AND (filters['y0'] IS NULL OR a.active_to >= filters['y0'])
  AND (filters['y1'] IS NULL OR a.active_from <= filters['y1']);

-- A title in the page's language: the English title where the university gave one, else as written; in English
-- a title kept as written carries the visible marker the caller set (queries.run: title_mark, from the message
-- catalogue; '' when none was set), so an Azerbaijani title is never silently mixed into English text.
CREATE OR REPLACE TEMP MACRO shown_title(title, title_en, lang) AS
    CASE WHEN lang = 'en' AND title_en IS NOT NULL AND trim(title_en) <> '' THEN title_en
         WHEN lang = 'en' THEN coalesce(getvariable('title_mark'), '') || title
         ELSE title END;
