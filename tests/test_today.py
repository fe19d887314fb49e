"""Pages speak from today's date (issue 27): the date is set by STRATEGY_TODAY, never taken from the machine.

Seed facts (read in the documents): QKU's strategic plan runs 2021-2025, NDU's and MDU's activity plans are for
2025; QKU takes part in no CBHE project of the compendium. Of the 183 plan actions, 80 are dated actions whose
end year is 2025 or earlier (61 of QKU's 158); with no status recorded, all 80 ended unreported on 2 December
2026."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics import fmt, timeline
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.pages import deadlines

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.mark.parametrize(("start", "end", "day", "expected"), [
    (2021, 2025, dt.date(2026, 12, 2), ("ended", 11, None)),
    (2021, 2025, dt.date(2026, 1, 15), ("ended", 0, None)),
    (2021, 2025, dt.date(2028, 3, 1), ("ended", 26, None)),
    (2021, 2025, dt.date(2024, 6, 15), ("current", None, 4)),
    (2026, 2030, dt.date(2026, 12, 2), ("current", None, 1)),
    (2027, 2030, dt.date(2026, 6, 30), ("future", 6, None)),
    (None, 2030, dt.date(2026, 6, 30), ("undated", None, None)),
])
def test_phase_of_a_plan_on_a_day(start, end, day, expected) -> None:
    assert timeline.phase_of(start, end, day) == expected


def test_time_lines_name_each_university_plan(site, monkeypatch) -> None:
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")
    assert timeline.time_lines(Filters(uni="QKU", lang="en")) == [
        "QKU: the 2021-2025 plan ended 11 months ago; no newer plan is loaded."]
    assert timeline.time_lines(Filters(uni="NDU", lang="az")) == [
        "NDU: 2025-ci il planı 11 ay əvvəl başa çatıb; daha yeni plan yüklənməyib."]
    assert len(timeline.time_lines(Filters(lang="en"))) == 3  # one per university, three in view
    monkeypatch.setenv("STRATEGY_TODAY", "2024-06-15")
    assert timeline.time_lines(Filters(uni="QKU", lang="en")) == ["QKU: the 2021-2025 plan is in its year 4 of 5."]
    assert timeline.time_lines(Filters(uni="MDU", lang="en")) == ["MDU: the 2025 plan starts in 2025."]


def figures(year: int, f: Filters):
    return query("status_figures", this_year=year, today=dt.date(year, 12, 2), stale_days=90, **f.params())


def test_ended_without_status_is_counted(site) -> None:
    everything = figures(2026, Filters()).iloc[0]
    assert (everything.actions, everything.recorded, everything.ended_unrecorded) == (183, 0, 80)
    assert int(figures(2026, Filters(uni="QKU")).iloc[0].ended_unrecorded) == 61
    # seen from 2025 (the plans' last year) only QKU's actions due by 2024 had ended
    assert int(figures(2025, Filters()).iloc[0].ended_unrecorded) == 7
    acts = query("status_actions", this_year=2026, today=dt.date(2026, 12, 2), stale_days=90, **Filters().params())
    assert int(acts.ended_unrecorded.sum()) == 80 and not acts.overdue.any()


def test_deadline_headline_tense_follows_today(site, monkeypatch) -> None:
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")
    assert deadlines.deadline_overview(Filters(lang="en")).headline == \
        "In 2025, 19 actions started and 73 ended; 176 were in progress."
    assert deadlines.deadline_overview(Filters(lang="az")).headline == \
        "2025-də 19 tədbir başlayıb və 73 tədbir başa çatıb; 176 tədbir icrada olub."
    monkeypatch.setenv("STRATEGY_TODAY", "2025-06-01")
    assert deadlines.deadline_overview(Filters(lang="en")).headline == \
        "In 2025, 19 actions start and 73 end; 176 are in progress."


def test_deck_progress_carries_the_ended_figure(site, monkeypatch) -> None:
    from analytics.pages import progress

    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")
    specs, figures, headline = progress.deck(Filters(lang="en"))
    assert specs == [] and headline == "80 actions ended without any status recorded"
    assert ("Ended, nothing recorded", "80") in figures


def test_pages_say_it_in_both_languages(site, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-02")
    for lang in ("az", "en"):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["uni"] = "QKU"
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        figures = {m.label: m.value for m in at.metric}
        assert figures[t("ov.m.cbhe", lang)] == t("ov.m.cbhe.none", lang)  # QKU takes part in no project
        assert t("pr.ended_unrecorded", lang, n="61") in [w.value for w in at.warning]
        ended = fmt.plain(t("tl.ended", lang, uni="QKU", period="2021-2025", ago=t("tl.ago.months", lang, n="11")))
        assert ended in [c.value for c in at.caption]
        at.switch_page("screens/progress.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert t("pr.ended_unrecorded", lang, n="61") in [w.value for w in at.warning]
        assert t("pr.ended_list", lang) in [s.value for s in at.subheader]
        at.switch_page("screens/deadlines.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert ended in [c.value for c in at.caption]


@pytest.mark.parametrize("day, started, ended", [("2026-12-03", "Started in 2025", "Ended in 2025"),
                                                 ("2025-06-01", "Starting in 2025", "Ending in 2025")])
def test_deadline_figures_speak_in_the_headline_tense(site, monkeypatch, day, started, ended) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRATEGY_TODAY", day)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("screens/deadlines.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert {started, ended} <= {m.label for m in at.metric}
