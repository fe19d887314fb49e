"""The user store in PostgreSQL (STRATEGY_STATE_URL=postgresql://...), for several app servers.

loaders/user_store.py chooses this backend when the variable is set. Callers keep writing simple SQL
with `?` placeholders (DuckDB's style); it is translated to psycopg's `%s` here and values are always
bound, never formatted into the SQL. Versioned migrations (loaders/migrations/NNNN_name.sql) are
applied on first use under an advisory lock and recorded in schema_migrations. Every write
transaction bumps a one-row change counter just before it commits, so `version()` is one indexed
read that every page rerun can afford.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import psycopg
from psycopg import errors as pg_errors

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 7_274_000_013  # pg_advisory_xact_lock key: one migrator at a time across processes
PLAN_LOCK = 7_274_000_014  # pg_advisory_lock key: one import, undo or plan rebuild at a time on all servers
T = TypeVar("T")
RETRYABLE = (pg_errors.SerializationFailure, pg_errors.DeadlockDetected)
LAST_READS, LAST_READ_ROWS = 64, 20_000  # reads (of at most so many rows) whose last answer is kept for when the
# server cannot be reached
DOWN_PAUSE = 3.0  # seconds a failed connect is not retried (a server down costs each page run no wait)

_TOKENS = re.compile(r"""('(?:[^']|'')*')|("(?:[^"]|"")*")|(--[^\n]*)|(/\*.*?\*/)|(\?)|(%)|\$([A-Za-z_]\w*)""",
                     re.DOTALL)


@lru_cache(maxsize=512)
def translate(sql: str, named: bool = False) -> str:
    """DuckDB-style SQL with parameters to psycopg's: `?` -> %s, `$name` -> %(name)s (named), every
    % -> %% (psycopg reads % anywhere). `?` and `$name` in quotes or comments are left alone."""
    def repl(m: re.Match) -> str:
        if m.group(5):
            return "%s"
        if m.group(6):
            return "%%"
        if m.group(7):
            return f"%({m.group(7)})s" if named else m.group(0)
        return m.group(0).replace("%", "%%")

    return _TOKENS.sub(repl, sql)


def _query(sql: str, params: Sequence | dict | None) -> tuple[str, Sequence | dict | None]:
    """SQL and values for psycopg; without values the SQL is sent as it is."""
    if not params:
        return sql, None
    return translate(sql, isinstance(params, dict)), _params(params)


def _value(v: Any) -> Any:
    """A value psycopg can bind: numpy scalars as Python ones, pandas' missing values as NULL."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.to_pydatetime()
    if v is pd.NaT or v is pd.NA:
        return None
    return v


def _params(params: Sequence | dict | None) -> Sequence | dict | None:
    if params is None:
        return None
    if isinstance(params, dict):
        return {k: _value(v) for k, v in params.items()}
    return [_value(v) for v in params]


_DATES = {1082, 1114, 1184}  # date, timestamp, timestamptz
_INTS = {21: "Int16", 23: "Int32", 20: "Int64"}
_FLOATS = {700, 701, 1700}


def _column(values: list, oid: int) -> Any:
    """One result column in the dtype DuckDB's .df() gives for the same SQL type."""
    if oid in _DATES:
        out = pd.to_datetime(pd.Series(values, dtype=object), utc=oid == 1184)
        if oid == 1184:
            out = out.dt.tz_convert(None)
        return out.astype("datetime64[us]").to_numpy()
    if oid in _INTS:
        if any(v is None for v in values):
            return pd.array(values, dtype=_INTS[oid])
        return np.array(values, dtype=_INTS[oid].lower())
    if oid in _FLOATS:
        return np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
    if oid == 16:
        return pd.array(values, dtype="boolean") if any(v is None for v in values) else np.array(values, dtype=bool)
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out


def frame(cur: psycopg.Cursor) -> pd.DataFrame:
    """The cursor's result as a DataFrame with DuckDB-like dtypes (dates as datetime64, NULL ints as Int)."""
    if cur.description is None:
        return pd.DataFrame()
    rows = cur.fetchall()
    cols = {d.name: _column([r[i] for r in rows], d.type_code) for i, d in enumerate(cur.description)}
    return pd.DataFrame(cols, columns=[d.name for d in cur.description])


class PgCon:
    """The part of a DuckDB connection that callers use inside user_store.write/writer: execute,
    executemany, fetchone, fetchall, df — on one transaction of a PostgreSQL connection."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self._cur = conn.cursor()

    def execute(self, sql: str, params: Sequence | dict | None = None) -> PgCon:
        self._cur.execute(*_query(sql, params))  # type: ignore[arg-type]
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence | dict]) -> PgCon:
        rows = list(rows)
        if rows:
            named = isinstance(rows[0], dict)
            self._cur.executemany(translate(sql, named), [_params(r) for r in rows])  # type: ignore[arg-type]
        return self

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def df(self) -> pd.DataFrame:
        return frame(self._cur)


def migrations() -> list[tuple[str, str, str]]:
    """(version, file name, SQL) of every migration in the repository, in order."""
    out = []
    for f in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        out.append((f.name[:4], f.name, f.read_text(encoding="utf-8")))
    return out


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply the migrations not yet recorded, in one transaction under an advisory lock (two processes
    starting at once apply each one once). Returns the versions applied now. A recorded migration
    whose file changed since is refused."""
    applied = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, "
                     "sha256 TEXT NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT now())")
        done = dict(conn.execute("SELECT version, sha256 FROM schema_migrations").fetchall())
        for version, name, sql in migrations():
            digest = hashlib.sha256(sql.encode()).hexdigest()
            if version in done:
                if done[version] != digest:
                    raise RuntimeError(f"migration {name} was changed after it was applied; add a new one instead")
                continue
            conn.execute(sql)  # type: ignore[arg-type]  # no parameters: several statements in one go
            conn.execute("INSERT INTO schema_migrations (version, name, sha256) VALUES (%s, %s, %s)",
                         [version, name, digest])
            applied.append(version)
    return applied


