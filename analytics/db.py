"""The query runner: one read-only connection per database file version and a bounded result cache.

Results are keyed by the database file's version (and the user store's version when a query reads
recorded status), so a rebuild or a new status refreshes them by themselves. The cache holds at most
MAX_ENTRIES results; the least recently used go first, so memory stays bounded however many
filter combinations users try."""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

import queries
from analytics.i18n import t
from paths import db_path
from state import user_store

MAX_ENTRIES = 512
T = TypeVar("T")


def db_version(path: Path | None = None) -> tuple[str, int, int]:
    """Changes whenever a build swaps in a new file, so caches keyed by it refresh by themselves."""
    path = Path(path or db_path())
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_ino)


def database_exists() -> bool:
    return os.path.exists(db_path())


class LRU:
    """A small thread-safe least-recently-used cache (values computed outside the lock)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_lock = threading.Lock()
_open: dict[str, object] = {}
_busy = 0  # queries running on the connection (under _lock): an idle release never closes it under them
results = LRU(MAX_ENTRIES)
_user_frames = LRU(16)


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


def close_if_unused() -> bool:
    """Close the connection (its buffers go with it) unless a query is running on it; reopened on demand."""
    with _lock:
        if _busy:
            return False
        close()
        return True


def _running(delta: int) -> None:
    global _busy
    with _lock:
        _busy += delta


def close() -> None:
    con = _open.pop("con", None)
    _open.pop("version", None)
    if con is not None:
        con.close()


def query(name: str, **params: object) -> pd.DataFrame:
    """queries/<name>.sql with bound parameters; cached per parameters and database version
    (and the user file's version when the query reads recorded status). Returns a copy."""
    frozen = tuple(sorted((k, queries.freeze(v)) for k, v in params.items() if k in queries.params_of(name)))
    user_version = user_store.version() if queries.user_frames_of(name) else None
    key = (db_version(), user_version, name, frozen)

    def run() -> pd.DataFrame:
        frames = {"latest_status": latest_status()} if user_version else None
        _running(1)
        try:
            return queries.run(connection(), name, frames=frames, title_mark=t("ti.mark", "en"), **dict(frozen))
        finally:
            _running(-1)

    return results.get(key, run).copy()


def latest_status() -> pd.DataFrame:
    return _user_frames.get(("status", user_store.version()), user_store.latest_status).copy()


def ranking_results(plan: str | None = None) -> pd.DataFrame:
    df = _user_frames.get(("rankings", user_store.version()), user_store.ranking_results).copy()
    return df if plan is None else df[df.institution == plan]


def changes(actions: tuple[str, ...], institution: str | None = None, limit: int = 50) -> pd.DataFrame:
    """The audit entries a page lists ("who changed what"), read once per change of the user store
    (reading them on every page load was a quarter of the progress page's server time)."""
    import access

    key = ("changes", user_store.version(), tuple(actions), institution, limit)
    return _user_frames.get(key, lambda: access.changes(actions, institution, limit)).copy()
