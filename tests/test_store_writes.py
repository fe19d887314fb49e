"""The embedded user store under concurrent use: no acknowledged write lost, no error reaching the caller
(processes and threads), older files upgraded without losing rows, and imports undone in the order the
store numbered them, whatever the servers' clocks said."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
import uuid
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from plandb import importer
from scripts import write_loss
from state import user_store


@pytest.mark.slow
def test_processes_lose_no_acknowledged_write(tmp_path):
    """8 processes x 30 writes (each process also reading now and then, as pages do)."""
    r = write_loss.run(processes=8, threads=1, seconds=600, store=tmp_path / "user.duckdb", limit=30)
    assert r["crashed_processes"] == 0
    assert r["errors"] == 0, r["error_kinds"]
    assert r["acknowledged"] == 240 and r["lost"] == 0 and r["stored"] == 240


def test_threads_of_one_server_share_the_store(tmp_path):
    """Sessions of one server writing and reading at once: before, 6-8 % of saves failed with 'Unique file
    handle conflict ... already attached' (a read-only and a read-write connection in one process)."""
    store = tmp_path / "user.duckdb"
    errors: list[str] = []
    done: list[str] = []

    def session(k: int) -> None:
        for n in range(10):
            mark = f"t{k}-{n}"
            try:
                user_store.record_status([{"action_key": "a", "status": "done", "comment": mark}], f"s{k}", path=store)
                done.append(mark)
                user_store.latest_status(path=store)
                user_store.audit_log(path=store)
            except Exception as exc:  # noqa: BLE001 - what would reach the page
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=session, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    stored = set(user_store.read("SELECT comment FROM action_status", path=store).comment)
    assert len(done) == 60 and stored == set(done)


def test_a_write_is_on_disk_when_it_returns(tmp_path):
    """After record_status returns, the file itself holds the row: the connection is closed and checkpointed
    (no write-ahead log left for a later opener to replay)."""
    store = tmp_path / "user.duckdb"
    user_store.record_status([{"action_key": "a", "status": "done"}], "me", path=store)
    assert not Path(str(store) + ".wal").exists()
    con = duckdb.connect(str(store), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM action_status").fetchone()[0] == 1
    finally:
        con.close()


def test_opening_the_store_again_inside_a_transaction_is_refused_plainly(tmp_path):
    store = tmp_path / "user.duckdb"
    with pytest.raises(RuntimeError, match="already open in this thread"), user_store.writer(store):
        user_store.latest_status(path=store)  # would deadlock on its own lock, or clash inside DuckDB
    user_store.record_status([{"action_key": "a", "status": "done"}], "me", path=store)  # the lock was let go
    assert len(user_store.latest_status(path=store)) == 1


OLD_IMPORT_LOG = """CREATE TABLE import_log (import_id VARCHAR PRIMARY KEY, file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL, kind VARCHAR NOT NULL, summary VARCHAR NOT NULL, imported_by VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL, undone_by VARCHAR, undone_at TIMESTAMP)"""


def test_an_older_store_gets_numbered_imports_without_losing_rows(tmp_path):
    store = tmp_path / "user.duckdb"
    con = duckdb.connect(str(store))
    con.execute(OLD_IMPORT_LOG)
    con.executemany("INSERT INTO import_log VALUES (?, 'f.xlsx', 'x', 'xlsx', 's', 'ed', ?, ?, ?)", [
        ("b", dt.datetime(2026, 3, 2, 9, 0), None, None),
        ("a", dt.datetime(2026, 3, 1, 9, 0), "ed", dt.datetime(2026, 3, 1, 10, 0)),
        ("c", dt.datetime(2026, 3, 3, 9, 0), None, None)])
    con.close()
    log = user_store.import_history(store)
    assert list(log.import_id) == ["c", "b", "a"] and log.imported_at.notna().all()
    assert log.loc[log.import_id == "a", "undone_by"].iloc[0] == "ed"
    assert user_store.newest_import(store) == "c"
    with user_store.writer(store) as con:  # the numbering goes on after the old entries
        con.execute(user_store.INSERT_IMPORT, ["d", "g.xlsx", "y", "xlsx", "s", "ed", user_store.utc_now()])
    assert user_store.read("SELECT seq FROM import_log WHERE import_id = 'd'", path=store).seq.iloc[0] == 4
    assert user_store.newest_import(store) == "d"


def test_history_shows_local_times_not_utc(tmp_path, monkeypatch):
    store = tmp_path / "user.duckdb"
    with user_store.writer(store) as con:
        con.execute(user_store.INSERT_IMPORT, ["a", "f.xlsx", "x", "xlsx", "s", "ed",
                                               dt.datetime(2026, 12, 3, 6, 15, tzinfo=dt.UTC)])
    monkeypatch.setenv("TZ", "Asia/Baku")
    time.tzset()
    try:
        shown = user_store.import_history(store).imported_at.iloc[0]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert shown == dt.datetime(2026, 12, 3, 10, 15)  # Baku is UTC+4


def plan_workbook(site: Path, document_id: str, year: int) -> Path:
    """The import template with one more small plan of QKU."""
    from reports.template import build_template

    out = site / f"{document_id}.xlsx"
    out.write_bytes(build_template())
    wb = load_workbook(out)
    wb["plans"].append([document_id, "xlsx_template", "QKU", f"QKU {year} fəaliyyət planı", year, year])
    wb["goals"].append([document_id, 1, "Tədrisin keyfiyyətinin yüksəldilməsi"])
    wb["targets"].append([document_id, 1, 1, "Akkreditasiya"])
    head = [c.value for c in wb["actions"][1]]
    values = {"document_id": document_id, "seq": 1, "goal_no": 1, "target_no": 1, "action_no": 1,
              "title": f"Akkreditasiya {year}", "deadline_raw": f"Yanvar-İyun {year}",
              "lead_unit_1": "Keyfiyyətin Təminatı Mərkəzi", "vice_rector_1": "academic"}
    wb["actions"].append([values.get(h) for h in head])
    wb.save(out)
    return out


def in_time_zone(zone: str) -> None:
    os.environ["TZ"] = zone
    time.tzset()


def test_undo_takes_back_the_newer_import_across_time_zones(site):
    """A server in Asia/Baku imports first, a server on UTC four hours 'earlier' imports next: undo takes
    back the second import (the store's order), not the first (which the servers' clocks put last)."""
    saved = os.environ.get("TZ")
    try:
        in_time_zone("Asia/Baku")
        first = importer.apply(plan_workbook(site, "qku_activity_plan_2027", 2027), "Baku server")
        in_time_zone("UTC")
        second = importer.apply(plan_workbook(site, "qku_activity_plan_2028", 2028), "UTC server")
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
    assert first.applied and second.applied
    assert list(importer.history().import_id) == [second.import_id, first.import_id]
    assert importer.undo_last("tester") == second.import_id
    log = importer.history().set_index("import_id")
    assert pd.isna(log.loc[first.import_id, "undone_at"]) and log.loc[second.import_id, "undone_by"] == "tester"


def test_postgresql_orders_imports_by_its_own_numbering(pg_state):
    """Migration 0005: the identity column orders imports; aware times are kept."""
    late = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)  # a server whose clock runs ahead
    with user_store.writer() as con:
        con.execute(user_store.INSERT_IMPORT, ["ahead", "f.xlsx", "x", "xlsx", "s", "ed", late])
    with user_store.writer() as con:
        con.execute(user_store.INSERT_IMPORT, ["later", "g.xlsx", "y", "xlsx", "s", "ed", late - dt.timedelta(hours=4)])
    assert user_store.newest_import() == "later"
    assert list(user_store.import_history().import_id) == ["later", "ahead"]
    stamp = user_store.read("SELECT imported_at AT TIME ZONE 'UTC' AS t FROM import_log WHERE import_id = 'ahead'").t
    assert stamp.iloc[0] == dt.datetime(2026, 12, 3, 12, 0)


