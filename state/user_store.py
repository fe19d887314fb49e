"""What users record (action status, ranking results, imports) lives in its own DuckDB file, or in
PostgreSQL when STRATEGY_STATE_URL=postgresql://... is set (loaders/state_pg.py: several app servers
share it). The functions below are the same for both; an explicit `path` always means a DuckDB file.

The plan database is rebuilt and swapped atomically and is only ever opened read-only; the user
file is written in short transactions (open, write, commit, close), so several app sessions and
command-line imports can write in turn. DuckDB lets one process hold a file for writing at a time:
a writer that finds the file busy waits and retries instead of failing. Rebuilds never touch it,
so recorded history survives every rebuild and re-import.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import numbers
import os
import random
import re
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import duckdb
import pandas as pd

if TYPE_CHECKING:
    from state.state_pg import PgState

from paths import DEFAULT_USER_DB, ROOT, user_db_path  # noqa: F401 (re-exported)

STATUSES = ("not_started", "in_progress", "done", "at_risk", "cancelled")
T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS action_status (
    action_key VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'at_risk', 'cancelled')),
    progress_pct DOUBLE CHECK (progress_pct BETWEEN 0 AND 100),
    comment VARCHAR,
    evidence_url VARCHAR,
    recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    import_id VARCHAR
);
CREATE TABLE IF NOT EXISTS ranking_results (
    institution VARCHAR NOT NULL,
    ranking VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    rank_best INTEGER,
    rank_worst INTEGER,
    source VARCHAR,
    recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (rank_best IS NULL OR rank_worst IS NULL OR rank_best <= rank_worst)
);
-- imports in the order the store numbered them (seq), never by a server's clock; times are aware (UTC)
CREATE SEQUENCE IF NOT EXISTS import_log_seq;
CREATE TABLE IF NOT EXISTS import_log (
    import_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    imported_by VARCHAR NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    undone_by VARCHAR,
    undone_at TIMESTAMPTZ,
    seq BIGINT DEFAULT nextval('import_log_seq')
);
CREATE TABLE IF NOT EXISTS unit_decisions (
    decision_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,              -- the name as found in documents
    institution VARCHAR,                -- where it was found (for the record)
    decision VARCHAR NOT NULL CHECK (decision IN ('merge', 'accept')),
    unit_name VARCHAR,                  -- merge: the known unit it means
    name_en VARCHAR,                    -- accept: English name
    kind VARCHAR,                       -- accept: kind of unit
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    undone_by VARCHAR,
    undone_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS column_mappings (
    sha256 VARCHAR NOT NULL,            -- the file the mapping was chosen for
    institution VARCHAR NOT NULL,       -- its university: the mapping is offered for its next document
    mapping VARCHAR NOT NULL,           -- JSON object: header key -> role
    chosen_by VARCHAR NOT NULL,
    chosen_at TIMESTAMP NOT NULL
);
-- shared state (as in loaders/migrations/0002_shared_state.sql for PostgreSQL)
CREATE TABLE IF NOT EXISTS imported_documents (
    sha256 VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BLOB NOT NULL,
    stored_by VARCHAR NOT NULL,
    stored_at TIMESTAMP NOT NULL,
    import_id VARCHAR
);
CREATE TABLE IF NOT EXISTS plan_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_by VARCHAR,
    changed_at TIMESTAMP,
    reason VARCHAR
);
INSERT INTO plan_version SELECT 1, 0, NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM plan_version);
CREATE TABLE IF NOT EXISTS user_roles (
    email VARCHAR PRIMARY KEY,
    name VARCHAR,
    role VARCHAR NOT NULL CHECK (role IN ('viewer', 'unit_editor', 'university_editor', 'admin')),
    institution VARCHAR,
    unit_name VARCHAR,
    granted_by VARCHAR NOT NULL,
    granted_at TIMESTAMP NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS audit_log_id;
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'),
    changed_at TIMESTAMP NOT NULL,
    who_name VARCHAR NOT NULL,
    who_email VARCHAR,
    action VARCHAR NOT NULL,
    institution VARCHAR,
    detail VARCHAR                      -- JSON
);
-- the reporting year (as in state/migrations/0004_reporting_rounds.sql for PostgreSQL)
CREATE TABLE IF NOT EXISTS reporting_rounds (
    round_id VARCHAR PRIMARY KEY,
    institution VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    due_date DATE NOT NULL,
    grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 365),
    opened_by VARCHAR NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    closed_by VARCHAR,
    closed_at TIMESTAMP,
    CHECK (period_start <= period_end)
);
CREATE TABLE IF NOT EXISTS round_updates (
    update_id VARCHAR PRIMARY KEY,
    round_id VARCHAR NOT NULL,          -- reporting_rounds.round_id (no foreign key: DuckDB updates the parent row)
    action_key VARCHAR NOT NULL,
    status VARCHAR CHECK (status IN ('not_started', 'in_progress', 'done', 'at_risk', 'cancelled')),
    progress_pct DOUBLE CHECK (progress_pct BETWEEN 0 AND 100),
    actual_value DOUBLE,
    comment VARCHAR,
    evidence_url VARCHAR,
    evidence_sha256 VARCHAR,
    evidence_name VARCHAR,
    late BOOLEAN NOT NULL,
    recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence_files (
    sha256 VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BLOB NOT NULL,
    institution VARCHAR NOT NULL,
    stored_by VARCHAR NOT NULL,
    stored_at TIMESTAMP NOT NULL
);
-- editor-password tries per address and in all (as in state/migrations/0005_ordered_imports_password_tries.sql)
CREATE TABLE IF NOT EXISTS password_tries (
    scope VARCHAR PRIMARY KEY,          -- 'address:<ip>' or 'all'
    window_start BIGINT NOT NULL,       -- Unix seconds: the start of the minute being counted
    tries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS state_thresholds (
    institution VARCHAR PRIMARY KEY,
    on_track DOUBLE NOT NULL,
    behind DOUBLE NOT NULL,
    set_by VARCHAR NOT NULL,
    set_at TIMESTAMP NOT NULL,
    CHECK (0 < behind AND behind < on_track AND on_track <= 2)
);
-- plan to plan: an editor's confirm or break of a match (as in state/migrations/0007_plan_matches.sql)
CREATE TABLE IF NOT EXISTS title_translations (
    translation_id VARCHAR PRIMARY KEY,
    institution VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('action', 'goal')),
    item_key VARCHAR NOT NULL,          -- an action key, or 'document_id|goal_no' for a goal
    title_en VARCHAR,                   -- NULL withdraws the English title given before
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS plan_match_decisions (
    decision_id VARCHAR PRIMARY KEY,
    institution VARCHAR NOT NULL,
    old_document VARCHAR NOT NULL,
    new_document VARCHAR NOT NULL,
    old_key VARCHAR NOT NULL,
    new_key VARCHAR NOT NULL,
    decision VARCHAR NOT NULL CHECK (decision IN ('confirm', 'break', 'clear')),
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
"""
ROLES = ("viewer", "unit_editor", "university_editor", "admin")


