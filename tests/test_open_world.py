"""Open world: a university no reference knows, plans for 2019-2022 and 2027-2030, unit names no
reference knows, deadlines as people write them. Everything the plans bring is shown and counted.

The workbook is filled as a strategy office would fill the template (tests/open_world_files.py).
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook, load_workbook
from streamlit.testing.v1 import AppTest

from app_pages import PAGES
from parse.errors import LoadError
from plandb import importer
from state import unit_review
from tests.open_world_files import ACTIONS, GDU, NEW, OLD, write_gdu_workbook

ROOT = Path(__file__).resolve().parent.parent
SEED_ACTIONS = 183  # 158 QKU + 14 NDU + 11 MDU, counted in the documents (tests/test_build.py)


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    from analytics import db as data

    data.close()  # the process's cached read-only connection would hand back the old file
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def _gdu_installation(tmp_path_factory, _site_template) -> Path:
    """The seed installation with the GDU workbook imported as a user would, made once for this file: database,
    imported file, snapshot and the user store's import log."""
    root = tmp_path_factory.mktemp("gdu")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STRATEGY_DB", str(root / "s.duckdb"))
        mp.setenv("STRATEGY_IMPORTS", str(root / "imported"))
        mp.setenv("STRATEGY_USER_DB", str(root / "user.duckdb"))
        mp.delenv("STRATEGY_EDITOR_PASSWORD", raising=False)
        shutil.copyfile(_site_template, root / "s.duckdb")
        result = importer.apply(write_gdu_workbook(root / "gdu_plans.xlsx"), "Test Editor")
        assert result.applied
        from analytics import db as data

        data.close()
    return root


@pytest.fixture()
def gdu(site, _gdu_installation):
    """The bundled plans plus the GDU workbook, imported as a user would (a copy of the installation made once
    for this file; a test may change its copy)."""
    shutil.copytree(_gdu_installation, site, dirs_exist_ok=True)
    return site


