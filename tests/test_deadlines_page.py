"""The deadlines page on the seed database: the goal × year overview counted against the actions table,
the row-per-action Gantt a page of at most 40 rows with the years on top, English that is English."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics.filters import Filters
from analytics.pages import deadlines

ROOT = Path(__file__).resolve().parent.parent
QKU_DOC = "qku_strategic_plan_2021_2025"
AZ_LETTERS = re.compile(r"[əğışçöüƏĞİŞÇÖÜ]")
RAW = re.compile(r"\b(None|nan|NaN|NaT)\b|\d{4}-\d{2}-\d{2}|qku_strategic_plan|action_key")


@pytest.fixture()
def db(built_db, monkeypatch):
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    con = duckdb.connect(str(built_db), read_only=True)
    yield con
    con.close()


def sql_counts(con, year: int, where: str = "institution = 'QKU' AND goal_no = 1") -> tuple[int, int, int]:
    """In progress, starting and ending in `year`, counted straight from the actions table."""
    return con.execute(f"""
        SELECT count(*) FILTER (WHERE ? BETWEEN active_from AND active_to),
               count(*) FILTER (WHERE recurrence IN ('period', 'once') AND start_year = ?),
               count(*) FILTER (WHERE recurrence IN ('period', 'once') AND end_year = ?)
        FROM actions WHERE {where}""", [year, year, year]).fetchone()


def page(built_db, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("screens/deadlines.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts_of(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_goal_year_counts_match_the_actions_table(db):

    rows, axis = deadlines.deadline_rows(Filters())
    assert axis is None  # three plans: each plan's goals, never summed
    qku1 = rows[rows.hover == "QKU 1 · Tədrisin keyfiyyətinin yüksəldilməsi"]
    assert sorted(qku1.year) == [2021, 2022, 2023, 2024, 2025]  # the plan's years, from the data
    for r in qku1.itertuples():
        assert (r.running, r.starting, r.ending) == sql_counts(db, r.year)
    # read off the QKU plan: goal 1 has 28 actions under way in 2021 (7 of them dated ones starting), and 31 in
    # 2025, when 10 dated ones end
    assert tuple(qku1.loc[qku1.year == 2021, ["running", "starting", "ending"]].iloc[0]) == (28, 7, 0)
    assert tuple(qku1.loc[qku1.year == 2025, ["running", "starting", "ending"]].iloc[0]) == (31, 0, 10)
    # a plan of one year has only its year; NDU names no goal titles
    ndu1 = rows[rows.hover == "NDU · Məqsəd 1"]
    assert list(ndu1.year) == [2025]
    assert tuple(ndu1[["running", "starting", "ending"]].iloc[0]) == sql_counts(
        db, 2025, "institution = 'NDU' AND goal_no = 1")


def test_overview_chart_cells_and_headline(db, monkeypatch):

    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")  # the plans' last year is past: the headline says so

    spec = deadlines.deadlines(Filters(lang="en"))[0]
    assert spec.key == "deadlines-overview"  # the deck's first deadline slide too
    heat = spec.figure.data[0]
    assert heat.type == "heatmap" and list(heat.x) == ["2021", "2022", "2023", "2024", "2025"]
    assert spec.figure.layout.xaxis.side == "top"
    assert len(heat.y) == 16  # 8 QKU goals, 3 NDU, 5 MDU
    first = heat.y[0].replace("<br>", " ")
    assert first.startswith("QKU 1 · [az] Tədrisin")  # several plans in view: goals carry their plan; marked as written
    assert heat.text[0][0] == "<b>28</b><br>▲7"
    assert heat.text[0][4] == "<b>31</b><br>▼10"
    # 2025 is the latest year of the data (this year, 2026, has no action): counted from the table
    running, starting, ending = sql_counts(db, 2025, "TRUE")
    assert (running, starting, ending) == (176, 19, 73)
    assert spec.headline == f"In 2025, {starting} actions started and {ending} ended; {running} were in progress."
    az = deadlines.deadlines(Filters())[0]
    assert az.headline == "2025-də 19 tədbir başlayıb və 73 tədbir başa çatıb; 176 tədbir icrada olub."
    # small at any scale: a cell per goal and year
    cells = sum(1 for row in heat.z for v in row if v == v and v is not None)
    assert cells <= 500 and len(spec.figure.to_json()) < 200_000


def test_headline_year_is_this_year_else_the_nearest_before():
    from analytics.views import headline_year

    years = [2021, 2022, 2023, 2024, 2025]
    assert headline_year(years, today=2023) == 2023
    assert headline_year(years, today=2026) == 2025
    assert headline_year([2027, 2028], today=2026) == 2027  # every year ahead: the first


def test_a_chosen_goal_shows_its_targets(db):

    rows, _ = deadlines.deadline_rows(Filters(goal=1))
    labels = list(dict.fromkeys(rows.hover))
    assert labels[:3] == ["QKU 1.1 · Yüksək rəqabətqabiliyyətli təhsilin (dərəcələrin) təmin olunması",
                          "QKU 1.2 · Kadr hazırlığı sisteminin və tədris proqramlarının təkmilləşdirilməsi",
                          "QKU 1.3 · İxtisasların təhlili və cəlbediciliyin təmini"]
    t12 = rows[rows.hover == labels[1]]
    for r in t12.itertuples():
        assert (r.running, r.starting, r.ending) == sql_counts(
            db, r.year, "institution = 'QKU' AND goal_no = 1 AND target_no = 2")
    spec = deadlines.deadline_overview(Filters(goal=1, lang="en"))
    assert spec.figure.layout.title.text.startswith("Goal 1:")


def test_the_rest_is_summed_in_one_row_that_says_so(db, monkeypatch):
    from analytics import charts

    rows, _ = deadlines.deadline_rows(Filters(lang="en"), top=5)
    labels = list(dict.fromkeys(rows.row))
    assert len(labels) == 6 and labels[-1] == "11 other goals (summed)"
    everything, _ = deadlines.deadline_rows(Filters(lang="en"))
    assert rows.groupby("year").running.sum().equals(everything.groupby("year").running.sum())
    # more plans than MAX_PLAN_COLUMNS: goals of one number summed over the plans, and the axis says so
    monkeypatch.setattr(charts, "MAX_PLAN_COLUMNS", 2)
    summed, axis = deadlines.deadline_rows(Filters(lang="en"))
    assert axis == "Goal (summed over 3 plans)"
    goal1 = summed[summed.row == "Goal 1"].set_index("year")
    assert tuple(goal1.loc[2025, ["running", "starting", "ending"]]) == sql_counts(db, 2025, "goal_no = 1")


def test_gantt_of_a_goal_pages_at_most_40_rows_with_the_years_on_top(db, monkeypatch):

    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")  # the axis reaches today, marked by a dashed line

    choice = deadlines.GanttChoice(doc=QKU_DOC, goal_no=1, label="QKU · Goal 1")
    total = db.execute("SELECT count(*) FROM actions WHERE document_id = ? AND goal_no = 1", [QKU_DOC]).fetchone()[0]
    spec = deadlines.deadline_gantt(Filters(lang="en"), choice)
    assert spec.rows.attrs["total"] == total == 32 and len(spec.rows) <= 40
    layout = spec.figure.layout
    assert layout.xaxis.side == "top" and list(layout.xaxis.ticktext) == ["2021", "2022", "2023", "2024", "2025",
                                                                          "2026"]
    assert [s.x0 for s in layout.shapes] == ["2026-12-02"] and layout.annotations[-1].text == "Today"
    assert len(layout.annotations) == len(spec.rows) + 1  # one label per row, and today's
    assert layout.annotations[0].text.startswith("<b>1.1.1</b> [az] Tədris")  # English: marked as written
    # English deadlines are English: 'Müntəzəm' is rendered from what was read
    hover = [cd[1] for tr in spec.figure.data for cd in tr.customdata]
    assert "Ongoing (2021–2025)" in hover and not any(AZ_LETTERS.search(h) for h in hover)
    # paged: every action once, in plan order
    pages = [deadlines.deadline_gantt(Filters(), choice, n, page_size=10) for n in (1, 2, 3, 4)]
    assert [len(p.rows) for p in pages] == [10, 10, 10, 2] and pages[3].rows.attrs["pages"] == 4
    numbers = [(r[1], r[2], r[3]) for p in pages for r in p.rows.itertuples(index=False)]
    assert len(set(numbers)) == 32 and numbers == sorted(numbers)
    # one target of the goal
    target = deadlines.deadline_gantt(Filters(), deadlines.GanttChoice(doc=QKU_DOC, goal_no=1, target_no=2, label="x"))
    assert target.rows.attrs["total"] == 14


def test_gantt_of_a_unit(db):

    unit = "Keyfiyyətin Təminatı Mərkəzi"
    spec = deadlines.deadline_gantt(Filters(), deadlines.GanttChoice(unit=unit, inst="QKU", label=unit))
    leads = db.execute("SELECT count(*) FROM action_units WHERE unit_name = ? AND role = 'lead'", [unit]).fetchone()[0]
    assert spec.rows.attrs["total"] == leads == 30


def test_page_default_view(built_db, monkeypatch):
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")
    at = page(built_db, monkeypatch)
    assert at.subheader[0].value.replace("\\", "") == \
        "2025-də 19 tədbir başlayıb və 73 tədbir başa çatıb; 176 tədbir icrada olub."
    specs = charts_of(at)
    assert len(specs) == 2  # the per-year and monthly charts wait folded under their titles
    folded = sorted(k for k in at.session_state if k.startswith("more_"))
    assert folded == ["more_deadlines-months", "more_deadlines-per-year"]
    overview, gantt = specs[0], specs[1]
    assert overview["data"][0]["type"] == "heatmap" and overview["layout"]["xaxis"]["side"] == "top"
    assert gantt["layout"]["xaxis"]["side"] == "top"
    assert len(gantt["layout"]["annotations"]) <= 40  # rows of the Gantt
    assert "QKU" in gantt["layout"]["title"]["text"]
    goals = next(s for s in at.main.selectbox if s.label == "Məqsəd")
    assert len(goals.options) == 16 and goals.options[0].startswith("QKU 1 · Tədrisin")
    # the unit view: the busiest unit first
    at.radio(key="dl_by").set_value("unit").run()
    assert not at.exception
    gantt = charts_of(at)[1]
    assert "Tədris Şöbəsi" in gantt["layout"]["title"]["text"].replace("<br>", " ")


@pytest.mark.parametrize("query", [{}, {"goal": "1"}, {"uni": "QKU"}])
def test_english_mode_is_english_and_nothing_raw(built_db, monkeypatch, query):
    at = page(built_db, monkeypatch, lang="en", **query)
    main = at.main  # the sidebar names each language in its own language
    texts = [h.value for h in main.subheader] + [m.label for m in main.metric] + [c.value for c in main.caption]
    texts += [r.label for r in main.radio] + [o for r in main.radio for o in r.options]
    texts += [s.label for s in main.selectbox]
    for spec in charts_of(at):
        layout = spec["layout"]
        texts.append(layout["title"]["text"])
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", {})
            texts.append(title.get("text", "") if isinstance(title, dict) else "")
            texts += [str(x) for x in layout.get(axis, {}).get("ticktext", [])]
        texts += [tr.get("name", "") for tr in spec["data"]] + [tr.get("hovertemplate", "") for tr in spec["data"]]
    offending = [x for x in texts if AZ_LETTERS.search(x or "")]
    assert offending == [], offending
    shown = texts + [str(v) for spec in charts_of(at) for tr in spec["data"] for row in (tr.get("text") or [])
                     for v in (row if isinstance(row, list) else [row])]
    shown += [a["text"] for spec in charts_of(at) for a in spec["layout"].get("annotations", [])]
    for df in at.dataframe:
        shown += [str(v) for v in df.value.astype(str).to_numpy().ravel()] + [str(c) for c in df.value.columns]
    raw = [x for x in shown if RAW.search(x or "")]
    assert raw == [], raw[:5]


def test_goal_filter_gives_targets_on_the_page(built_db, monkeypatch):
    at = page(built_db, monkeypatch, goal="1", lang="en")
    overview = charts_of(at)[0]
    assert overview["layout"]["title"]["text"].startswith("Goal 1:")
    labels = [y.replace("<br>", " ") for y in overview["data"][0]["y"]]
    assert labels[0].startswith("QKU 1.1 ·") and any(label.startswith("NDU · Target 1.") for label in labels)
