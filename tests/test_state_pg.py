"""The user store in a real PostgreSQL server (STRATEGY_STATE_URL): the same user_store API as the
embedded DuckDB file, migrations, the change counter, concurrent and killed writers, shared state."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pandas as pd
import psycopg
import pytest

from plandb import importer
from state import column_mappings, state_pg, unit_review, user_store

FORK = mp.get_context("fork")


def count(sql: str = "SELECT count(*) AS n FROM action_status", params: list | None = None) -> int:
    return int(user_store.read(sql, params).n.iloc[0])


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request, tmp_path, monkeypatch) -> str:
    """Each backend in turn behind the same API."""
    monkeypatch.setenv("STRATEGY_USER_DB", str(tmp_path / "user.duckdb"))
    if request.param == "postgresql":
        request.getfixturevalue("pg_state")
    else:
        monkeypatch.delenv("STRATEGY_STATE_URL", raising=False)
    assert user_store.backend() == request.param
    return request.param


def test_a_state_url_that_is_not_postgresql_is_refused(monkeypatch):
    monkeypatch.setenv("STRATEGY_STATE_URL", "/srv/state.duckdb")
    with pytest.raises(ValueError, match="postgresql://"):
        user_store.latest_status()


def test_placeholders_are_translated_and_values_bound(store):
    assert state_pg.translate("SELECT '?', \"a?\", x FROM t WHERE a = ? AND b LIKE '%x' -- ?\n AND c = ?") == \
        "SELECT '?', \"a?\", x FROM t WHERE a = %s AND b LIKE '%%x' -- ?\n AND c = %s"
    assert state_pg.translate("SELECT $name, 5 % 2", named=True) == "SELECT %(name)s, 5 %% 2"
    assert user_store.read("SELECT '50%' AS a, ? AS b", ["?%"]).values.tolist() == [["50%", "?%"]]
    assert user_store.read("SELECT '5%' AS a").a.tolist() == ["5%"]


NASTY = "'); DROP TABLE action_status; -- 50% ?"


def fill(path: Path | None = None) -> None:
    user_store.record_status([{"action_key": "QKU:2021-2025:1.1.1", "as_of": "2025-03-01", "status": "in_progress",
                               "progress_pct": 40, "comment": NASTY}], "tester", path=path)
    user_store.record_status([{"action_key": "QKU:2021-2025:1.1.1", "as_of": "2025-06-30", "status": "done",
                               "progress_pct": 100, "evidence_url": "https://example.org/r"},
                              {"action_key": "QKU:2021-2025:1.1.2", "status": "at_risk"}], "tester", path=path)
    user_store.record_ranking_result("QKU", "ui_greenmetric", 2024, 801, 850, "UI GreenMetric 2024", "tester", path)
    user_store.record_ranking_result("QKU", "qs_world", 2024, 601, None, None, "tester", path)


def test_status_and_rankings_round_trip_like_duckdb(store, tmp_path):
    v0 = user_store.version()
    fill()
    assert user_store.version() != v0
    latest = user_store.latest_status().set_index("action_key")
    assert latest.loc["QKU:2021-2025:1.1.1", "status"] == "done" and len(latest) == 2
    assert user_store.read("SELECT comment FROM action_status WHERE comment = ?", [NASTY]).comment.tolist() == [NASTY]
    results = user_store.ranking_results()
    assert results.rank_worst.isna().tolist() == [True, False] and results.rank_best.tolist() == [601, 801]
    with pytest.raises(ValueError, match="status must be"):
        user_store.record_status([{"action_key": "x", "status": "finished"}], "tester")
    assert count() == 3

    # the same frames, dtypes included, as the embedded DuckDB file gives (callers and caches see no difference)
    ref = tmp_path / "ref.duckdb"
    fill(ref)
    for name in ("latest_status", "ranking_results"):
        ours, theirs = getattr(user_store, name)(), getattr(user_store, name)(ref)
        assert ours.dtypes.to_dict() == theirs.dtypes.to_dict()
        when = [c for c in ours.columns if c.endswith("_at")]
        pd.testing.assert_frame_equal(ours.drop(columns=when).sort_values(list(ours.columns[:2]), ignore_index=True),
                                      theirs.drop(columns=when).sort_values(list(ours.columns[:2]), ignore_index=True))


def test_unit_decisions_and_column_mappings(store, ref):
    into = ref.units[0]["canonical_az"]
    merged = unit_review.merge("Yeni şöbə adı", into, "tester", "QKU", ref=ref)
    accepted = unit_review.accept("Tamamilə yeni mərkəz", "Brand new centre", "centre", "tester", "QKU")
    assert set(unit_review.active().decision_id) == {merged, accepted}
    assert unit_review.undo(merged, "tester") and not unit_review.undo(merged, "tester")
    assert unit_review.active().decision_id.tolist() == [accepted]
    history = unit_review.history()
    assert len(history) == 2 and history.set_index("decision_id").loc[merged, "undone_by"] == "tester"

    column_mappings.save("abc123", "QKU", {"h1": "title", "h2": "deadline"}, "tester")
    assert column_mappings.for_file("abc123") == {"h1": "title", "h2": "deadline"}
    assert column_mappings.for_university("QKU") == {"h1": "title", "h2": "deadline"}
    column_mappings.forget("abc123")
    assert column_mappings.for_file("abc123") is None


def test_documents_and_plan_version(store):
    assert user_store.plan_version() == 0
    sha = user_store.store_document(b"%PDF-1.4 plan", "plan.pdf", "tester", "imp-1")
    assert user_store.store_document(b"%PDF-1.4 plan", "plan.pdf", "tester", "imp-2") == sha  # kept once
    docs = user_store.documents()
    assert docs[["file_name", "size_bytes", "import_id"]].values.tolist() == [["plan.pdf", 13, "imp-1"]]
    assert user_store.document(sha) == b"%PDF-1.4 plan" and user_store.document("0" * 64) is None
    assert user_store.bump_plan_version("tester", "import imp-1") == 1
    with user_store.writer() as con:  # inside a caller's transaction
        assert user_store.bump_plan_version("tester", "undo imp-1", con=con) == 2
    with pytest.raises(RuntimeError), user_store.writer() as con:  # rolled back with it
        user_store.bump_plan_version("tester", con=con)
        raise RuntimeError("import failed")
    assert user_store.plan_version() == 2


def test_roles_and_audit(store):
    admin = ("Aynur Admin", "admin@ministry.az")
    assert user_store.role_of("x@qku.edu.az") is None
    user_store.set_role("Rena@QKU.edu.az ", "unit_editor", *admin, name="Rena", institution="QKU",
                        unit_name="Keyfiyyətin Təminatı Mərkəzi")
    role = user_store.role_of("rena@qku.edu.az")
    assert role == user_store.Role("rena@qku.edu.az", "Rena", "unit_editor", "QKU", "Keyfiyyətin Təminatı Mərkəzi")
    user_store.set_role("rena@qku.edu.az", "university_editor", *admin, name="Rena", institution="QKU")
    assert user_store.role_of("RENA@qku.edu.az").role == "university_editor"
    user_store.set_role("boss@ministry.az", "admin", *admin, institution="QKU")
    assert user_store.role_of("boss@ministry.az").institution is None
    for bad in [dict(email="nobody", role="viewer"), dict(email="a@b.az", role="rector"),
                dict(email="a@b.az", role="unit_editor", institution="QKU"),
                dict(email="a@b.az", role="university_editor")]:
        with pytest.raises(ValueError):
            user_store.set_role(**bad, who_name=admin[0], who_email=admin[1])
    assert user_store.users().email.tolist() == ["boss@ministry.az", "rena@qku.edu.az"]

    user_store.audit("Rena", "rena@qku.edu.az", "record_status", {"action_key": "QKU:2021-2025:1.1.1",
                                                                   "status": "done"}, "QKU")
    log = user_store.audit_log()
    assert log.action.tolist() == ["record_status", "set_role", "set_role", "set_role"]
    assert log.who_email.iloc[0] == "rena@qku.edu.az" and '"status": "done"' in log.detail.iloc[0]
    assert len(user_store.audit_log(institution="QKU")) == 3 and len(user_store.audit_log(limit=1)) == 1


def test_migrations_are_versioned_and_applied_once(pg_state):
    user_store.version()  # first use applies them
    files = [v for v, _name, _sql in state_pg.migrations()]
    assert files[:2] == ["0001", "0002"]
    with psycopg.connect(pg_state, autocommit=True) as conn:
        assert state_pg.migrate(conn) == []  # again: nothing to do
        assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == files


def _migrate(url: str) -> list[str]:
    with psycopg.connect(url, autocommit=True) as conn:
        return state_pg.migrate(conn)


def test_processes_starting_at_once_migrate_once(pg_server):
    url = pg_server.create_database("t_race")
    with FORK.Pool(8) as pool:
        applied = pool.map(_migrate, [url] * 8)
    assert sorted(map(tuple, applied)) == [()] * 7 + [tuple(v for v, _n, _s in state_pg.migrations())]


def test_a_changed_migration_is_refused(pg_state, monkeypatch):
    user_store.version()
    changed = [(v, n, sql + "\n-- edited") for v, n, sql in state_pg.migrations()]
    monkeypatch.setattr(state_pg, "migrations", lambda: changed)
    with psycopg.connect(pg_state, autocommit=True) as conn, pytest.raises(RuntimeError, match="changed"):
        state_pg.migrate(conn)


def _writer(args: tuple[str, int, int]) -> int:
    url, worker, n = args
    os.environ["STRATEGY_STATE_URL"] = url
    for i in range(n):
        user_store.record_status([{"action_key": f"W{worker}:{i}", "status": "in_progress", "progress_pct": i},
                                  {"action_key": f"W{worker}:{i}", "status": "done", "as_of": "2030-01-01"}],
                                 f"writer {worker}")
    return n


def test_twenty_concurrent_writer_processes_lose_nothing(pg_state):
    v0 = user_store.version()[1]
    started = time.perf_counter()
    with FORK.Pool(20) as pool:
        done = pool.map(_writer, [(pg_state, w, 25) for w in range(20)])
    seconds = time.perf_counter() - started
    assert sum(done) == 500 and count() == 1000
    assert len(user_store.latest_status()) == 500 and set(user_store.latest_status().status) == {"done"}
    assert user_store.version()[1] - v0 == 500  # one bump per committed transaction, none lost
    print(f"20 writer processes, 500 transactions, 1000 rows in {seconds:.2f} s")


def _hang_in_transaction(url: str, ready) -> None:
    os.environ["STRATEGY_STATE_URL"] = url
    rows = user_store.status_rows([{"action_key": f"killed:{i}", "status": "done"} for i in range(200)], "killed")
    with user_store.writer() as con:
        con.executemany(user_store.INSERT_STATUS, rows)
        user_store.bump_plan_version("killed", "never committed", con=con)  # holds the row lock
        ready.set()
        time.sleep(120)


def test_a_writer_killed_mid_transaction_leaves_nothing(pg_state):
    user_store.record_status([{"action_key": "kept", "status": "done"}], "before")
    v0 = user_store.version()
    ready = FORK.Event()
    proc = FORK.Process(target=_hang_in_transaction, args=(pg_state, ready))
    proc.start()
    assert ready.wait(30), "the writer never reached its transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    started = time.perf_counter()

    def bump(con) -> int:
        con.execute("SET LOCAL lock_timeout = '10s'")  # the dead writer's lock must go, not be waited out
        return user_store.bump_plan_version("after", con=con)

    assert user_store.write(bump) == 1
    waited = time.perf_counter() - started
    assert waited < 5
    print(f"after a SIGKILL mid-transaction the next write waited {1000 * waited:.0f} ms")
    assert count("SELECT count(*) AS n FROM action_status WHERE action_key LIKE ?", ["killed:%"]) == 0
    assert user_store.latest_status().action_key.tolist() == ["kept"]
    assert user_store.version()[1] == v0[1] + 1  # only the bump above


def test_import_and_undo_share_documents_and_plan_version(pg_state, site):
    from tests.test_imports import add_2026_plan, template

    path = add_2026_plan(template(site), site / "plan2026.xlsx")
    result = importer.apply(path, "strategy centre")
    assert result.applied and user_store.plan_version() == 1
    log = importer.history()
    assert log.import_id.tolist() == [result.import_id] and log.undone_at.isna().all()
    docs = user_store.documents()
    assert docs.file_name.tolist() == ["plan2026.xlsx"] and docs.import_id.tolist() == [result.import_id]
    assert user_store.document(docs.sha256.iloc[0]) == Path(path).read_bytes()
    assert user_store.latest_status().recorded_by.tolist() == ["strategy centre"]
    assert importer.undo_last("tester") == result.import_id
    assert user_store.plan_version() == 2 and user_store.latest_status().empty
    assert not pd.isna(importer.history().undone_at.iloc[0])
    assert not (Path(os.environ["STRATEGY_USER_DB"])).exists()  # nothing went to the embedded file
