"""Indicators on the Progress page, the deck and the workbook (issue 22, item 5). Seed facts: 25 actions carry an
indicator (NDU 14, MDU 11); one has a number to reach: NDU:2025:1/3-3.1, 3 a year (the baseline column)."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from openpyxl import load_workbook

import access
from analytics import indicators_view
from analytics.filters import Filters
from analytics.i18n import t

KEY = "NDU:2025:1/3-3.1"
OFFICE = access.User("Office", "office@ndu.edu.az", "university_editor", "NDU")
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _round_with_an_actual() -> None:
    rid = access.open_round(OFFICE, "NDU", "2025, year", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                            dt.date(2026, 1, 15))
    access.record_update(OFFICE, rid, KEY, status="in_progress", actual_value=2, day=dt.date(2026, 1, 10))


def test_indicators_before_any_round(site) -> None:
    df = indicators_view.assessed(Filters(lang="en"))
    assert df.action_key.nunique() == 25 and (df.computed_state == "not_assessed").all()
    assert indicators_view.headline(df, "en") == ("25 indicators, 1 with a number to reach; no reporting round has "
                                                  "been opened yet, so there are no actual values")
    assert indicators_view.chart(df, "en") is None  # nothing measured: no chart of zeros
    shown = indicators_view.table(df, "en")
    row = shown[shown["No."] == "NDU 1 / 3-3.1"].iloc[0]
    assert row["Target"] == "3 a year" and row["Actual value"] == "not given"


def test_a_round_gives_expected_actual_and_state(site) -> None:
    _round_with_an_actual()
    df = indicators_view.assessed(Filters(uni="NDU", lang="en"))
    mine = df[df.action_key == KEY].iloc[0]
    assert (mine.expected, mine.actual, mine.computed_state) == (3.0, 2.0, "at_risk")  # 2 of 3: 67 % < 85 %
    assert indicators_view.headline(df, "en") == \
        "14 indicators, 1 with a number to reach; NDU · 2025, year: 0 on track, 0 behind, 1 at risk"
    fig = indicators_view.chart(df, "en")
    assert list(fig.data[0].x) == [3.0] and list(fig.data[1].x) == [2.0]
    from reports.workbook import build_workbook

    wb = load_workbook(io.BytesIO(build_workbook(Filters(uni="NDU", lang="en"), ["progress"])))
    sheet = wb["Indicators"]
    head = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(head, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["NDU 1 / 3-3.1"]["Computed state"] == "At risk" and rows["NDU 1 / 3-3.1"]["Expected"] == "3"


def test_progress_page_shows_the_indicators(site, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    _round_with_an_actual()
    monkeypatch.setenv("STRATEGY_TODAY", "2026-01-20")
    for lang in ("az", "en"):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["lang"] = lang
        at.query_params["uni"] = "NDU"
        at.run()
        at.switch_page("screens/progress.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert t("ind.section", lang) in [s.value for s in at.subheader]
        titles = [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
                  for c in at.get("plotly_chart")]  # a long title wraps
        assert any(t("ind.chart", lang, round="NDU · 2025, year") in s for s in titles), titles
    at = AppTest.from_file(APP, default_timeout=180)  # a goal chosen: its indicators side by side over the rounds
    at.query_params.update({"lang": "en", "uni": "NDU", "goal": "1"})
    at.run()
    at.switch_page("screens/progress.py").run()
    assert not at.exception, [e.value for e in at.exception]
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
              for c in at.get("plotly_chart")]
    assert any(t("ind.multiples", "en") in s for s in titles), titles


def test_the_deck_carries_the_round_and_the_indicators(site) -> None:
    from reports.packs import sections

    _round_with_an_actual()
    specs = sections(Filters(uni="NDU", lang="en"), ["progress"])[0].charts
    keys = [s.key for s in specs]
    assert "progress-round" in keys and "progress-indicators-1" in keys  # one indicators slide per goal
    rnd = next(s for s in specs if s.key == "progress-round")
    assert rnd.headline == "2025, year (open): 1 of 14 actions reported; due 15 January 2026."
    office = rnd.rows[rnd.rows["Unit"] == "International Relations Office"].iloc[0]
    assert (office["Reported"], office["Not reported"]) == (1, 13)


def test_small_multiples_for_a_chosen_goal(site) -> None:
    _round_with_an_actual()
    df = indicators_view.assessed(Filters(uni="NDU", goal=1, lang="en"))
    fig = indicators_view.small_multiples(df, "en")
    assert fig is not None and [a.text for a in fig.layout.annotations][0].startswith("NDU 1 / 3-3.1")
    assert list(fig.data[0].y) == [2.0] and list(fig.data[1].y) == [3.0]  # actual and expected in the round
    goals = indicators_view.per_goal(df, "en")
    assert [g for g, _, _ in goals] == ["NDU · Goal 1"]


def test_indicators_as_written_are_marked_in_english_only(site) -> None:
    """An indicator and its baseline are the plan's own words: in English they carry the [az] marker."""
    en = indicators_view.assessed(Filters(uni="NDU", lang="en"))
    az = indicators_view.assessed(Filters(uni="NDU", lang="az"))
    assert len(en) == len(az) > 0
    assert all(x.startswith("[az] ") for x in en.indicator) and not any("[az]" in x for x in az.indicator)
    assert list(en.indicator) == ["[az] " + x for x in az.indicator]