def state_url() -> str | None:
    """STRATEGY_STATE_URL (a PostgreSQL server), or None when unset (the embedded DuckDB file). Any
    other value is refused: a server quietly writing to its own file would split the shared state."""
    url = os.environ.get("STRATEGY_STATE_URL", "").strip()
    if url and not url.startswith(("postgresql://", "postgres://")):
        raise ValueError("STRATEGY_STATE_URL must be a postgresql:// URL (or unset for the local file)")
    return url or None


def _pg(path: Path | None) -> PgState | None:
    """The PostgreSQL store when it is configured and no DuckDB file was asked for (psycopg is
    imported only then)."""
    url = state_url()
    if path is not None or url is None:
        return None
    from state import state_pg

    return state_pg.state(url)


def pg_state() -> PgState | None:
    """The shared PostgreSQL store of this process, or None in the embedded mode."""
    return _pg(None)


def backend(path: Path | None = None) -> str:
    """'postgresql' or 'duckdb': where the user store of this call lives."""
    return "postgresql" if _pg(path) else "duckdb"


TRANSIENT = ("lock", "unique file handle conflict", "already attached", "different configuration")


def _transient(exc: duckdb.Error) -> bool:
    """An open that fails only because another connection holds the file (a process outside this lock
    protocol, such as the duckdb command line): worth waiting for."""
    return isinstance(exc, duckdb.IOException | duckdb.ConnectionException) and \
        any(word in str(exc).lower() for word in TRANSIENT)