class PgState:
    """One PostgreSQL user store: a small per-process pool of connections, reads, write transactions,
    and the change counter."""

    def __init__(self, url: str, idle: int = 4) -> None:
        self.url = url
        self._idle_max = idle
        self._idle: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._ready = False
        self._last_version: int | None = None  # the change counter last read
        self._last_reads: OrderedDict[tuple[str, str], pd.DataFrame] = OrderedDict()  # answers while unreachable
        self._down_until = 0.0  # monotonic time until which a failed connect is not tried again
        info = psycopg.conninfo.conninfo_to_dict(url)
        self.label = f"postgresql:{info.get('dbname', '')}@{info.get('host', '')}:{info.get('port', '')}"

    def _connect(self) -> psycopg.Connection:
        """A new connection. After a failed connect, for DOWN_PAUSE seconds every caller fails at once
        instead of each waiting up to connect_timeout on a server that is down."""
        if time.monotonic() < self._down_until:
            raise psycopg.OperationalError("the shared store could not be reached a moment ago")
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10,
                                   application_name="strategy-dashboard")
        except psycopg.OperationalError:
            self._down_until = time.monotonic() + DOWN_PAUSE
            raise

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A pooled autocommit connection (a forked child never reuses its parent's connections)."""
        with self._lock:
            if os.getpid() != self._pid:  # after fork: leave the parent's sockets alone
                self._idle, self._pid, self._ready = [], os.getpid(), False
            conn = self._idle.pop() if self._idle else None
        if conn is None or conn.closed or conn.broken:
            conn = self._connect()
        try:
            yield conn
        finally:
            idle = psycopg.pq.TransactionStatus.IDLE
            keep = not conn.closed and not conn.broken and conn.info.transaction_status == idle
            with self._lock:
                if keep and os.getpid() == self._pid and len(self._idle) < self._idle_max:
                    self._idle.append(conn)
                    conn = None  # type: ignore[assignment]
            if conn is not None and os.getpid() == self._pid:
                conn.close()

    def ensure_schema(self) -> None:
        if self._ready:
            return
        with self.connection() as conn:
            migrate(conn)
        self._ready = True

    def _retry_read(self, fn: Callable[[psycopg.Connection], T]) -> T:
        """A read, once more on a fresh connection if a pooled one had gone stale (server restart)."""
        self.ensure_schema()
        for attempt in range(2):
            try:
                with self.connection() as conn:
                    return fn(conn)
            except psycopg.OperationalError:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def read(self, sql: str, params: Sequence | dict | None = None) -> pd.DataFrame:
        """A read. With the server unreachable, the same read's last answer (LAST_READS kept): a page is still
        drawn as it was, with an editor's typed edit; a read never answered before fails."""
        def go(conn: psycopg.Connection) -> pd.DataFrame:
            with conn.cursor() as cur:
                cur.execute(*_query(sql, params))  # type: ignore[arg-type]
                return frame(cur)

        key = (sql, repr(params))
        try:
            df = self._retry_read(go)
        except psycopg.OperationalError:
            with self._lock:
                last = self._last_reads.get(key)
            if last is None:
                raise
            return last.copy()
        if len(df) > LAST_READ_ROWS:  # large answers are cached by their callers (analytics.db), not twice here
            return df
        with self._lock:
            self._last_reads[key] = df
            self._last_reads.move_to_end(key)
            while len(self._last_reads) > LAST_READS:
                self._last_reads.popitem(last=False)
        return df.copy()

    def version(self) -> int:
        """The change counter: one primary-key read. With the server unreachable, the counter last read:
        caches keyed by it keep serving what was read (a page, an editor with a typed edit), and only
        what needs the server (an uncached read, a write) fails."""
        try:
            self._last_version = self._retry_read(
                lambda conn: conn.execute("SELECT n FROM state_change WHERE id = 1").fetchone()[0])
        except psycopg.OperationalError:
            if self._last_version is None:
                raise
        return self._last_version

    @contextmanager
    def writer(self) -> Iterator[PgCon]:
        """One transaction: committed (with the change counter bumped) on success, rolled back on error."""
        self.ensure_schema()
        with self.connection() as conn, conn.transaction():
            yield PgCon(conn)
            conn.execute("UPDATE state_change SET n = n + 1, changed_at = %s WHERE id = 1", [dt.datetime.now()])

    def write(self, fn: Callable[[PgCon], T], attempts: int = 20) -> T:
        """fn in a writer transaction, again after a serialization failure or deadlock."""
        for attempt in range(attempts):
            try:
                with self.writer() as con:
                    return fn(con)
            except RETRYABLE:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    @contextmanager
    def advisory_lock(self, key: int) -> Iterator[None]:
        """A session-level advisory lock held for the block on a connection of its own (released by the
        server if this process dies, so a killed importer never blocks the others)."""
        self.ensure_schema()
        conn = self._connect()
        try:
            conn.execute("SELECT pg_advisory_lock(%s)", [key])
            yield
        finally:
            conn.close()  # closing the session releases the lock

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


_states: dict[str, PgState] = {}
_states_lock = threading.Lock()


def state(url: str) -> PgState:
    """The PgState of a URL, one per process."""
    with _states_lock:
        if url not in _states:
            _states[url] = PgState(url)
        return _states[url]