def page(url: str, **qp: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for k, v in qp.items():
        at.query_params[k] = v
    at.run()
    spec = next(p for p in PAGES if p.url == url)
    if url != "overview":
        at.switch_page(spec.path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_dry_run_preview_says_what_will_be_added(site):
    path = write_gdu_workbook(site / "gdu_plans.xlsx")
    text = "\n".join(importer.preview(path).lines())
    assert f"plan {OLD} (GDU 2019-2022): 5 new" in text
    assert f"plan {NEW} (GDU 2027-2030): 5 new" in text
    assert "new university GDU (Gəncə Dövlət Universiteti) will be added" in text
    assert "new unit 'Tədris şöbəsinə' will be added (not reviewed yet) (perhaps: Tədris Şöbəsi)" in text
    assert "new unit 'Dil Mərkəzi' will be added" in text
    assert "unknown" not in text
    # English unit names are known names: no new unit for the International Relations Office
    assert "International Relations Office" not in text


def test_every_action_and_every_unit_is_kept(gdu):
    db = gdu / "s.duckdb"
    got = rows(db, "SELECT title, lead_units, partner_units, deadline_raw, recurrence, active_from, active_to "
                   "FROM v_actions WHERE institution = 'GDU' ORDER BY document_id, goal_no, target_no, action_no")
    assert len(got) == len(ACTIONS) == 10
    assert all(r[1] for r in got), "every action keeps a responsible unit"
    by_title = {r[0]: r for r in got}
    assert by_title["Xarici tələbələr üçün ingilisdilli proqramlar"][1] == ["Beynəlxalq Əlaqələr Şöbəsi",
                                                                             "Dil Mərkəzi"]
    assert by_title["Tədris proqramlarının beynəlxalq akkreditasiyası"][5:] == (2019, 2019)
    assert by_title["Rəqəmsal kampus strategiyasının hazırlanması"][4] == "regular"  # "Continuous"
    # not understood: kept as written, and over its plan's period (not 2021-2025)
    assert by_title["Ərazinin abadlaşdırılması üzrə plan"][3:] == ("Layihə təsdiq edildikdən sonra", None, 2027, 2030)
    units = dict(rows(db, "SELECT unit_name, reviewed FROM units"))
    for name in ("Dil Mərkəzi", "Tədris şöbəsinə", "Digital Transformation Office", "Ekologiya Klubu"):
        assert units[name] is False
    assert units["Tədris Şöbəsi"] is True
    assert rows(db, "SELECT name_az FROM institutions WHERE code = 'GDU'") == [("Gəncə Dövlət Universiteti",)]
    assert rows(db, "SELECT min(active_from), max(active_to) FROM actions") == [(2019, 2030)]


def test_every_page_counts_every_action(gdu):
    total = SEED_ACTIONS + 10
    assert metric(page("overview"), "Tədbirlər") == str(total)
    at = page("deadlines")
    assert metric(at, "Tədbirlər") == str(total)
    assert at.title[0].value == "İcra müddətləri 2019–2030"  # computed from the data shown
    assert metric(page("overview", uni=GDU), "Tədbirlər") == "10"
    assert metric(page("deadlines", uni=GDU), "Tədbirlər") == "10"
    assert len(page("explorer", uni=GDU).dataframe[0].value) == 10
    assert len(page("explorer").dataframe[0].value) == total
    # one plan of the university, chosen by its document
    assert metric(page("overview", uni=GDU, plan=OLD), "Tədbirlər") == "5"
    # a year outside the old fixed range is a valid filter value now
    at = page("overview", year_from="2019", year_to="2020")
    # no filter refused (the only warning says what ended with nothing recorded)
    assert [w.value for w in at.warning if "heç bir status qeyd olunmayıb" not in w.value] == []
    assert metric(at, "Tədbirlər") == "4"  # 2019, 2019-2020, each semester, each year
    assert metric(page("overview", year_from="2027"), "Tədbirlər") == "5"
    for p in PAGES:  # no page breaks on a plan of another period
        page(p.url, uni=GDU)


def test_year_charts_show_exactly_the_years_that_have_actions(gdu):
    from analytics.filters import Filters
    from analytics.pages.deadlines import deadlines
    from analytics.pages.workload import workload

    flow = next(s for s in deadlines(Filters(uni=GDU)) if s.key == "deadlines-per-year")
    years = [int(x) for x in flow.figure.data[0].x]
    assert years == [2019, 2020, 2021, 2022, 2027, 2028, 2029, 2030]  # 2023-2026 have no GDU action
    heat = next(s for s in workload(Filters()) if s.key == "workload-unit-year")
    # GDU 2019-2022, QKU 2021-2025, NDU and MDU 2025, GDU 2027-2030: no action is active in 2026
    assert [int(x) for x in heat.figure.data[0].x] == [*range(2019, 2026), *range(2027, 2031)]


def test_units_of_two_universities_are_never_added_together(gdu):
    from analytics.filters import Filters
    from analytics.pages.workload import workload

    spec = next(s for s in workload(Filters()) if s.key == "workload-units")
    labels = [a.text for a in spec.figure.layout.annotations]  # each row's label over its bar
    assert any(label.startswith("İKT Şöbəsi") and "(GDU)" in label for label in labels)
    assert any(label.startswith("İKT Şöbəsi") and "(QKU)" in label for label in labels)
    # placeholders and outside bodies are not units of a university
    assert not any("Müvafiq struktur bölmələr" in label for label in labels)
    assert any(label.startswith("Dil Mərkəzi *") for label in labels)  # shown, with the quiet marker


def test_both_exports_count_every_action(gdu):
    from analytics.filters import Filters
    from reports.workbook import build_workbook

    wb = load_workbook(io.BytesIO(build_workbook(Filters(uni=GDU), ["overview", "deadlines"])))
    sheet = wb["Tədbirlər"]
    assert sheet.max_row - 1 == 10
    wb = load_workbook(io.BytesIO(build_workbook(Filters(), ["overview"])))
    assert wb["Tədbirlər"].max_row - 1 == SEED_ACTIONS + 10
    out = gdu / "gdu.xlsx"
    done = subprocess.run([sys.executable, "-m", "reports", "workbook", "--out", str(out), "--university", GDU,
                           "--year-from", "2019", "--page", "overview"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert load_workbook(out)["Tədbirlər"].max_row - 1 == 10
    bad = subprocess.run([sys.executable, "-m", "reports", "workbook", "--out", str(out), "--year-from", "2015"],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "outside the years of the loaded plans (2019-2030)" in bad.stderr


def test_deck_counts_every_action(gdu):
    from reports import images

    if not images.browser_available():
        pytest.skip("needs Chromium for chart images")
    from pptx import Presentation

    from analytics.filters import Filters
    from reports.deck import build_deck

    prs = Presentation(io.BytesIO(build_deck(Filters(uni=GDU, lang="en"), ["overview"])))
    text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    assert "Gəncə Dövlət Universiteti" in text
    assert "10" in text.split("Actions")[1][:40]


def test_review_merges_accepts_and_undoes(gdu):
    db = gdu / "s.duckdb"
    lead = ("SELECT lead_units FROM v_actions WHERE institution = 'GDU' AND title = "
            "'Tədris proqramlarının beynəlxalq akkreditasiyası'")
    merge_id = unit_review.merge("Tədris şöbəsinə", "Tədris Şöbəsi", "Test Editor", GDU)
    unit_review.accept("Dil Mərkəzi", "Language Centre", "centre", "Test Editor", GDU)
    unit_review.merge("Digital Transformation Office", "İKT Şöbəsi", "Test Editor", GDU)
    importer.rebuild()
    assert rows(db, lead) == [(["Tədris Şöbəsi"],)]
    units = {r[0]: r[1:] for r in rows(db, "SELECT unit_name, name_en, kind, reviewed FROM units")}
    assert "Tədris şöbəsinə" not in units and "Digital Transformation Office" not in units
    assert units["Dil Mərkəzi"] == ("Language Centre", "centre", True)
    # decisions hold for every later import: the same names in a new document are read as decided
    path = write_gdu_workbook(gdu / "again.xlsx")
    text = "\n".join(importer.preview(path).lines())
    assert "Tədris şöbəsinə" not in text and "'Dil Mərkəzi'" not in text
    # and they can be undone
    assert unit_review.undo(merge_id, "Test Editor")
    importer.rebuild()
    assert rows(db, lead) == [(["Tədris şöbəsinə"],)]
    assert not unit_review.undo(merge_id, "Test Editor")  # already undone


def test_review_page_is_behind_the_editor_sign_in(gdu, monkeypatch):
    at = page("units")
    assert metric(at, "Yoxlanılmamış adlar") == "8"
    assert not at.get("form") or all("merge_" not in str(f.proto) for f in at.get("form"))
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = page("units")
    at.text_input[0].input("Aynur")
    at.text_input[1].input("s3cret")
    at.button[0].click().run()
    assert not at.exception
    at.switch_page("screens/units.py").run()
    assert not at.exception
    # the first suggestion for the name with a case ending is the unit it means
    box = next(s for s in at.selectbox if s.key == "into_Tədris şöbəsinə")
    assert box.value == "Tədris Şöbəsi"


def test_template_codes_and_dropdowns(site, tmp_path):
    from reports.template import build_template

    wb = load_workbook(io.BytesIO(build_template()))
    styles = {dv.prompt: dv.errorStyle for dv in wb["actions"].data_validations.dataValidation}
    assert all(style == "warning" for style in styles.values())  # suggest, never forbid
    assert "institution_name" in [c.value for c in wb["plans"][1]]
    bad = Workbook()
    ws = bad.active
    ws.title = "plans"
    ws.append(["document_id", "kind", "institution", "title", "period_start", "period_end"])
    ws.append(["x_plan", "plan", "GDU-2026!", "X", 2026, 2030])
    for name, cols in (("goals", ["document_id", "goal_no", "title"]),
                       ("targets", ["document_id", "goal_no", "target_no", "title"])):
        bad.create_sheet(name).append(cols)
    from parse import template_spec as spec

    bad.create_sheet("actions").append(spec.ACTIONS[1])
    path = tmp_path / "bad.xlsx"
    bad.save(path)
    with pytest.raises(LoadError) as err:
        importer.preview(path)
    msg = str(err.value)
    assert "sheet 'plans', row 2, column institution" in msg and "letters and digits, at most 12" in msg


def test_unparsed_deadlines_are_listed_on_the_data_page(gdu):
    at = page("data")
    tables = [json.dumps(df.value.astype(str).values.tolist(), ensure_ascii=False) for df in at.dataframe]
    assert any("Layihə təsdiq edildikdən sonra" in t for t in tables)


def test_a_formula_without_a_value_is_named_as_a_formula(site, tmp_path):
    from openpyxl import load_workbook as load

    path = write_gdu_workbook(tmp_path / "formula.xlsx")
    wb = load(path)
    wb["actions"]["H2"] = '=CONCATENATE("Tədris ", "proqramları")'  # title column; saved by a script: no value
    wb.save(path)
    with pytest.raises(LoadError) as err:
        importer.preview(path)
    assert "sheet 'actions', row 2, column title" in str(err.value)
    assert "formulas are not evaluated; type the value" in str(err.value)


def test_a_university_view_has_only_its_own_cbhe_projects_and_courses(gdu):
    from analytics.filters import Filters
    from analytics.pages.cbhe import cbhe_frames
    from analytics.pages.courses import own_courses

    every, _ = cbhe_frames(Filters())
    assert len(every) == 6
    # the compendium lists "Gəncə Dövlət Universiteti" in two projects, "Qərbi Kaspi" in none
    projects, parts = cbhe_frames(Filters(uni=GDU))
    assert sorted(projects.project_id) == ["101082124", "101083269"]
    assert set(parts.project_id) == {"101082124", "101083269"}
    assert cbhe_frames(Filters(uni="QKU"))[0].empty
    assert own_courses(Filters(uni="QKU")).empty and len(own_courses(Filters(uni="UNEC"))) == 1
    at = page("cbhe", uni="QKU")
    assert any("heç birində" in i.value for i in at.info)
