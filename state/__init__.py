"""What people record (statuses, rounds, evidence, decisions, results): a DuckDB file or PostgreSQL."""