def test_postgresql_migration_numbers_existing_imports_in_time_order(pg_server, monkeypatch):
    """A store made before 0005, with imports logged: numbered by their times, the identity goes on after
    them, nothing lost."""
    import psycopg

    from state import state_pg

    url = pg_server.create_database("t_" + uuid.uuid4().hex[:12])
    with psycopg.connect(url, autocommit=True) as conn:
        for _version, _name, sql in [m for m in state_pg.migrations() if m[0] < "0005"]:
            conn.execute(sql)
        conn.execute("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, "
                     "sha256 TEXT NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT now())")
        for version, name, sql in [m for m in state_pg.migrations() if m[0] < "0005"]:
            conn.execute("INSERT INTO schema_migrations (version, name, sha256) VALUES (%s, %s, %s)",
                         [version, name, hashlib.sha256(sql.encode()).hexdigest()])
        for import_id, at in (("b", "2026-03-02 09:00"), ("a", "2026-03-01 09:00"), ("c", "2026-03-03 09:00")):
            conn.execute("INSERT INTO import_log VALUES (%s, 'f.xlsx', 'x', 'xlsx', 's', 'ed', %s, NULL, NULL)",
                         [import_id, at])
        assert "0005" in state_pg.migrate(conn)
    monkeypatch.setenv("STRATEGY_STATE_URL", url)
    try:
        assert list(user_store.import_history().import_id) == ["c", "b", "a"]
        with user_store.writer() as con:
            con.execute(user_store.INSERT_IMPORT, ["d", "g.xlsx", "y", "xlsx", "s", "ed",
                                                   dt.datetime(2026, 1, 1, tzinfo=dt.UTC)])  # a clock far behind
        assert user_store.newest_import() == "d"
        assert list(user_store.read("SELECT seq FROM import_log ORDER BY seq").seq) == [1, 2, 3, 4]
    finally:
        state_pg.state(url).close()
