-- Rankings named in the plans.
SELECT key, name, publisher, url FROM rankings ORDER BY key
