-- Rows per table of the database.
SELECT table_name, estimated_size::BIGINT AS rows_estimate, column_count
FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
ORDER BY table_name
