"""Cached database access for the pages: one read-only connection per database file version."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries
from loaders.build import db_path

if not st.runtime.exists():  # command line exports: the caches work in memory, say nothing about it
    for name in ("cache_data_api", "cache_resource_api"):
        logging.getLogger(f"streamlit.runtime.caching.{name}").setLevel(logging.ERROR)


def db_version(path: Path | None = None) -> tuple[str, int, int]:
    """Changes whenever a build swaps in a new file, so caches keyed by it refresh by themselves."""
    path = Path(path or db_path())
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_ino)


@st.cache_resource(max_entries=2, show_spinner=False)
def _connect(version: tuple[str, int, int]) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(version[0], read_only=True)


def connection() -> duckdb.DuckDBPyConnection:
    return _connect(db_version())


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(version: tuple[str, int, int], name: str, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    return queries.run(_connect(version), name, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """queries/<name>.sql with bound parameters; cached per parameters and database version."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()
                          if k in queries.params_of(name)))
    return _query(db_version(), name, frozen).copy()


def database_exists() -> bool:
    return os.path.exists(db_path())
