-- When and from where the database was built.
SELECT key, value FROM meta ORDER BY key
