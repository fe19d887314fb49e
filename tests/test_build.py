"""The build: real DuckDB, contract views, idempotency, user tables, atomic failure on bad input."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.filters import Filters
from parse.errors import LoadError
from plandb.build import RAW_DIR, build, run_checks

ROOT = Path(__file__).resolve().parent.parent

CONTRACT = {
    "v_actions": ["institution", "document_id", "goal_no", "target_no", "action_no", "title", "deadline_raw",
                  "start_year", "end_year", "recurrence", "lead_units", "partner_units", "vice_rectors",
                  "active_from", "active_to"],
    "v_ranking_targets": ["institution", "ranking", "best_rank", "worst_rank", "deadline_raw", "goal_no",
                          "target_no", "action_no"],
    "v_cbhe_projects": ["project_id", "acronym", "title", "budget_eur", "start_date", "end_date", "coordinator",
                        "coordinator_country", "partner_count", "url"],
    "v_cbhe_participants": ["project_id", "acronym", "organisation", "country", "role"],
    "v_courses": ["course_code", "title", "institution", "department", "credits", "hours_total", "hours_lecture",
                  "hours_seminar", "weekly_topics"],
}


def test_contract_views(con):
    for view, columns in CONTRACT.items():
        assert [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description] == columns
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name='v_actions'")
                 .fetchall())
    assert types["lead_units"] == types["vice_rectors"] == "VARCHAR[]"


def test_row_counts(con):
    counts = dict(con.execute("SELECT institution, count(*) FROM v_actions GROUP BY 1").fetchall())
    assert counts == {"QKU": 158, "NDU": 14, "MDU": 11}
    assert con.execute("SELECT count(*) FROM v_ranking_targets").fetchone()[0] == 11
    assert con.execute("SELECT count(*) FROM v_cbhe_participants").fetchone()[0] == 69
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_views_values(con):
    row = con.execute("""SELECT title, lead_units, partner_units, vice_rectors FROM v_actions
                         WHERE institution='QKU' AND goal_no=1 AND target_no=1 AND action_no=4""").fetchone()
    assert row[1] == ["Tədris Şöbəsi", "Karyera və Məzunlarla İş Mərkəzi"]
    assert row[2] == ["Keyfiyyətin Təminatı Mərkəzi", "Strateji İnkişaf Mərkəzi"]
    assert row[3] == []
    refresh = con.execute("SELECT budget_eur, partner_count, coordinator FROM v_cbhe_projects "
                          "WHERE acronym='REFRESH'").fetchone()
    assert refresh == (None, None, None)  # unknown, not zero
    total = con.execute("SELECT sum(budget_eur), count(budget_eur), count(*) FROM v_cbhe_projects").fetchone()
    assert (float(total[0]), total[1], total[2]) == (633292 + 799999 + 728234 + 969008 + 999969, 5, 6)
    assert con.execute("SELECT * FROM v_courses").fetchone() == (
        "00247", "Dövlət qulluğu", "UNEC", "İctimai idarəetmə və sosial innovasiyalar", 8, 60, 30, 30, 15)
    green = con.execute("SELECT best_rank, worst_rank FROM v_ranking_targets WHERE ranking='ui_greenmetric'").fetchone()
    assert green == (200, 300)


def test_referential_integrity(con):
    assert run_checks(con) == []
    orphans = con.execute("""SELECT count(*) FROM action_units u LEFT JOIN units n USING (unit_name)
                             WHERE n.unit_name IS NULL""").fetchone()[0]
    assert orphans == 0


def dump(db: Path) -> dict[str, list]:
    c = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in c.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: sorted(map(repr, c.execute(f'SELECT * EXCLUDE ({"loaded_at" if t == "documents" else "_x"}) '
                                              f'FROM "{t}"' if t == "documents" else f'SELECT * FROM "{t}"')
                              .fetchall()))
                for t in tables if t != "meta"}
    finally:
        c.close()


def test_rebuild_is_idempotent_and_keeps_user_data(tmp_path, monkeypatch):
    from state import user_store

    db, user_db = tmp_path / "s.duckdb", tmp_path / "user.duckdb"
    build(RAW_DIR, db)
    first = dump(db)
    user_store.record_status([{"action_key": "QKU:2021-2025:1.1.1", "as_of": "2025-06-30", "status": "in_progress",
                               "progress_pct": 40, "comment": "half the syllabi reviewed"}], "test", path=user_db)
    user_store.record_ranking_result("QKU", "ui_greenmetric", 2024, 801, 850, "UI GreenMetric 2024", "test",
                                     path=user_db)
    before = user_db.read_bytes()
    build(RAW_DIR, db)
    assert dump(db) == first
    assert user_db.read_bytes() == before  # the build never touches what users recorded
    assert len(user_store.latest_status(user_db)) == 1 and len(user_store.ranking_results(user_db)) == 1


def write_bad(raw: Path, name: str, data: bytes) -> Path:
    p = raw / name
    p.write_bytes(data)
    return p


QKU_TEXT = (RAW_DIR / "qku_strategic_plan_2021_2025.txt").read_text(encoding="utf-8")
BAD_INPUTS = {
    "empty": ("plan.txt", b"", "non-empty"),
    "truncated_mid_action": ("plan.txt", QKU_TEXT[: QKU_TEXT.index("Hədəf 2: Kadr") + 200].encode("utf-8"),
                             "a deadline"),
    "truncated_after_heading": ("plan.txt", QKU_TEXT[: QKU_TEXT.index("1. Universitetin təhsil-tədqiqat")]
                                .encode("utf-8"), "at least one action under each target"),
    "truncated_mid_character": ("plan.txt", QKU_TEXT.encode("utf-8")[:1000].rstrip(b"\x80\xbf")[:-1] + b"\xc9",
                                "middle of a character"),
    "cp1251": ("plan.txt", "Məqsəd 1: Təhsil — Стратегия".encode().replace(b"\xc9\x99", b"e")
               + "Стратегический план".encode("cp1251"), "another encoding"),
    "utf16": ("plan.txt", QKU_TEXT.encode("utf-16"), "UTF-16"),
    "binary": ("plan.txt", bytes(range(256)) * 8, "NUL byte"),
    "unknown_kind": ("notes.txt", "Bu sadəcə bir qeyddir.\nHeç bir plan yoxdur.\n".encode(),
                     "one of the known document kinds"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_rejected_and_database_unchanged(tmp_path, case):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    db = tmp_path / "s.duckdb"
    build(raw, db)
    before = db.read_bytes()
    name, data, expected = BAD_INPUTS[case]
    bad = write_bad(raw, name, data)
    with pytest.raises(LoadError) as err:
        build(raw, db)
    msg = str(err.value)
    assert str(bad) in msg and "expected" in msg and expected in msg
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "s.duckdb"]  # no half-written file left


def test_kind_is_detected_from_content_not_name(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, p in enumerate(sorted(RAW_DIR.iterdir())):
        shutil.copy(p, raw / f"document_{i}.dat")
    report = build(raw, tmp_path / "s.duckdb")
    assert report.rows["actions"] == 183 and report.rows["cbhe_projects"] == 6 and report.rows["courses"] == 1


def test_build_while_a_reader_holds_the_database(tmp_path):
    """A dashboard keeps a read-only connection open; a build in another process still succeeds."""
    db = tmp_path / "s.duckdb"
    build(RAW_DIR, db)
    reader = duckdb.connect(str(db), read_only=True)
    old_built = reader.execute("SELECT value FROM meta WHERE key='built_at'").fetchone()[0]
    proc = subprocess.run([sys.executable, "-m", "loaders", "build", "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Rows per table" in proc.stdout and "actions" in proc.stdout
    assert reader.execute("SELECT count(*) FROM actions").fetchone()[0] == 183  # old file still readable
    reader.close()
    fresh = duckdb.connect(str(db), read_only=True)
    assert fresh.execute("SELECT value FROM meta WHERE key='built_at'").fetchone()[0] >= old_built
    fresh.close()


def test_cli_reports_bad_input(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x.txt").write_bytes("Привет".encode("cp1251"))
    proc = subprocess.run([sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--db",
                           str(tmp_path / "s.duckdb")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "x.txt" in proc.stderr and "expected UTF-8 text" in proc.stderr
    assert not (tmp_path / "s.duckdb").exists()


def test_a_running_dashboard_picks_up_a_rebuild(tmp_path, monkeypatch):
    """The app keeps a read-only connection open; after a build swaps the file, it reads the new data."""
    import shutil as sh

    from analytics.db import query

    db = tmp_path / "s.duckdb"
    monkeypatch.setenv("STRATEGY_DB", str(db))
    only_qku = tmp_path / "raw"
    only_qku.mkdir()
    sh.copy(RAW_DIR / "qku_strategic_plan_2021_2025.txt", only_qku)
    build(only_qku, db)
    params = Filters(year_from=2021, year_to=2025).params()
    assert query("key_figures", **params).actions.iloc[0] == 158
    build(RAW_DIR, db)
    assert query("key_figures", **params).actions.iloc[0] == 183
