"""Figures a rector reads (issue 27): units counted the same on every page, vice-rector bars that say how
joint actions count, no placeholder drawn as a unit. Seed facts: 183 actions; 20 name no vice-rector; the
163 that name one count 189 times over the portfolios (joint actions under each of theirs); "Müvafiq
struktur bölmələr" (relevant units) is a placeholder of the NDU plan, not a unit."""
from __future__ import annotations

from analytics import views
from analytics.db import query
from analytics.filters import Filters
from analytics.pages import oversight, progress, workload

PLACEHOLDERS = {"Müvafiq struktur bölmələr", "Tələbələr", "Sosial iş tələbələri"}


def test_oversight_bars_are_portfolios_and_say_how_joint_actions_count(site) -> None:
    load = oversight.oversight(Filters(lang="en"))[0]
    assert load.key == "oversight-load"
    bar = load.figure.data[0]
    assert None not in list(bar.y) and "not given" not in " ".join(map(str, bar.y)).lower()
    assert sum(bar.x) == 189 and len(bar.x) == 8  # one post per university: QKU 6, NDU 2
    assert load.figure.layout.xaxis.title.text == \
        "Actions<br>(joint actions count under each vice-rector: 189 for 163)"
    assert int(query("vr_load", **Filters().params()).actions.sum()) == 209  # 189 + the 20 with no vice-rector


def test_placeholders_are_not_units_on_progress_or_oversight(site) -> None:
    p = Filters().params()
    by_unit = query("status_by_unit", **p)
    assert not PLACEHOLDERS & set(by_unit.label)
    assert len(by_unit) == 28  # lead units; key figures count 29 units in any role (one governs only)
    assert int(query("key_figures", **p).iloc[0].units) == 29
    assert not PLACEHOLDERS & set(query("vr_units", **p).unit_name)


def test_goal_filter_says_whose_goal_it_is(site) -> None:
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=180)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    goal = next(s for s in at.sidebar.selectbox if s.label == t("f.goal", "en"))
    assert goal.options[1] == "Goal 1 (in the plans of MDU, NDU, QKU, a different goal in each)"
    assert "QKU · Goal 8" in goal.options  # only QKU's plan has an eighth goal
    uni = next(s for s in at.sidebar.selectbox if s.label == t("f.uni", "en"))
    assert "QKU — Western Caspian University" in uni.options  # English mode names universities in English
    at.query_params["uni"] = "QKU"
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=180)
    at.query_params["lang"] = "en"
    at.query_params["uni"] = "QKU"
    at.run()
    goal = next(s for s in at.sidebar.selectbox if s.label == t("f.goal", "en"))
    assert goal.options[1].startswith("1. ") and len(goal.options) == 9  # QKU's eight goals by their titles


def test_ranking_deadlines_say_what_the_plan_wrote(site) -> None:
    from analytics.pages import rankings as ranking_views

    targets = query("ranking_targets", **Filters(lang="en").params())
    rows = ranking_views.target_rows(targets, ranking_views.results_of(None), "en")
    deadlines = dict(zip(targets.deadline_raw, rows["Deadline"], strict=True))
    assert deadlines == {"İlboyu 2025": "Year-round 2025", "2021-2025": "2021–2025", "Müntəzəm": "Ongoing (2021–2025)"}
    az = ranking_views.target_rows(targets, ranking_views.results_of(None), "az")
    assert set(az.iloc[:, 4]) == {"İlboyu 2025", "2021-2025", "Müntəzəm"}  # Azerbaijani: as written


def test_table_cells_never_show_iso_stamps_and_group_budgets() -> None:
    import datetime as dt

    import pandas as pd

    from analytics import fmt

    df = pd.DataFrame({"budget": [633292.0, None], "start": [dt.date(2023, 1, 1), dt.date(2024, 5, 1)],
                       "stamp": pd.to_datetime(["2023-01-01", "2024-01-01"]), "year": [2025.0, None]})
    shown = fmt.cells(df, "en")
    assert shown.budget.tolist() == ["633,292", "—"] and shown.year.tolist() == ["2025", "—"]
    assert shown.start.tolist() == ["1 January 2023", "1 May 2024"]
    assert shown.stamp.tolist() == ["1 January 2023", "1 January 2024"]
    assert fmt.cells(df, "az").start.tolist() == ["1 yanvar 2023", "1 may 2024"]


