"""What users record (action status, ranking results, imports) lives in its own DuckDB file.

The plan database is rebuilt and swapped atomically and is only ever opened read-only; the user
file is written in short transactions (open, write, commit, close), so several app sessions and
command-line imports can write in turn. DuckDB lets one process hold a file for writing at a time:
a writer that finds the file busy waits and retries instead of failing. Rebuilds never touch it,
so recorded history survives every rebuild and re-import.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import numbers
import os
import random
import re
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_USER_DB = ROOT / "data" / "user.duckdb"
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
CREATE TABLE IF NOT EXISTS import_log (
    import_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    imported_by VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    undone_by VARCHAR,
    undone_at TIMESTAMP
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
"""


def user_db_path() -> Path:
    return Path(os.environ.get("STRATEGY_USER_DB", DEFAULT_USER_DB))


def _retry(fn: Callable[[], T], attempts: int = 80) -> T:
    """Run fn, waiting out another process's write lock (DuckDB: 'Could not set lock on file')."""
    for attempt in range(attempts):
        try:
            return fn()
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.02 + random.random() * 0.05 * min(attempt + 1, 10))
    raise AssertionError("unreachable")


_schema_lock = threading.Lock()
_schema_ready: set[str] = set()


def _ensure_schema(path: Path) -> None:
    """Create the tables once per process (two threads creating them at once would conflict)."""
    with _schema_lock:
        if str(path) in _schema_ready:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        con = _retry(lambda: duckdb.connect(str(path)))
        try:
            con.execute(SCHEMA)
        finally:
            con.close()
        _schema_ready.add(str(path))


@contextmanager
def writer(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-write transaction on the user file; committed on success, rolled back on error."""
    path = Path(path or user_db_path())
    _ensure_schema(path)
    con = _retry(lambda: duckdb.connect(str(path)))
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise
    finally:
        con.close()


def write(fn: Callable[[duckdb.DuckDBPyConnection], T], path: Path | None = None, attempts: int = 50) -> T:
    """Run fn in a writer transaction, again if it met a concurrent writer (both end up persisted)."""
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
    """A read on a short-lived connection; an absent file reads as empty tables."""
    path = Path(path or user_db_path())
    _ensure_schema(path)

    def go() -> pd.DataFrame:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute(sql, params or []).df()
        finally:
            con.close()

    return _retry(go)


def version(path: Path | None = None) -> tuple[str, int]:
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


def record_ranking_results(rows: list[tuple], who: str, path: Path | None = None) -> int:
    """Append checked results (institution, ranking, year, rank_best, rank_worst, source) in one transaction."""
    now = dt.datetime.now().replace(microsecond=0)
    clean = [[*row, who, now] for row in rows]
    if clean:
        write(lambda con: con.executemany("INSERT INTO ranking_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)", clean), path)
    return len(clean)


def latest_status(path: Path | None = None) -> pd.DataFrame:
    """The newest status of every action (by as_of, then by when it was recorded)."""
    return read("""
        SELECT * EXCLUDE (rn) FROM (
            SELECT *, row_number() OVER (PARTITION BY action_key ORDER BY as_of DESC, recorded_at DESC) AS rn
            FROM action_status) WHERE rn = 1""", path=path)


def ranking_results(path: Path | None = None) -> pd.DataFrame:
    """Every recorded result; rank_worst is <NA> for an open band such as "601+" (never a number)."""
    df = read("SELECT * FROM ranking_results ORDER BY ranking, year, recorded_at", path=path)
    return df.astype({"year": "Int64", "rank_best": "Int64", "rank_worst": "Int64"})
