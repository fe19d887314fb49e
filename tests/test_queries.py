"""Every query file runs against the real database; filters give the values checked in the document."""
from __future__ import annotations

import datetime as dt

import pytest

import queries
from analytics.filters import Filters

OTHER = {"unit": "Keyfiyyətin Təminatı Mərkəzi", "course": "00247", "this_year": 2026,
       "stale_days": 90, "today": dt.date(2026, 12, 2), "with_regular": True, "limit": 1000, "offset": 0,
       "search": None, "inst": None, "institution": "NDU", "action_key": "NDU:2025:1/3-3.1",
         "document": "qku_strategic_plan_2021_2025"}


def P(**chosen) -> dict:
    """The parameters a page passes: the filters (2021-2025 unless chosen) and the other values."""
    return {**OTHER, **Filters(**{"year_from": 2021, "year_to": 2025, **chosen}).params()}


ALL = P()
KTM = "Keyfiyyətin Təminatı Mərkəzi"
# Actions whose responsible-unit column names the Quality Assurance Centre, read off the QKU plan.
KTM_LEAD = {"1.1.1", "1.1.2", "1.1.3", "1.1.5", "1.1.7", "1.1.8", "1.1.9", "1.2.1", "1.2.2", "1.2.3", "1.2.5",
            "1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.2.12", "1.3.1", "3.3.3", "5.1.7", "5.2.3", "5.2.4", "6.1.4",
            "6.2.4", "6.2.5", "6.3.2", "6.3.3", "6.4.1", "6.4.2", "6.4.3", "6.4.4"}
KTM_PARTNER = {"1.1.4", "4.1.1"}  # named in the note column ("... ilə birlikdə")


@pytest.mark.parametrize("name", queries.names())
def test_every_query_runs(con, name):
    df = queries.run(con, name, **ALL)
    assert df is not None


@pytest.mark.parametrize("name", queries.names())
def test_arrow_results_are_the_frames_duckdb_gives(con, name):
    """queries.run reads results through Arrow (faster at national scale); the frames must be the ones
    DuckDB's .df() gives: same columns, dtypes and values (order-free: ties have no fixed order)."""
    from state import user_store

    for extra in (P(), P(uni="QKU", lang="en"), P(units=(KTM,), unit_role="any"), P(plan="nowhere")):
        params = {k: v for k, v in extra.items() if k in queries.params_of(name)}
        got = queries.run(con, name, **params)
        cur = con.cursor()
        cur.execute(queries.sql(queries.PRELUDE))
        for frame_name in queries.user_frames_of(name):
            cur.register(frame_name, user_store.latest_status())
        want = cur.execute(queries.sql(name), params).df()
        cur.close()
        assert list(got.columns) == list(want.columns)
        assert [str(t) for t in got.dtypes] == [str(t) for t in want.dtypes], name
        rows = [sorted(map(repr, f.astype(str).itertuples(index=False))) for f in (got, want)]
        assert rows[0] == rows[1], (name, extra)


def test_no_user_value_is_formatted_into_sql():
    for name in queries.names():
        text = queries.sql(name)
        assert "{" not in text and "%s" not in text, name


def numbers(df):
    return {f"{int(r.goal_no)}.{int(r.target_no)}.{int(r.action_no)}" for r in df.itertuples()}


def test_unit_filter_quality_assurance_centre(con):
    lead = queries.run(con, "filtered_actions", **P(units=(KTM,)))
    assert numbers(lead) == KTM_LEAD
    anyrole = queries.run(con, "filtered_actions", **P(units=(KTM,), unit_role="any"))
    assert numbers(anyrole) == KTM_LEAD | KTM_PARTNER
    k = queries.run(con, "key_figures", **P(units=(KTM,))).iloc[0]
    assert (k.actions, k.goals, k.ranking_targets) == (30, 4, 0)
    in_2024 = queries.run(con, "filtered_actions", **P(units=(KTM,), year_from=2024, year_to=2024))
    assert len(in_2024) == 30  # none of its actions ends before 2024
    in_2021 = queries.run(con, "filtered_actions", **P(units=(KTM,), year_from=2021, year_to=2021))
    assert numbers(in_2021) == KTM_LEAD - {"1.1.3", "1.2.1", "3.3.3", "5.1.7", "6.2.5"}


def test_vice_rector_and_plan_filters(con):
    science = queries.run(con, "filtered_actions", **P(vrs=("science",)))
    assert len(science) == 32 and set(science.institution) == {"QKU"}
    ndu = queries.run(con, "filtered_actions", **P(uni="NDU"))
    assert len(ndu) == 14
    goal4 = queries.run(con, "filtered_actions", **P(uni="QKU", goal=4))
    assert len(goal4) == 21


def test_year_flow_counts(con):
    flow = queries.run(con, "year_flow", **ALL).set_index("year")
    assert flow.loc[2021, "ongoing"] == 97 and flow.loc[2025, "ongoing"] == 101
    assert flow.loc[2025, "ending"] == flow.loc[2025, "running"]


def test_unit_year_heatmap_rules(con):
    uy = queries.run(con, "unit_year", **ALL)
    ktm = uy[uy.unit_name == KTM].set_index("year")["actions"].to_dict()
    assert ktm == {2021: 27, 2022: 27, 2023: 31, 2024: 32, 2025: 32}


def test_explorer_search_and_timeline_paging(con):
    found = queries.run(con, "explorer_rows", **{**ALL, "search": "%GreenMetric%"})
    assert len(found) == 1 and found.matches.iloc[0] == 1 and found.action_no.iloc[0] == 7
    page2 = queries.run(con, "timeline_rows", **{**ALL, "limit": 50, "offset": 50})
    total = queries.run(con, "timeline_count", **ALL).n.iloc[0]
    assert len(page2) == 50 and total == 181  # 183 actions, 2 NDU rows without a timeline
    dated = queries.run(con, "timeline_count", **{**ALL, "with_regular": False}).n.iloc[0]
    assert dated == 181 - 96 - 1 - 3  # minus the regular ones: QKU "Müntəzəm" 96, NDU "Müfəssəl" 1, MDU "Mütamadi" 3


# Queries whose 'title' is not an action's, target's or goal's title shown to a reader in the page's language: the
# English-titles page and the plan template list titles as written; documents, plans and courses are named by their
# title; the goal filter's titles (goals) are chosen in Python (labels.shown_title).
AS_WRITTEN = {"title_items", "template_goals", "template_actions", "goals", "courses", "documents",
              "plans", "cbhe_projects", "course_topics", "coverage_plans", "plan_match_plans", "template_plans",
              "units_to_review", "coverage_years", "plan_periods"}


@pytest.mark.parametrize("name", [n for n in queries.names() if n not in AS_WRITTEN])
def test_titles_in_english_carry_the_marker_where_none_was_given(con, name):
    """The seed gives no English title: in English every goal, target and action title a query returns is the
    title as written with the marker before it (shown_title), never bare Azerbaijani."""
    df = queries.run(con, name, title_mark="[az] ", **{**ALL, "lang": "en"})
    for col in {"title", "goal_title", "target_title"} & set(df.columns):
        given = [v for v in df[col] if isinstance(v, str) and v]
        assert all(v.startswith("[az] ") for v in given), (col, [v for v in given if not v.startswith("[az] ")][:3])
