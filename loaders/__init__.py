"""Loaders: turn the source documents into normalised records and a DuckDB file."""
