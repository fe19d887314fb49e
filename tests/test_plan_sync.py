"""Several app servers with the shared state in a real PostgreSQL server: an import, undo or unit review on one
server publishes the plan database file, every other server fetches it and switches to it (loaders/plan_sync.py).

Two "servers" here are two installations (database file, imported-documents folder) on one machine, used in
turn by switching their environment, as two hosts would each have their own."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from parse.errors import LoadError
from plandb import importer, plan_sync
from plandb.build import imported_files
from state import user_store

ROOT = Path(__file__).resolve().parent.parent


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def n_actions(db: Path, plan: str | None = None) -> int:
    from analytics import db as data

    data.close()  # DuckDB hands out the open (older) instance of a path while a connection to it is open
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = "SELECT count(*) FROM v_actions" + (" WHERE document_id = ?" if plan else "")
        return con.execute(sql, [plan] if plan else []).fetchone()[0]
    finally:
        con.close()


@pytest.fixture()
def servers(pg_state, tmp_path, monkeypatch, _site_template):
    """Two installations with the database built from the bundled documents (copies of the one built this run:
    no imports, no decisions, as a fresh store has); `on(name)` makes one the current server."""
    dirs = {}
    for name in ("a", "b"):
        d = tmp_path / name
        (d / "imported").mkdir(parents=True)
        shutil.copyfile(_site_template, d / "s.duckdb")
        dirs[name] = d

    @contextmanager
    def on(name: str):
        d = dirs[name]
        with monkeypatch.context() as m:
            m.setenv("STRATEGY_DB", str(d / "s.duckdb"))
            m.setenv("STRATEGY_IMPORTS", str(d / "imported"))
            yield d / "s.duckdb"

    monkeypatch.setenv("STRATEGY_USER_DB", str(tmp_path / "unused.duckdb"))
    return on, dirs


def plan_2026(tmp_path: Path) -> Path:
    from tests.test_imports import add_2026_plan, template

    return add_2026_plan(template(tmp_path), tmp_path / "plan2026.xlsx")


def test_an_import_on_one_server_reaches_the_other_and_can_be_undone_there(servers, tmp_path):
    on, dirs = servers
    with on("a") as db_a:
        path = plan_2026(tmp_path)
        before = n_actions(db_a)
        result = importer.apply(path, "strategy centre")
        assert result.applied and plan_sync.local_version(db_a) == 1 == plan_sync.newest_version()
        assert n_actions(db_a, "qku_activity_plan_2026") == 2 and n_actions(db_a) == before + 2
    published = plan_sync.newest()
    assert published is not None and published.sha256 == sha(db_a)
    assert [f["name"] for f in published.imported_files] == [p.name for p in imported_files(dirs["a"] / "imported")]

    with on("b") as db_b:
        assert plan_sync.local_version(db_b) == 0 and n_actions(db_b) == before
        t = time.perf_counter()
        assert plan_sync.check(db_b) == 1
        print(f"seed-size plan fetched in {time.perf_counter() - t:.2f} s ({published.size_bytes} bytes)")
        assert sha(db_b) == sha(db_a) and n_actions(db_b, "qku_activity_plan_2026") == 2
        # its documents folder now holds what the file was built from, so a build here gives the same plan
        assert [p.read_bytes() for p in imported_files(dirs["b"] / "imported")] == [path.read_bytes()]
        assert plan_sync.check(db_b) is None  # nothing newer: no second download

        # an undo made on server B, from the snapshot fetched with the plan
        assert importer.undo_last("rector's office", expected=result.import_id) == result.import_id
        assert n_actions(db_b) == before and plan_sync.local_version(db_b) == 2
        assert imported_files(dirs["b"] / "imported") == []
    with on("a") as db_a:
        assert plan_sync.check(db_a) == 2
        assert n_actions(db_a) == before and sha(db_a) == sha(db_b)
        assert imported_files(dirs["a"] / "imported") == []
        versions = user_store.read("SELECT version FROM published_plan ORDER BY version").version.tolist()
        assert versions == [1, 2]  # the newest two are kept


def test_an_undo_checked_for_one_import_never_undoes_a_newer_one(servers, tmp_path):
    on, _dirs = servers
    with on("a"):
        first = importer.apply(plan_2026(tmp_path), "strategy centre")
    with on("b") as db_b:
        with pytest.raises(LoadError, match="made meanwhile"):
            importer.undo_last("tester", expected="20260101-000000-00000000")
        assert importer.history().undone_at.isna().all()
        assert n_actions(db_b, "qku_activity_plan_2026") == 2  # caught up, not undone
        assert importer.undo_last("tester", expected=first.import_id) == first.import_id


def test_a_damaged_download_leaves_the_current_file(servers, tmp_path):
    on, _dirs = servers
    with on("a"):
        importer.apply(plan_2026(tmp_path), "strategy centre")
    pg = user_store.pg_state()
    with pg.connection() as conn:
        conn.execute("UPDATE published_plan_parts SET data = 'x'::bytea || data WHERE part = 0")
    with on("b") as db_b:
        old = sha(db_b)
        with pytest.raises(LoadError, match="sha256"):
            plan_sync.check(db_b)
        assert sha(db_b) == old and plan_sync.local_version(db_b) == 0
        assert not list(db_b.parent.glob(".s.duckdb.building-*"))  # no partial file left beside it


def test_a_running_server_follows_imports_made_elsewhere(servers, tmp_path, monkeypatch):
    """Server B's follower thread picks up an import made by another process (server A's command line)."""
    on, dirs = servers
    monkeypatch.setenv("STRATEGY_PLAN_POLL", "0.2")
    with on("b") as db_b:
        path = plan_2026(tmp_path)
        assert plan_sync.follow(db_b)
        env = {**os.environ, "STRATEGY_DB": str(dirs["a"] / "s.duckdb"),
               "STRATEGY_IMPORTS": str(dirs["a"] / "imported")}
        done = subprocess.run([sys.executable, "-m", "loaders", "import", str(path), "--by", "server A"], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        committed = time.perf_counter()
        while plan_sync.local_version(db_b) < 1:
            assert time.perf_counter() - committed < 30, "server B did not fetch the new plan"
            time.sleep(0.05)
        print(f"server B switched {time.perf_counter() - committed:.2f} s after server A's import returned")
        assert sha(db_b) == sha(dirs["a"] / "s.duckdb") and n_actions(db_b, "qku_activity_plan_2026") == 2


def test_a_server_killed_while_publishing_leaves_the_published_plan_and_the_lock(servers, tmp_path):
    """Server A's import process dies (SIGKILL) with its publishing transaction open: nothing of it is
    published, the plan lock is free at once, server B imports, and server A's recovery rolls its files back."""
    on, dirs = servers
    with on("a") as db_a:
        path = plan_2026(tmp_path)
        before = sha(db_a)
    env = {**os.environ, "STRATEGY_DB": str(db_a), "STRATEGY_IMPORTS": str(dirs["a"] / "imported"),
           "STRATEGY_CRASH_AT": "publishing"}
    done = subprocess.run([sys.executable, "-m", "loaders", "import", str(path), "--by", "server A"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    assert plan_sync.newest() is None and importer.history().empty and user_store.plan_version() == 0
    with on("b") as db_b:
        t = time.perf_counter()
        assert importer.apply(path, "server B").applied  # waits for no lock: the dead session released it
        print(f"import on B right after A died: {time.perf_counter() - t:.2f} s")
        assert plan_sync.local_version(db_b) == 1
    with on("a") as db_a:
        assert sha(db_a) != before  # A had swapped in its own build before dying
        assert importer.recover_now().startswith("rolled back import")
        assert plan_sync.check(db_a) is None  # recover_now already fetched B's plan
        assert sha(db_a) == sha(db_b) and [p.name for p in imported_files(dirs["a"] / "imported")] == \
            [p.name for p in imported_files(dirs["b"] / "imported")]


def test_the_embedded_mode_publishes_nothing(site, monkeypatch):
    monkeypatch.delenv("STRATEGY_STATE_URL", raising=False)
    assert not plan_sync.enabled() and not plan_sync.follow()
    assert plan_sync.catch_up(site / "s.duckdb") is None
    assert not (site / "s.duckdb.published").exists()
