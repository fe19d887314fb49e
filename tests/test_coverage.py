"""Yearly plans under the strategy: references read from every plan kind, resolved against the strategic plan at
query time (in any import order), coverage, gaps and orphans, the coverage page in both languages."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from analytics.filters import Filters
from analytics.pages import coverage
from parse import column_roles, generic_plan, strategy_refs, xlsx_plan
from parse import template_spec as spec
from plandb import importer
from plandb.build import RAW_DIR, build

ROOT = Path(__file__).resolve().parent.parent

# Read from the documents by hand. NDU: one reference per row, "Məqsəd - G hədəf T-T.A"; where the number before
# the action is not the target's ("hədəf 2-1.1") the action cannot be told and the reference stays at the target.
NDU_REFS = [
    ("Məqsəd - 3 hədəf 1-1-3", 3, 1, 3), ("Məqsəd - 1 hədəf 1-1-5", 1, 1, 5), ("Məqsəd - 1 hədəf 3-3.1", 1, 3, 1),
    ("Maqsad - 3 hedef 2-2.1", 3, 2, 1), ("Maqsad - 3 hedef 2-1.1", 3, 2, None),
    ("Maqsad - 3 hedef 3-3.5", 3, 3, 5), ("Maqsad - 3 hedef 1-1.4", 3, 1, 4),
    ("Maqsad - 3 hedef 2-1.2", 3, 2, None), ("Maqsad - 3 hedef 2-1.4", 3, 2, None),
    ("Məqsəd - 3 hədəf 2-1.3", 3, 2, None), ("Məqsəd - 3 hədəf 2-1.5", 3, 2, None),
    ("Məqsəd - 3 hədəf 3-1.3", 3, 3, None), ("Məqsəd - 3 hədəf 3-1.4", 3, 3, None),
    ("Məqsəd - 2 hədəf 3- 3.3", 2, 3, 3),
]
# MDU: the codes under "İnkişaf strategiyasındakı yeri", row by row (the 6th row's "4.2.1" + "4" on the next
# line is 4.2.14); the five rows of section 5 name none.
MDU_REFS = [
    ["2.3.1", "2.3.3", "3.4.1", "4.2.1", "4.3.3"], ["2.3.1", "2.2.2", "3.4.1", "4.2.5"], ["2.3.3", "2.3.5", "4.3.3"],
    ["2.3.5", "2.3.6", "4.3.3"], ["2.3.3", "4.2.5", "4.2.6", "4.2.8"],
    ["2.3.3", "2.3.4", "2.3.5", "2.3.6", "3.4.1", "4.2.1", "4.2.6", "4.2.14", "4.3.3"], [], [], [], [], [],
]
QKU_STRATEGY = "qku_strategic_plan_2021_2025"
YEARLY = "qku_activity_plan_2024"
# The QKU yearly plan: (strategy_ref, title); valid items 1.1.1, 1.1.2 (written as goal 1, target 1.2),
# target 2.2, 3.3.1 (written 3-3.1), 4.1.1 and 8.2.1 in one cell; two unknown (no goal 9, no action 1.3.99);
# three rows without a reference.
YEARLY_ROWS = [
    ("1.1.1", "Sillabusların yenilənməsi üzrə seminar"),
    ("Məqsəd 1, hədəf 1.2", "İşəgötürənlərlə tədris planlarının müzakirəsi"),
    ("2.2", "Tələbə təcrübələrinin təşkili"),
    ("3-3.1", "Beynəlxalq qrant müraciətləri"),
    ("4.1.1; 8.2.1", "Reytinq və PR kampaniyası"),
    ("9.1.1", "Yeni kampus layihəsi"),
    ("1.3.99", "İxtisasların yeni təhlili"),
    (None, "Kitabxana fondunun yenilənməsi"),
    (None, "İdman yarışlarının keçirilməsi"),
    (None, "Məzunlarla görüş"),
]


def test_one_reference_in_its_forms():
    read = strategy_refs.read
    same = [(r.goal_no, r.target_no, r.action_no) for s in ("3-3.1", "3.3.1", "Məqsəd 3, hədəf 3.1")
            for r in read(s)]
    assert same == [(3, 3, 1)] * 3
    assert [(r.text, r.level) for r in read("2.3.1, 2.3.3\n4.3.3")] == [
        ("2.3.1", "action"), ("2.3.3", "action"), ("4.3.3", "action")]
    assert [(r.goal_no, r.target_no, r.action_no) for r in read("Goal 2, target 1; Цель 1, задача 2.3; Amaç 4")] \
        == [(2, 1, None), (1, 2, 3), (4, None, None)]
    assert read("-") == [] and read("yoxdur") == [] and read(None) == []
    kept = read("bax strategiyaya")  # names no item: kept as written, not understood
    assert [(r.text, r.level) for r in kept] == [("bax strategiyaya", None)]
    assert [r.text for r in read("Strateji plan 2021-2025: 3.3.1")] == ["3.3.1"]  # years are no item numbers


def test_general_reader_knows_the_column_in_four_languages(ref):
    for header in ("Strateji plan bəndi", "Strategic plan item", "Пункт стратегического плана",
                   "Stratejik plan maddesi", "İnkişaf strategiyasındakı yeri"):
        assert column_roles.header_role(header) == "strategy", header
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Qərbi Kaspi Universiteti — 2024-cü il üçün fəaliyyət planı"])
    ws.append([])
    ws.append(["№", "Tədbirlər", "İcra müddəti", "Məsul", "Strateji plan bəndi"])
    ws.append(["1", "Sillabusların yenilənməsi üzrə seminar", "2024", "Tədris şöbəsi", "1.1.1"])
    ws.append(["2", "İşəgötürənlərlə görüşlərin təşkili", "2024", "Tədris şöbəsi", "Məqsəd 1, hədəf 1.2; 2.2"])
    ws.append(["3", "Kitabxana fondunun yenilənməsi", "2024", "Tədris şöbəsi", None])
    out = io.BytesIO()
    wb.save(out)
    plan = generic_plan.parse(out.getvalue(), "plan.xlsx", ref)[0]
    assert [a.strategy_refs for a in plan.actions] == [["1.1.1"], ["Məqsəd 1, hədəf 1.2; 2.2"], []]


def _refs(con, institution: str) -> list[tuple]:
    return con.execute("SELECT a.seq, r.ref_text, r.goal_no, r.target_no, r.action_no, r.state FROM v_strategy_refs r "
                       "JOIN actions a USING (action_key) WHERE r.institution = ? ORDER BY a.seq, r.pos",
                       [institution]).fetchall()


def test_every_seed_reference_is_read_and_none_resolves(con):
    ndu = _refs(con, "NDU")
    assert [(t, g, tg, a) for _, t, g, tg, a, _ in ndu] == NDU_REFS
    assert [s for *_, s in ndu] == ["no_plan"] * 14
    mdu = _refs(con, "MDU")
    assert len(mdu) == 28 and {s for *_, s in mdu} == {"no_plan"}
    per_row = [[t for seq, t, *_ in mdu if seq == i] for i in range(1, 12)]
    assert per_row == MDU_REFS
    assert ("4.2.14", 4, 2, 14) in [(t, g, tg, a) for _, t, g, tg, a, _ in mdu]


def test_the_template_carries_the_references(site):
    from parse.reference import Reference
    from reports.template import build_template

    book = xlsx_plan.parse(build_template(), "template.xlsx", Reference.load())
    plans = {p.institution: p for p in book.plans}
    assert [a.strategy_refs for a in plans["NDU"].actions] == [[r[0]] for r in NDU_REFS]
    assert [a.strategy_refs for a in plans["MDU"].actions] == MDU_REFS


def _page(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("screens/coverage.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang, words", [
    ("az", ["NDU: strateji plan yüklənməyib. İllik planın 14 istinadı (14 tədbirdən 14)",
            "MDU: strateji plan yüklənməyib. İllik planın 28 istinadı (11 tədbirdən 6)"]),
    ("en", ["NDU: strategic plan not loaded. The yearly plan's 14 references are kept as written (14 of 14 actions)",
            "MDU: strategic plan not loaded. The yearly plan's 28 references are kept as written (6 of 11 actions)"]),
])
def test_the_page_says_why_nothing_resolves(site, monkeypatch, lang, words):
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-03")
    at = _page(lang)
    warnings = [w.value for w in at.warning]
    for w in words:
        assert any(x.startswith(w) for x in warnings), (w, warnings)
    metrics = {m.label: m.value for m in at.metric}
    serving = "Strateji bəndə xidmət edən" if lang == "az" else "Serving a strategic item"
    assert metrics[serving] == "0 / 25"
    orphans = "Heç bir bəndə xidmət etməyən" if lang == "az" else "Serving no item"
    assert metrics[orphans] == "5"  # MDU's section 5 names no strategic item


def yearly_workbook(path: Path) -> Path:
    """A QKU yearly plan for 2024 made with the template (python -m reports workbook --template)."""
    from reports.template import build_template

    wb = openpyxl.load_workbook(io.BytesIO(build_template(plan="QKU")))
    for name in (spec.PLANS[0], spec.GOALS[0], spec.TARGETS[0], spec.ACTIONS[0]):
        wb[name].delete_rows(2, wb[name].max_row)
    header = {name: [c.value for c in wb[name][1]] for name in (spec.PLANS[0], spec.ACTIONS[0])}
    assert header[spec.ACTIONS[0]][-1] == spec.STRATEGY_REF

    def row(name: str, **values) -> None:
        wb[name].append([values.get(c) for c in header[name]])

    row(spec.PLANS[0], document_id=YEARLY, kind="activity_plan", institution="QKU",
        title="QKU — 2024-cü il üçün fəaliyyət planı", period_start=2024, period_end=2024)
    for i, (ref, title) in enumerate(YEARLY_ROWS, start=1):
        row(spec.ACTIONS[0], document_id=YEARLY, seq=i, action_key=f"QKU:2024:{i}", title=title, deadline_raw="2024",
            lead_unit_1="Tədris şöbəsi", vice_rector_1="academic" if i % 2 else "science", strategy_ref=ref)
    wb.save(path)
    return path


def _states(db: Path) -> list[tuple]:
    from analytics import db as data

    data.close()  # DuckDB hands out its open instance of a path: drop the one the page's queries opened
    with duckdb.connect(str(db), read_only=True) as c:
        return c.execute("SELECT action_key, ref_text, goal_no, target_no, action_no, level, state, strategy_document "
                         "FROM v_strategy_refs WHERE document_id = ? ORDER BY action_key, pos", [YEARLY]).fetchall()


EXPECTED_STATES = [
    ("QKU:2024:1", "1.1.1", 1, 1, 1, "action", "resolved"),
    ("QKU:2024:2", "Məqsəd 1, hədəf 1.2", 1, 1, 2, "action", "resolved"),
    ("QKU:2024:3", "2.2", 2, 2, None, "target", "resolved"),
    ("QKU:2024:4", "3-3.1", 3, 3, 1, "action", "resolved"),
    ("QKU:2024:5", "4.1.1", 4, 1, 1, "action", "resolved"),
    ("QKU:2024:5", "8.2.1", 8, 2, 1, "action", "resolved"),
    ("QKU:2024:6", "9.1.1", 9, 1, 1, "action", "unknown"),
    ("QKU:2024:7", "1.3.99", 1, 3, 99, "action", "unknown"),
]


def test_qku_yearly_plan_coverage_gaps_and_orphans(site, monkeypatch):
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-03")
    importer.apply(yearly_workbook(site / "qku_2024.xlsx"), "test")
    assert [(*s[:7],) for s in _states(site / "s.duckdb")] == EXPECTED_STATES
    assert {s[7] for s in _states(site / "s.duckdb")} == {QKU_STRATEGY}

    c = coverage.read(Filters(uni="QKU", lang="en"))
    assert list(c.years.year) == [2024]  # the strategic plan has a yearly plan for 2024 only
    roll = coverage.goal_rollup(c)
    assert dict(zip(roll.goal_no, roll.actions, strict=True)) == {1: 2, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 0, 8: 1}
    assert dict(zip(roll.goal_no, roll.targets_with, strict=True)) == {1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 0, 8: 1}
    grid = coverage.item_years(c)
    served = grid[(grid.level == "action") & (grid.n > 0)]
    assert sorted((int(r.goal_no), int(r.target_no), int(r.action_no), tuple(r.action_keys))
                  for r in served.itertuples()) == [
        (1, 1, 1, ("QKU:2024:1",)), (1, 1, 2, ("QKU:2024:2",)), (3, 3, 1, ("QKU:2024:4",)),
        (4, 1, 1, ("QKU:2024:5",)), (8, 2, 1, ("QKU:2024:5",))]
    gaps = coverage.gaps(c)
    assert sorted(gaps[gaps.level == "goal"].goal_no) == [5, 6, 7]
    assert len(gaps[gaps.level == "target"]) == 26 - 5  # 1.1, 2.2, 3.3, 4.1, 8.2 have work
    assert len(gaps[gaps.level == "action"]) == 158 - 5  # of the 158 numbered strategic actions
    orphans = coverage.orphans(c)
    assert dict(zip(orphans.action_key, orphans.reason, strict=True)) == {
        "QKU:2024:6": "unknown", "QKU:2024:7": "unknown", "QKU:2024:8": "none", "QKU:2024:9": "none",
        "QKU:2024:10": "none"}
    assert list(coverage.unknown_refs(c).ref_text) == ["9.1.1", "1.3.99"]  # listed, never dropped
    vr = coverage.vr_rollup(c, "en").set_index("vr")
    assert vr[["actions", "serving", "orphans"]].to_dict("index") == {
        "Academic Affairs": {"actions": 5, "serving": 3, "orphans": 2},  # rows 1, 3, 5 serve; 7 and 9 do not
        "Research": {"actions": 5, "serving": 2, "orphans": 3}}
    spec_ = coverage.coverage_charts(Filters(uni="QKU", lang="en"))[0]
    assert spec_.headline == "QKU 2021–2025 · Goal 1 has the most yearly work in 2024 (2 actions). " \
                             "3 goals have no yearly work in 2024."

    at = _page("en")
    assert any("Gaps" in s.value for s in at.subheader)
    labels = [e.label.replace("\\", "") for e in at.expander]  # plan text is escaped for Markdown
    assert any(x.startswith("Goal 1 · ") and "2024: 2 actions, targets 1/3" in x for x in labels), labels
    assert any(x.startswith("QKU 2021–2025, 2024: 3 goals, 21 targets, 153 actions without yearly work")
               for x in labels), labels


def test_strategic_plan_imported_after_the_yearly_one_resolves(site, monkeypatch, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("ndu_international_relations_plan_2025.txt", "mdu_veterans_centre_plan_2025.txt"):
        shutil.copy(RAW_DIR / name, raw / name)
    monkeypatch.setattr(importer, "RAW_DIR", raw)
    build(raw, site / "s.duckdb", imports=site / "imported")
    importer.apply(yearly_workbook(tmp_path / "qku_2024.xlsx"), "test")
    before = _states(site / "s.duckdb")
    assert [s[6] for s in before] == ["no_plan"] * 8 and {s[7] for s in before} == {None}
    assert coverage.orphans(coverage.read(Filters(uni="QKU"))).action_key.tolist() == [
        "QKU:2024:8", "QKU:2024:9", "QKU:2024:10"]  # waiting references are no orphans; no reference is one
    strategic = tmp_path / "qku_strategic_plan_2021_2025.txt"
    shutil.copy(RAW_DIR / strategic.name, strategic)
    importer.apply(strategic, "test")  # nothing else: the references resolve by themselves
    assert [(*s[:7],) for s in _states(site / "s.duckdb")] == EXPECTED_STATES


def test_packs_carry_the_coverage(site, monkeypatch):
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-03")
    from reports import PAGE_ORDER
    from reports.workbook import build_workbook

    assert "coverage" in PAGE_ORDER
    wb = openpyxl.load_workbook(io.BytesIO(build_workbook(Filters(lang="en"), ["coverage"])))
    goals = wb["Yearly actions per strategic"]  # the chart's title, cut to a sheet name
    assert [r[:3] for r in goals.iter_rows(min_row=2, values_only=True)] == [
        ("MDU · Goal 2", 2025, 6), ("MDU · Goal 3", 2025, 3), ("MDU · Goal 4", 2025, 6),
        ("NDU · Goal 1", 2025, 2), ("NDU · Goal 2", 2025, 1), ("NDU · Goal 3", 2025, 11)]
    refs = list(wb["Strategy references"].iter_rows(min_row=2, values_only=True))
    assert len(refs) == 14 + 28 + 5  # every reference, and the five MDU rows that have none
    assert {r[5] for r in refs} == {"strategic plan not loaded", "no reference"}