def _retry(fn: Callable[[], T], attempts: int = 80) -> T:
    """Run fn, waiting out a holder of the file that does not take the lock file (see `_opened`)."""
    for attempt in range(attempts):
        try:
            return fn()
        except duckdb.Error as exc:
            if not _transient(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02 + random.random() * 0.05 * min(attempt + 1, 10))
    raise AssertionError("unreachable")


# One opener of a store file at a time. DuckDB keeps one database instance per file in a process and
# refuses a second one with another configuration ("Unique file handle conflict ... already attached"
# when a read-only and a read-write connection meet); between processes its own file lock plus a
# retry loop let a writer's checkpoint race a reader's open. So every open of the file, in any
# process, holds `<store>.lock` (flock, exclusive) from connect to close, and the threads of a
# process take turns on a lock of their own. Reads take the lock exclusively too: with shared locks a
# stream of overlapping readers starved the writers (half the throughput at 20 processes). A write
# returns only after its commit and the close that checkpoints it. One thread per connection: the
# store's queries are small and a connection is opened for each, so starting fewer threads is faster.
CONFIG = {"threads": 1}
_path_locks: dict[str, threading.Lock] = {}
_path_locks_guard = threading.Lock()
_held = threading.local()


def _thread_lock(path: Path) -> threading.Lock:
    with _path_locks_guard:
        return _path_locks.setdefault(str(path), threading.Lock())


def lock_path(path: Path) -> Path:
    """The lock file beside a store file."""
    return path.with_name(path.name + ".lock")


