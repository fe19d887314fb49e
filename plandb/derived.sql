-- Derived once per build, after the documents are loaded: every action's lists in document order.
INSERT INTO action_lists
SELECT a.action_key,
       coalesce((SELECT list(u.unit_name ORDER BY u.pos) FROM action_units u
                 WHERE u.action_key = a.action_key AND u.role = 'lead'), []::VARCHAR[]) AS lead_units,
       coalesce((SELECT list(u.unit_name ORDER BY u.pos) FROM action_units u
                 WHERE u.action_key = a.action_key AND u.role = 'partner'), []::VARCHAR[]) AS partner_units,
       coalesce((SELECT list(o.vice_rector ORDER BY o.pos) FROM action_oversight o
                 WHERE o.action_key = a.action_key), []::VARCHAR[]) AS vice_rectors,
       coalesce((SELECT list(p.person ORDER BY p.pos) FROM action_people p
                 WHERE p.action_key = a.action_key), []::VARCHAR[]) AS people,
       coalesce((SELECT list(c.code ORDER BY c.pos) FROM action_strategy_codes c
                 WHERE c.action_key = a.action_key), []::VARCHAR[]) AS strategy_codes
FROM actions a;