def test_unit_goal_heatmap_leaves_impossible_cells_blank(site) -> None:
    import math

    spec = next(s for s in workload.workload(Filters(lang="en")) if s.key == "workload-unit-goal").spec()
    heat = spec.figure.data[0]
    goals = list(heat.x)
    assert goals[:3] == ["MDU 1", "MDU 2", "MDU 3"] and goals[-1] == "QKU 8"
    row = heat.y.index(next(y for y in heat.y if y.startswith("Academic Affairs")))
    cells = dict(zip(goals, heat.z[row], strict=True))
    assert math.isnan(cells["NDU 1"]) and math.isnan(cells["MDU 1"])  # a QKU unit never meets NDU's goals
    assert cells["QKU 1"] == 21 and cells["QKU 8"] == 0  # its own plan's goal without an action: a real 0
    texts = dict(zip(goals, heat.text[row], strict=True))
    assert texts["QKU 1"] == "21" and texts["QKU 8"] == "" and texts["NDU 1"] == ""
    assert heat.customdata[row][goals.index("QKU 1")][1].startswith("QKU 1 · [az] Tədrisin")  # the hover names it


def test_ties_are_said_as_ties_in_both_languages(site) -> None:
    heads = {lang: next(s for s in oversight.oversight(Filters(lang=lang))
                        if s.key == "oversight-units").spec().headline for lang in ("az", "en")}
    assert heads["en"].startswith("4 units share first place, each working under 5 portfolios: ")
    assert heads["az"].startswith("4 bölmə hər biri 5 prorektorun sahəsində işləyir: ")
    assert "Research Department (QKU)" in heads["en"] and "Elm Şöbəsi (QKU)" in heads["az"]
    assert views.leaders(__import__("pandas").Series({"b": 2, "a": 2, "c": 1})) == (["a", "b"], 2)


def test_year_and_portfolio_heatmaps_leave_impossible_cells_blank(site) -> None:
    import math

    years = next(s for s in workload.workload(Filters(lang="en")) if s.key == "workload-unit-year").figure.data[0]
    ndu = years.y.index(next(y for y in years.y if "(NDU)" in y))
    assert [math.isnan(v) for v in years.z[ndu]] == [True, True, True, True, False]  # NDU's plan is 2025 only
    goals = next(s for s in oversight.oversight(Filters(lang="en")) if s.key == "oversight-goal").figure.data[0]
    adviser = goals.y.index("Adviser to the Rector")  # NDU only: no cell under QKU's goals
    cells = dict(zip(goals.x, goals.z[adviser], strict=True))
    assert math.isnan(cells["QKU 1"]) and cells["NDU 3"] == 1 and cells["NDU 1"] == 0


def test_progress_share_is_unknown_while_nothing_is_recorded(site) -> None:
    spec = next(s for s in progress.progress(Filters(lang="en")) if not isinstance(s, views.Later))
    share = spec.rows["Done, %"] if "Done, %" in spec.rows else spec.rows.iloc[:, -1]
    assert share.isna().all()  # unknown, never 0 %
    assert spec.rows.columns[0] in ("Unit", "Goal", "Vice-rector")


def test_data_page_keeps_parser_details_for_editors(site, monkeypatch) -> None:
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t

    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "secret")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=180)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("screens/data.py").run()
    heads = [s.value for s in at.subheader]
    assert t("da.warnings", "en") not in heads and t("da.rows", "en") not in heads  # a viewer
    assert t("da.as_written", "en") in heads
    at.session_state["_editor"] = "Aynur"
    at.run()
    heads = [s.value for s in at.subheader]
    assert t("da.warnings", "en") in heads and t("da.rows", "en") in heads  # an editor


def test_the_busiest_units_are_the_same_units_in_both_languages(site) -> None:
    """Ties at the cut of the top 25 (and the heatmap's) are broken by the unit's own name, not the shown one."""
    from analytics import labels
    from analytics.pages.workload import workload

    az_en = {az: labels.unit_names("en")[u] for u, az in labels.unit_names("az").items()}

    def shown(lang: str) -> tuple[list[str], list[str]]:
        bar, heat = workload(Filters(lang=lang))[:2]
        return list(bar.figure.data[0].customdata), [y.replace("<br>", " ") for y in heat.figure.data[0].y]

    (bar_az, heat_az), (bar_en, _) = shown("az"), shown("en")
    translated = [" ".join(az_en.get(n.rsplit(" (", 1)[0], n).split()) + " (" + n.rsplit(" (", 1)[1] for n in bar_az]
    assert translated == bar_en and len(bar_en) == 25
    assert len(heat_az) == 25