@contextmanager
def _opened(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store file, the only one open in any process that uses this module (see
    above); closed, and so checkpointed, before the caller goes on."""
    key = str(path.resolve())
    if getattr(_held, "key", None) == key:
        raise RuntimeError("the user store is already open in this thread: join its transaction (con=...) "
                           "instead of opening it again")
    path.parent.mkdir(parents=True, exist_ok=True)
    with _thread_lock(path.resolve()), open(lock_path(path), "a+b") as lock_file:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)  # blocks until the holder (any process) closes
        _held.key = key
        try:
            con = _retry(lambda: duckdb.connect(str(path), read_only=read_only, config=CONFIG))
            try:
                yield con
            finally:
                con.close()
        finally:
            _held.key = None
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


_schema_lock = threading.Lock()
_schema_ready: set[str] = set()


def _ensure_schema(path: Path) -> None:
    """Create the tables (and bring an older file up to date) once per process."""
    with _schema_lock:
        if str(path) in _schema_ready:
            return
        with _opened(path) as con:
            con.execute(SCHEMA)
            _upgrade(con)
        _schema_ready.add(str(path))


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return dict(con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
                            [table]).fetchall())


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """A file made before imports were numbered by the store: number the logged imports in the order of
    their (server-local) times, then let the sequence go on; the times become aware ones (read as this
    machine's local time, which is what they were written in). No row is lost."""
    cols = _columns(con, "import_log")
    if "seq" in cols and cols.get("imported_at") == "TIMESTAMP WITH TIME ZONE":
        return
    con.execute("BEGIN TRANSACTION")
    try:
        if "seq" not in cols:
            con.execute("ALTER TABLE import_log ADD COLUMN seq BIGINT DEFAULT nextval('import_log_seq')")
            con.execute("UPDATE import_log SET seq = r.n FROM (SELECT import_id, row_number() OVER "
                        "(ORDER BY imported_at, import_id) AS n FROM import_log) AS r "
                        "WHERE import_log.import_id = r.import_id")
        if cols.get("imported_at") != "TIMESTAMP WITH TIME ZONE":
            con.execute("ALTER TABLE import_log ALTER imported_at TYPE TIMESTAMPTZ")
            con.execute("ALTER TABLE import_log ALTER undone_at TYPE TIMESTAMPTZ")
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


@contextmanager
def writer(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-write transaction on the user store; committed on success, rolled back on error.
    In PostgreSQL the connection is a state_pg.PgCon (execute/executemany/fetchone/df, `?` placeholders)."""
    pg = _pg(path)
    if pg is not None:
        with pg.writer() as pg_con:
            yield pg_con  # type: ignore[misc]
        return
    path = Path(path or user_db_path())
    _ensure_schema(path)
    with _opened(path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise


def write(fn: Callable[[duckdb.DuckDBPyConnection], T], path: Path | None = None, attempts: int = 50) -> T:
    """Run fn in a writer transaction, again if it met a concurrent writer (both end up persisted)."""
    pg = _pg(path)
    if pg is not None:
        return pg.write(fn)  # type: ignore[arg-type]
    for attempt in range(attempts):
        try:
            with writer(path) as con:
                return fn(con)
        except duckdb.TransactionException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 + random.random() * 0.03)
    raise AssertionError("unreachable")


def read(sql: str, params: list | dict | None = None, path: Path | None = None) -> pd.DataFrame:
    """A read on a short-lived read-only connection (an absent file is created with empty tables)."""
    pg = _pg(path)
    if pg is not None:
        return pg.read(sql, params)
    path = Path(path or user_db_path())
    _ensure_schema(path)
    with _opened(path, read_only=True) as con:
        return con.execute(sql, params or []).df()


def version(path: Path | None = None) -> tuple[str, int]:
    """A key that changes whenever the store changes (for caches): the file's mtime, or in PostgreSQL
    the change counter every write transaction bumps (one primary-key read)."""
    pg = _pg(path)
    if pg is not None:
        return (pg.label, pg.version())
    path = Path(path or user_db_path())
    return (str(path), path.stat().st_mtime_ns if path.exists() else 0)


def record_status(rows: list[dict], who: str, import_id: str | None = None, path: Path | None = None) -> int:
    """Append status rows (history is never updated in place). Each row: action_key, status and
    optionally as_of, progress_pct, comment, evidence_url. Raises ValueError naming a bad row."""
    clean = status_rows(rows, who, import_id)
    if not clean:
        return 0
    write(lambda con: con.executemany(INSERT_STATUS, clean), path)
    return len(clean)


INSERT_STATUS = "INSERT INTO action_status VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


def status_rows(rows: list[dict], who: str, import_id: str | None = None) -> list[tuple]:
    """Status rows checked and in the table's shape (for INSERT_STATUS); ValueError names a bad row."""
    now = dt.datetime.now().replace(microsecond=0)
    clean = []
    for i, row in enumerate(rows, start=1):
        status = row.get("status")
        if status not in STATUSES:
            raise ValueError(f"row {i}: status must be one of {', '.join(STATUSES)}, found {status!r}")
        pct = row.get("progress_pct")
        if pct is not None and not pd.isna(pct):
            pct = float(pct)
            if not 0 <= pct <= 100:
                raise ValueError(f"row {i}: progress % must be between 0 and 100, found {pct}")
        else:
            pct = None
        as_of = row.get("as_of") or dt.date.today()
        if isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        if isinstance(as_of, dt.datetime):
            as_of = as_of.date()
        url = (row.get("evidence_url") or "").strip() or None
        if url is not None and not re.match(r"https?://[^\s]+$", url, re.IGNORECASE):
            raise ValueError(f"row {i}: an evidence link must start with http:// or https://, found {url[:60]!r}")
        clean.append((row["action_key"], as_of, status, pct, row.get("comment") or None, url, who, now, import_id))
    return clean


def check_ranking_result(institution: str | None, ranking: str | None, year: object, rank_best: int | None,
                         rank_worst: int | None, valid_rankings: Collection[str] | None = None) -> None:
    """Raise ValueError saying what is wrong with a ranking result, or return.

    A result is a place (best = worst), a band (best < worst) or an open band such as "601+" (best
    given, worst None: the lower end is unknown, it is not copied from best)."""
    if not institution or not str(institution).strip():
        raise ValueError("give the university (its code, such as QKU)")
    if not ranking or not str(ranking).strip():
        raise ValueError("give the ranking")
    if valid_rankings is not None and ranking not in valid_rankings:
        raise ValueError(f"ranking must be one of {', '.join(sorted(valid_rankings))}, found {ranking!r}")
    if isinstance(year, bool) or not isinstance(year, numbers.Real) or year != int(year) \
            or not 1990 <= int(year) <= dt.date.today().year + 1:
        raise ValueError(f"year must be a year between 1990 and {dt.date.today().year + 1}, found {year!r}")
    if rank_best is None:
        raise ValueError("give a place (628), a band (801-850) or an open band (601+)")
    if rank_best < 1:
        raise ValueError(f"a place starts at 1, found {rank_best}")
    if rank_worst is not None and rank_worst < rank_best:
        raise ValueError(f"a band reads best ≤ worst, found {rank_best}-{rank_worst}")


def record_ranking_result(institution: str, ranking: str, year: int, rank_best: int | None, rank_worst: int | None,
                          source: str | None, who: str, path: Path | None = None,
                          valid_rankings: Collection[str] | None = None) -> None:
    """Record one result: rank_worst None is an open band ("601+") and stays NULL. With valid_rankings
    (the keys of the reference list) a ranking not in it is refused."""
    check_ranking_result(institution, ranking, year, rank_best, rank_worst, valid_rankings)
    record_ranking_results([(institution, ranking, int(year), int(rank_best),  # type: ignore[arg-type]
                             None if rank_worst is None else int(rank_worst), source or None)], who, path)


INSERT_RANKING = "INSERT INTO ranking_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def ranking_rows(rows: list[tuple], who: str) -> list[list]:
    """Checked results (institution, ranking, year, rank_best, rank_worst, source) as rows of INSERT_RANKING."""
    now = dt.datetime.now().replace(microsecond=0)
    return [[*row, who, now] for row in rows]


def record_ranking_results(rows: list[tuple], who: str, path: Path | None = None) -> int:
    """Append checked results (institution, ranking, year, rank_best, rank_worst, source) in one transaction."""
    clean = ranking_rows(rows, who)
    if clean:
        write(lambda con: con.executemany(INSERT_RANKING, clean), path)
    return len(clean)


def latest_status(path: Path | None = None) -> pd.DataFrame:
    """The newest status of every action (by as_of, then by when it was recorded)."""
    return read("""
        SELECT action_key, as_of, status, progress_pct, comment, evidence_url, recorded_by, recorded_at, import_id
        FROM (SELECT *, row_number() OVER (PARTITION BY action_key ORDER BY as_of DESC, recorded_at DESC) AS rn
              FROM action_status) AS s WHERE rn = 1""", path=path)


def ranking_results(path: Path | None = None) -> pd.DataFrame:
    """Every recorded result; rank_worst is <NA> for an open band such as "601+" (never a number)."""
    df = read("SELECT * FROM ranking_results ORDER BY ranking, year, recorded_at", path=path)
    return df.astype({"year": "Int64", "rank_best": "Int64", "rank_worst": "Int64"})


# --- Shared state: the published plan version, imported documents, users and roles, audit log. ---
# Each writing function takes an optional `con` (a writer() connection) to join a caller's transaction.

def _in(con, fn: Callable, path: Path | None) -> T:  # type: ignore[type-var]
    return fn(con) if con is not None else write(fn, path)


def plan_version(path: Path | None = None) -> int:
    """The published plan's version: bumped by every import and undo (on any app server)."""
    df = read("SELECT version FROM plan_version WHERE id = 1", path=path)
    return int(df.version.iloc[0]) if len(df) else 0


def bump_plan_version(who: str, reason: str | None = None, con=None, path: Path | None = None) -> int:
    """Count one more published plan; returns the new version."""
    now = dt.datetime.now().replace(microsecond=0)
    return _in(con, lambda c: int(c.execute(
        "UPDATE plan_version SET version = version + 1, changed_by = ?, changed_at = ?, reason = ? WHERE id = 1 "
        "RETURNING version", [who, now, reason]).fetchone()[0]), path)


def store_document(content: bytes, file_name: str, who: str, import_id: str | None = None, con=None,
                   path: Path | None = None) -> str:
    """Keep an imported file itself (once per content); returns its sha256."""
    sha = hashlib.sha256(content).hexdigest()
    row = [sha, file_name, len(content), content, who, dt.datetime.now().replace(microsecond=0), import_id]
    _in(con, lambda c: c.execute("INSERT INTO imported_documents VALUES (?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (sha256) DO NOTHING", row), path)
    return sha


def documents(path: Path | None = None) -> pd.DataFrame:
    """The stored documents without their bytes, newest first."""
    return read("SELECT sha256, file_name, size_bytes, stored_by, stored_at, import_id FROM imported_documents "
                "ORDER BY stored_at DESC, sha256", path=path)


def document(sha256: str, path: Path | None = None) -> bytes | None:
    """The bytes of a stored document, or None."""
    df = read("SELECT content FROM imported_documents WHERE sha256 = ?", [sha256], path)
    return bytes(df.content.iloc[0]) if len(df) else None


@dataclass(frozen=True)
class Role:
    email: str
    name: str | None
    role: str
    institution: str | None
    unit_name: str | None


def role_of(email: str, path: Path | None = None) -> Role | None:
    """The role given to an e-mail address, or None (the app then treats the person as a viewer)."""
    df = read("SELECT email, name, role, institution, unit_name FROM user_roles WHERE email = ?",
              [email.strip().lower()], path)
    if df.empty:
        return None
    r = df.iloc[0]

    def text(v: object) -> str | None:
        return None if v is None or pd.isna(v) else str(v)

    return Role(str(r.email), text(r["name"]), str(r.role), text(r.institution), text(r.unit_name))


def set_role(email: str, role: str, who_name: str, who_email: str | None, name: str | None = None,
             institution: str | None = None, unit_name: str | None = None, path: Path | None = None) -> None:
    """Give (or change) a person's role, audited in the same transaction. A unit editor needs an
    institution and a unit, a university editor an institution; an administrator covers all."""
    email = (email or "").strip().lower()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise ValueError(f"give an e-mail address, found {email!r}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, found {role!r}")
    if role in ("unit_editor", "university_editor") and not institution:
        raise ValueError(f"a {role} needs a university")
    if role == "unit_editor" and not unit_name:
        raise ValueError("a unit_editor needs a unit")
    if role == "admin":
        institution = unit_name = None
    row = [email, name, role, institution, unit_name, who_email or who_name, dt.datetime.now().replace(microsecond=0)]

    def go(con) -> None:
        con.execute("INSERT INTO user_roles VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
                    "name = excluded.name, role = excluded.role, institution = excluded.institution, "
                    "unit_name = excluded.unit_name, granted_by = excluded.granted_by, "
                    "granted_at = excluded.granted_at", row)
        audit(who_name, who_email, "set_role", {"email": email, "role": role, "institution": institution,
                                                "unit_name": unit_name}, institution, con=con)

    write(go, path)


def users(path: Path | None = None) -> pd.DataFrame:
    """Every role assignment, by e-mail."""
    return read("SELECT * FROM user_roles ORDER BY email", path=path)


def audit(who_name: str, who_email: str | None, action: str, detail: object = None, institution: str | None = None,
          con=None, path: Path | None = None) -> None:
    """Record who (name and e-mail) did what, now; detail is text or anything JSON can hold."""
    text = detail if detail is None or isinstance(detail, str) else json.dumps(detail, ensure_ascii=False,
                                                                                default=str, sort_keys=True)
    row = [dt.datetime.now(), who_name, who_email, action, institution, text]
    _in(con, lambda c: c.execute("INSERT INTO audit_log (changed_at, who_name, who_email, action, institution, "
                                 "detail) VALUES (?, ?, ?, ?, ?, ?)", row), path)


def audit_log(limit: int = 200, institution: str | None = None, path: Path | None = None) -> pd.DataFrame:
    """The newest audit entries first (of one university when given)."""
    where, params = ("WHERE institution = ?", [institution]) if institution else ("", [])
    return read(f"SELECT * FROM audit_log {where} ORDER BY changed_at DESC, id DESC LIMIT ?",
                [*params, int(limit)], path)


# --- The import log: imports numbered by the store (seq), times aware (UTC), shown in local time. ---
INSERT_IMPORT = ("INSERT INTO import_log (import_id, file_name, sha256, kind, summary, imported_by, imported_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)")
# the import an undo takes back: the highest number the store gave, whichever server's clock was ahead
NEWEST_IMPORT = "SELECT import_id FROM import_log WHERE undone_at IS NULL ORDER BY seq DESC LIMIT 1"


def utc_now() -> dt.datetime:
    """Now as an aware UTC time (what the import log stores)."""
    return dt.datetime.now(dt.UTC)


def newest_import(path: Path | None = None) -> str | None:
    """The id of the newest import not yet undone, or None."""
    df = read(NEWEST_IMPORT, path=path)
    return None if df.empty else str(df.import_id.iloc[0])


def local_times(values: pd.Series) -> list[dt.datetime | None]:
    """UTC times (naive or aware) as this machine's local wall-clock times, for people; missing stays None."""
    out: list[dt.datetime | None] = []
    for v in pd.to_datetime(values, utc=True):
        out.append(None if pd.isna(v) else v.to_pydatetime().astimezone().replace(tzinfo=None))
    return out


def import_history(path: Path | None = None) -> pd.DataFrame:
    """Every logged import, newest first (by the store's numbering), its times in local time."""
    df = read("SELECT import_id, file_name, sha256, kind, summary, imported_by, "
              "imported_at AT TIME ZONE 'UTC' AS imported_at, undone_by, undone_at AT TIME ZONE 'UTC' AS undone_at "
              "FROM import_log ORDER BY seq DESC", path=path)
    return df.assign(imported_at=pd.Series(local_times(df.imported_at), index=df.index, dtype="datetime64[us]"),
                     undone_at=pd.Series(local_times(df.undone_at), index=df.index, dtype="datetime64[us]"))


# --- Editor-password tries (embedded mode): counted in the store, so every process and a restart see them. ---
TRY_WINDOW = 60  # seconds: tries are counted per minute
_COUNT_TRY = """
INSERT INTO password_tries (scope, window_start, tries) VALUES (?, ?, 1)
ON CONFLICT (scope) DO UPDATE SET
    tries = CASE WHEN password_tries.window_start >= excluded.window_start THEN password_tries.tries + 1 ELSE 1 END,
    window_start = greatest(password_tries.window_start, excluded.window_start)
RETURNING tries, window_start"""


def password_clock() -> float:
    """The throttle's clock (seconds since the epoch); tests replace it to keep their tries in one minute."""
    return time.time()


def count_password_try(address: str, per_address: int, in_all: int, now: float | None = None,
                       path: Path | None = None) -> float:
    """Count one editor-password try from `address` BEFORE the password is looked at, in one store
    transaction (so concurrent tries cannot all slip under the limit). Returns 0 when this try may be
    checked, else the seconds to wait (the try is then not checked). The address is counted first: tries
    refused to one address do not use up everyone's allowance of `in_all` a minute."""
    now = password_clock() if now is None else now
    start = int(now // TRY_WINDOW) * TRY_WINDOW

    def go(con) -> float:
        con.execute("DELETE FROM password_tries WHERE window_start < ?", [start - 3600])
        for scope, limit in ((f"address:{address}", per_address), ("all", in_all)):
            tries, window_start = con.execute(_COUNT_TRY, [scope, start]).fetchone()
            if tries > limit:
                return max(float(window_start) + TRY_WINDOW - now, 1.0)
        return 0.0

    return write(go, path)


def password_wait(address: str, per_address: int, in_all: int, now: float | None = None,
                  path: Path | None = None) -> float:
    """Seconds before the next try from `address` would be checked (0: now); reads, counts nothing."""
    now = password_clock() if now is None else now
    start = int(now // TRY_WINDOW) * TRY_WINDOW
    df = read("SELECT scope, window_start, tries FROM password_tries WHERE scope IN (?, ?) AND window_start >= ?",
              [f"address:{address}", "all", start], path)
    limits = {f"address:{address}": per_address, "all": in_all}
    waits = [float(r.window_start) + TRY_WINDOW - now for r in df.itertuples() if r.tries >= limits[r.scope]]
    return max([max(w, 1.0) for w in waits], default=0.0)
