"""The build streams: documents are parsed and written in batches, so memory does not grow with the number of
documents. The database must not depend on the batch size, and what is computed across documents (a later plan
replacing an earlier one, new units and who named them first, new universities, plan labels, the compendium
and syllabus that win, the warnings) must come out as the in-memory parse (parse_sources) says."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from parse.documents import read_source
from parse.errors import LoadError
from plandb import build as B
from plandb.build import RAW_DIR, build, parse_sources, remove_leftovers, source_files
from state.unit_review import load_reference
from tests.open_world_files import write_gdu_workbook

QKU = RAW_DIR / "qku_strategic_plan_2021_2025.txt"
NEW_UNIT = "Yeni Araşdırma Laboratoriyası"
SEED_ROWS = {"documents": 5, "institutions": 4, "units": 32, "unit_aliases": 23, "vice_rectors": 7, "rankings": 8,
             "countries": 14, "goals": 16, "targets": 41, "actions": 183, "action_units": 311,
             "action_oversight": 189, "action_people": 8, "action_strategy_codes": 28, "action_indicators": 25,
             "strategy_refs": 42, "ranking_targets": 11,
             "organisations": 59, "cbhe_projects": 6, "cbhe_participants": 69, "cbhe_narrative": 7, "courses": 1,
             "course_topics": 15, "course_assessment": 3, "course_grades": 6, "validation_warnings": 1}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """The seed documents, a new university's workbook (two plans, units no reference knows), and later
    documents that replace earlier ones: the same workbook again, a revised QKU plan naming a new unit, a copy
    of the MDU plan, a second compendium edition and a second copy of the syllabus."""
    raw = tmp_path_factory.mktemp("mixed") / "raw"
    shutil.copytree(RAW_DIR, raw, ignore=shutil.ignore_patterns(".*"))
    write_gdu_workbook(raw / "gdu_plans.xlsx")
    write_gdu_workbook(raw / "zz_gdu_plans_again.xlsx")
    (raw / "zz_qku_revised.txt").write_text(QKU.read_text(encoding="utf-8").replace("Tədris Şöbəsi", NEW_UNIT, 3),
                                            encoding="utf-8")
    shutil.copy(RAW_DIR / "mdu_veterans_centre_plan_2025.txt", raw / "nn_mdu_copy.txt")
    shutil.copy(RAW_DIR / "cbhe_compendium_azerbaijan_2022_2024.txt", raw / "zz_cbhe_copy.txt")
    shutil.copy(RAW_DIR / "unec_syllabus_dovlet_qullugu_2025_2026.txt", raw / "zz_syllabus_copy.txt")
    return raw


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows in the order a plain scan returns them (the time of loading left out)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT * {"EXCLUDE (loaded_at)" if t == "documents" else ""} FROM "{t}"')
                .fetchall() for t in names if t != "meta"}
    finally:
        con.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_seed_database_has_the_same_rows(tmp_path):
    report = build(RAW_DIR, tmp_path / "s.duckdb", imports=False, decisions=False, batch_actions=1)
    assert report.rows == SEED_ROWS
    assert [w.message for w in report.warnings] == [
        "cells outside any column kept as 'unplaced': ['da xüdə', 'həyata']"]


def test_batch_size_does_not_change_the_database(mixed, tmp_path):
    one = build(mixed, tmp_path / "one.duckdb", imports=False, decisions=False, batch_actions=1)
    all_ = build(mixed, tmp_path / "all.duckdb", imports=False, decisions=False, batch_actions=10**9)
    seven = build(mixed, tmp_path / "seven.duckdb", imports=False, decisions=False, batch_actions=7)
    assert one.rows == all_.rows == seven.rows
    assert one.warnings == all_.warnings == seven.warnings
    first = tables(tmp_path / "one.duckdb")
    assert first == tables(tmp_path / "all.duckdb") == tables(tmp_path / "seven.duckdb")  # rows and their order
    assert len(first) == len(B.TABLES) + 1  # and action_lists (derived.sql)
    con = duckdb.connect(str(tmp_path / "one.duckdb"), read_only=True)
    try:
        for table in [*B.TABLES, "action_lists"]:  # the same as comparing with EXCEPT both ways
            assert con.execute(f'SELECT count(*) FROM (SELECT * FROM "{table}" EXCEPT ALL '
                               f'SELECT * FROM "{table}")').fetchone()[0] == 0
    finally:
        con.close()


def test_streamed_build_agrees_with_the_in_memory_parse(mixed, tmp_path):
    report = build(mixed, tmp_path / "s.duckdb", imports=False, decisions=False, batch_actions=50)
    ref = load_reference(decisions=False)
    parsed = parse_sources([read_source(p) for p in source_files(mixed)], ref)
    assert report.warnings == parsed.warnings
    replaced = [w.message for w in report.warnings if w.where == "plan"]
    assert replaced == ["replaces MDU 2025-2025 from mdu_veterans_centre_plan_2025.txt",
                        "replaces GDU 2019-2022 from gdu_plans.xlsx", "replaces GDU 2027-2030 from gdu_plans.xlsx",
                        "replaces QKU 2021-2025 from qku_strategic_plan_2021_2025.txt"]
    t = tables(tmp_path / "s.duckdb")
    # A replacing plan takes the place of the one it replaces: plan order, keys, titles and unit lists.
    expected_docs = [plan.document_id or src.path.stem for src, plan in parsed.plans]
    assert [d[0] for d in t["documents"]] == expected_docs + ["zz_cbhe_copy", "zz_syllabus_copy"]
    keys = [(plan.action_key(a), plan.document_id or src.path.stem, a.title, a.lead_units, a.partner_units)
            for src, plan in parsed.plans for a in plan.actions]
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    try:
        got = con.execute("SELECT a.action_key, a.document_id, a.title, l.lead_units, l.partner_units "
                          "FROM actions a JOIN action_lists l USING (action_key)").fetchall()
        assert [tuple(r) for r in got] == [tuple(k) for k in keys]
        assert [r[0] for r in con.execute("SELECT action_key FROM actions").fetchall()] == [k[0] for k in keys]
        new_units = con.execute("SELECT unit_name, first_seen FROM units WHERE NOT reviewed").fetchall()
        assert (NEW_UNIT, "QKU") in new_units and ("Ekologiya Klubu", "GDU") in new_units
        assert con.execute("SELECT name_az FROM institutions WHERE code = 'GDU'").fetchone()[0] == \
            "Gəncə Dövlət Universiteti"
        labels = dict(con.execute("SELECT document_id, plan_label FROM documents").fetchall())
        assert labels["gdu_strategic_plan_2019_2022"] == "GDU 2019-2022" and labels["zz_qku_revised"] == "QKU"
        assert labels["zz_syllabus_copy"] is None and labels["zz_cbhe_copy"] is None
        assert con.execute("SELECT count(*) FROM actions WHERE document_id = 'qku_strategic_plan_2021_2025'"
                           ).fetchone()[0] == 0  # the replaced plan left nothing behind
        assert con.execute("SELECT DISTINCT document_id FROM cbhe_projects").fetchall() == [("zz_cbhe_copy",)]
    finally:
        con.close()


def test_records_are_written_in_batches(tmp_path, monkeypatch):
    """Python holds one batch of rows at a time, whatever the number of documents."""
    from plandb.synth import synth

    actions = synth(6, tmp_path / "raw")  # 6 universities, 12 plans of at most 140 actions
    held: list[int] = []
    flush = B._Loader.flush

    def counting(self):
        held.append(len(self.rows["actions"]))
        flush(self)
        assert all(not rows for rows in self.rows.values())

    monkeypatch.setattr(B._Loader, "flush", counting)
    report = build(tmp_path / "raw", tmp_path / "s.duckdb", imports=False, decisions=False, batch_actions=200)
    assert report.rows["actions"] == sum(held) == actions > 900
    assert len([n for n in held if n]) >= 3 and max(held) < 200 + 140  # a batch ends with the plan that fills it


def test_a_failure_after_batches_were_written_leaves_nothing(mixed, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(mixed, raw)
    db = tmp_path / "s.duckdb"
    build(raw, db, imports=False, decisions=False)
    before = db.read_bytes()
    text = QKU.read_text(encoding="utf-8")
    bad = raw / "zzz_truncated.txt"  # read and checked in the first pass; fails while parsing, last
    bad.write_text(text[: text.index("1. Universitetin təhsil-tədqiqat")], encoding="utf-8")
    with pytest.raises(LoadError) as err:
        build(raw, db, imports=False, decisions=False, batch_actions=1)
    assert str(bad) in str(err.value) and "at least one action under each target" in str(err.value)
    assert db.read_bytes() == before
    assert leftovers(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["raw", "s.duckdb"]


def test_the_same_key_in_two_batches_is_refused(tmp_path):
    """Keys are checked when the batches are written into the database: the same error as before streaming."""
    raw = tmp_path / "raw"
    raw.mkdir()
    path = write_gdu_workbook(raw / "gdu.xlsx")
    wb = load_workbook(path)
    ws = wb["actions"]
    header = [c.value for c in ws[1]]
    seen = set()
    for row in ws.iter_rows(min_row=2):  # the first action of each of the two plans gets one key
        if row[header.index("document_id")].value not in seen:
            seen.add(row[header.index("document_id")].value)
            row[header.index("action_key")].value = "GDU:same-key"
    wb.save(path)
    with pytest.raises(LoadError) as err:
        build(raw, tmp_path / "s.duckdb", imports=False, decisions=False, batch_actions=1)
    assert "unique keys" in str(err.value) and "GDU:same-key" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_leftover_staging_files_and_spill_folder_are_removed(tmp_path):
    db = tmp_path / "s.duckdb"
    dead = [tmp_path / f".s.duckdb.building-999999999{suffix}" for suffix in ("", ".wal", ".stage", ".stage.wal")]
    for p in dead:
        p.write_bytes(b"x")
    spill = tmp_path / ".s.duckdb.building-999999999.tmp"
    spill.mkdir()
    (spill / "duckdb_temp_block-1.block").write_bytes(b"x")
    removed = remove_leftovers(db)
    assert sorted(removed) == sorted([*dead, spill]) and leftovers(tmp_path) == []
