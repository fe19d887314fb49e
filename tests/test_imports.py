"""Imports: Excel template round trip, Word plan tables, preview, apply, idempotency, undo, bad input."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from analytics.filters import Filters
from parse.errors import LoadError
from plandb import importer
from plandb.build import build
from state import user_store

ROOT = Path(__file__).resolve().parent.parent


def v_actions(db: Path) -> list[tuple]:
    from analytics import db as data

    data.close()  # DuckDB hands out its open instance of a path: drop the one the exports opened
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT * FROM v_actions ORDER BY document_id, goal_no, target_no, action_no, title"
        ).fetchall()
    finally:
        con.close()
    return [tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in rows]


def template(site: Path) -> Path:
    from reports.template import build_template

    path = site / "template.xlsx"
    path.write_bytes(build_template())
    return path


def test_template_has_plans_and_dropdowns(site):
    wb = load_workbook(template(site))
    assert wb.sheetnames == ["README", "plans", "goals", "targets", "actions", "status", "ranking_results",
                             "ranking_lists", "lists"]
    assert wb["plans"].max_row == 4 and wb["actions"].max_row == 184
    formulas = [dv.formula1 for dv in wb["actions"].data_validations.dataValidation]
    assert any("lists!$A$2" in f for f in formulas)  # units
    assert any("lists!$B$2" in f for f in formulas)  # vice-rectors
    assert any("lists!$C$2" in f for f in formulas)  # deadlines
    assert wb["lists"]["A2"].value and wb["lists"]["B2"].value == "academic"


def test_round_trip_into_an_empty_database(site, tmp_path):
    path = template(site)
    original = v_actions(site / "s.duckdb")
    empty_raw = tmp_path / "only_the_workbook"
    empty_raw.mkdir()
    (empty_raw / "plans.xlsx").write_bytes(path.read_bytes())
    build(empty_raw, tmp_path / "fresh.duckdb", imports=False)
    assert v_actions(tmp_path / "fresh.duckdb") == original


def test_importing_the_template_into_its_own_database_changes_nothing(site):
    path = template(site)
    before = (site / "s.duckdb").read_bytes()
    result = importer.apply(path, "test")
    assert not result.applied and not result.preview.has_changes
    assert (site / "s.duckdb").read_bytes() == before


def add_2026_plan(path: Path, out: Path) -> Path:
    wb = load_workbook(path)
    wb["plans"].append(["qku_activity_plan_2026", "xlsx_template", "QKU", "QKU 2026 fəaliyyət planı", 2026, 2026])
    wb["goals"].append(["qku_activity_plan_2026", 1, "Tədrisin keyfiyyətinin yüksəldilməsi"])
    wb["targets"].append(["qku_activity_plan_2026", 1, 1, "Akkreditasiya"])
    head = [c.value for c in wb["actions"][1]]
    for n, (title, deadline, lead, vr) in enumerate(
        [
            ("Akkreditasiya müraciətinin hazırlanması", "Yanvar-İyun 2026", "Keyfiyyətin Təminatı Mərkəzi", "academic"),
            ("Məzun sorğusu", "Müntəzəm", "Karyera və Məzunlarla İş Mərkəzi", "academic"),
        ],
        start=1,
    ):
        values = {
            "document_id": "qku_activity_plan_2026",
            "seq": n,
            "goal_no": 1,
            "target_no": 1,
            "action_no": n,
            "title": title,
            "deadline_raw": deadline,
            "lead_unit_1": lead,
            "vice_rector_1": vr,
        }
        wb["actions"].append([values.get(h) for h in head])
    wb["status"].append(["QKU:2021-2025:1.1.1", "2026-03-01", "in_progress", 60, "60% hazırdır", None])
    wb.save(out)
    return out


def test_apply_preview_idempotency_and_undo(site):
    path = add_2026_plan(template(site), site / "plan2026.xlsx")
    db = site / "s.duckdb"
    before_bytes = db.read_bytes()
    pv = importer.preview(path)
    plan2026 = next(p for p in pv.plans if p.document_id == "qku_activity_plan_2026")
    assert plan2026.new == ["QKU:2026:1.1.1", "QKU:2026:1.1.2"] and len(pv.statuses_new) == 1
    assert db.read_bytes() == before_bytes  # a preview writes nothing
    result = importer.apply(path, "strategy centre")
    assert result.applied
    from analytics import db as data

    data.close()
    rows = (
        duckdb.connect(str(db), read_only=True)
        .execute(
            "SELECT title, start_year, recurrence, lead_units FROM v_actions "
            "WHERE document_id = 'qku_activity_plan_2026' ORDER BY action_no"
        )
        .fetchall()
    )
    assert rows[0] == ("Akkreditasiya müraciətinin hazırlanması", 2026, "period", ["Keyfiyyətin Təminatı Mərkəzi"])
    status = user_store.latest_status()
    assert status.set_index("action_key").loc["QKU:2021-2025:1.1.1", "recorded_by"] == "strategy centre"
    after = db.read_bytes()
    again = importer.apply(path, "strategy centre")  # the same file twice changes nothing
    assert not again.applied and db.read_bytes() == after
    assert importer.undo_last("tester") == result.import_id
    assert len(v_actions(db)) == 183 and user_store.latest_status().empty
    assert importer.undo_last("tester") is None


def test_docx_plan_imports_through_the_same_normaliser(site, qku):
    import docx

    document = docx.Document()
    document.add_paragraph("Qərbi Kaspi Universiteti — Strateji plan 2021-2025")
    for g, goal_title in qku.goals.items():
        document.add_paragraph(f"Məqsəd {g}: {goal_title}")
        for (gg, t), target_title in qku.targets.items():
            if gg != g:
                continue
            document.add_paragraph(f"Hədəf {t}: {target_title}")
            table = document.add_table(rows=1, cols=5)
            for cell, text in zip(
                table.rows[0].cells,
                ["№", "Görülən işin məzmunu", "İcra müddəti", "Məsul struktur bölməsi", "Qeyd"],
                strict=True,
            ):
                cell.text = text
            for a in (a for a in qku.actions if (a.goal_no, a.target_no) == (g, t)):
                cells = table.add_row().cells
                for cell, text in zip(
                    cells,
                    [f"{a.action_no}.", a.title, a.deadline.raw, a.responsible_raw or "", a.note_raw or ""],
                    strict=True,
                ):
                    cell.text = text
    path = site / "qku_plan.docx"
    document.save(path)
    original = {r[2:] for r in v_actions(site / "s.duckdb") if r[0] == "QKU"}
    pv = importer.preview(path)
    assert pv.kind == "generic_plan" and pv.plans[0].identity == ("QKU", 2021, 2025)
    assert not pv.plans[0].any  # same actions, same units, same vice-rectors as the text plan
    raw = site / "docx_only"
    raw.mkdir()
    (raw / "plan.docx").write_bytes(path.read_bytes())
    build(raw, site / "docx.duckdb", imports=False)
    assert {r[2:] for r in v_actions(site / "docx.duckdb")} == original


BAD = {
    "pdf": (b"%PDF-1.7\n...", "readable PDF"),
    "zip_of_other": (None, "another kind of zip"),
    "broken_xlsx": (b"PK\x03\x04" + b"xl/workbook.xml" + b"\x00" * 100, "damaged or truncated"),
    "huge": (b"a" * (21 * 1024 * 1024), "at most 20 MB"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_rejected_upload_leaves_everything_unchanged(site, case):
    import zipfile

    data, expected = BAD[case]
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("hello.txt", "not an office file")
        data = buf.getvalue()
    path = site / f"upload_{case}.bin"
    path.write_bytes(data)
    before = (site / "s.duckdb").read_bytes()
    with pytest.raises(LoadError, match=expected):
        importer.apply(path, "test")
    assert (site / "s.duckdb").read_bytes() == before
    assert not (site / "imported").exists() or not any((site / "imported").iterdir())


def test_zip_bomb_is_refused(site):
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    path = site / "bomb.xlsx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(LoadError, match="zip bomb"):
        importer.preview(path)


def test_cli_import_dry_run_and_errors(site):
    path = add_2026_plan(template(site), site / "plan2026.xlsx")
    env_cmd = [sys.executable, "-m", "loaders", "import", str(path), "--dry-run"]
    proc = subprocess.run(env_cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "2 new" in proc.stdout and "dry run: nothing written" in proc.stdout
    assert not (site / "imported").exists()
    bad = site / "bad.txt"
    bad.write_bytes("Привет".encode("cp1251"))
    proc = subprocess.run(
        [sys.executable, "-m", "loaders", "import", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2 and "bad.txt" in proc.stderr and "UTF-8" in proc.stderr


def test_english_titles_from_the_template_are_shown_in_english_mode(site, tmp_path, monkeypatch):
    """Optional title_en columns: English mode shows them; Azerbaijani mode and actions without one
    keep the title as the university wrote it."""
    import queries

    wb = load_workbook(template(site))
    for sheet, english in (("goals", "Internationalisation of the university"),
                           ("actions", "Sign cooperation agreements with partner universities")):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        assert "title_en" in header  # after the plan's columns (the actions sheet's indicator columns follow it)
        ws.cell(2, header.index("title_en") + 1, english)
    first = wb["actions"].cell(2, [c.value for c in wb["actions"][1]].index("action_key") + 1).value
    raw = tmp_path / "raw"
    raw.mkdir()
    wb.save(raw / "plans.xlsx")
    build(raw, tmp_path / "en.duckdb", imports=False)
    con = duckdb.connect(str(tmp_path / "en.duckdb"), read_only=True)
    try:
        params = {**Filters().params(), "limit": 1000, "offset": 0, "search": None}
        del params["lang"]
        en = queries.run(con, "explorer_rows", lang="en", **params).set_index("action_key")
        az = queries.run(con, "explorer_rows", lang="az", **params).set_index("action_key")
        original = con.execute("SELECT title FROM actions WHERE action_key = ?", [first]).fetchone()[0]
    finally:
        con.close()
    assert en.at[first, "title"] == "Sign cooperation agreements with partner universities"
    assert az.at[first, "title"] == original != en.at[first, "title"]
    assert (en.drop(index=first).title == az.drop(index=first).title).all()  # no English title: as written
    assert "Internationalisation of the university" in set(en.goal_title)
    assert "Internationalisation of the university" not in set(az.goal_title)
    # the sidebar's goal list of the chosen plan: English where given, as written (marked [az]) otherwise, and
    # unmarked in Azerbaijani
    from analytics import db
    from analytics.filters import _options_now

    monkeypatch.setenv("STRATEGY_DB", str(tmp_path / "en.duckdb"))
    db.close()
    try:
        opts = _options_now()
    finally:
        db.close()
    goal_doc = wb["goals"].cell(2, 1).value
    goal_no = int(wb["goals"].cell(2, 2).value)
    written = wb["goals"].cell(2, 3).value
    assert opts.goals_of(goal_doc, None, "en")[goal_no] == "Internationalisation of the university"
    assert opts.goals_of(goal_doc, None, "az")[goal_no] == written
    other = [g for g in opts.goals_of(goal_doc, None, "en") if g != goal_no]
    assert other and all(opts.goals_of(goal_doc, None, "en")[g] == "[az] " + opts.goals_of(goal_doc, None, "az")[g]
                         for g in other)
