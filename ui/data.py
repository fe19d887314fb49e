"""Cached database access for the pages: one read-only connection per database file version."""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries
from loaders import user_store
from loaders.build import db_path

if not st.runtime.exists():  # command line exports: the caches work in memory, say nothing about it
    for name in ("cache_data_api", "cache_resource_api"):
        logging.getLogger(f"streamlit.runtime.caching.{name}").setLevel(logging.ERROR)


def db_version(path: Path | None = None) -> tuple[str, int, int]:
    """Changes whenever a build swaps in a new file, so caches keyed by it refresh by themselves."""
    path = Path(path or db_path())
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_ino)


_lock = threading.Lock()
_open: dict[str, object] = {}


def connection() -> duckdb.DuckDBPyConnection:
    """The process's read-only connection to the current database file.

    DuckDB keeps one database instance per path in a process: while any connection to the old file
    is open, connecting again returns the old (swapped-out) data. So when a build has swapped in a
    new file, the old connection is closed first and the new file opened."""
    version = db_version()
    with _lock:
        if _open.get("version") != version:
            close()
            _open["con"] = duckdb.connect(version[0], read_only=True)
            _open["version"] = version
        return _open["con"]  # type: ignore[return-value]


def close() -> None:
    con = _open.pop("con", None)
    _open.pop("version", None)
    if con is not None:
        con.close()


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(version: tuple[str, int, int], user_version: tuple[str, int] | None, name: str,
           params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    frames = {"latest_status": latest_status()} if user_version else None
    return queries.run(connection(), name, frames=frames, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """queries/<name>.sql with bound parameters; cached per parameters and database version
    (and the user file's version when the query reads recorded status)."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()
                          if k in queries.params_of(name)))
    user_version = user_store.version() if queries.user_frames_of(name) else None
    return _query(db_version(), user_version, name, frozen).copy()


@st.cache_data(max_entries=8, show_spinner=False)
def _latest_status(user_version: tuple[str, int]) -> pd.DataFrame:
    return user_store.latest_status()


def latest_status() -> pd.DataFrame:
    return _latest_status(user_store.version()).copy()


@st.cache_data(max_entries=8, show_spinner=False)
def _ranking_results(user_version: tuple[str, int]) -> pd.DataFrame:
    return user_store.ranking_results()


def ranking_results(plan: str | None = None) -> pd.DataFrame:
    df = _ranking_results(user_store.version()).copy()
    return df if plan is None else df[df.institution == plan]


def database_exists() -> bool:
    return os.path.exists(db_path())
