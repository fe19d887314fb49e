"""Charts a page shows folded are read and built only when opened; slides and workbooks still get them all."""
from __future__ import annotations

import pytest

from analytics import db, views
from analytics.filters import Filters
from analytics.pages import cbhe, deadlines, oversight, workload


@pytest.fixture()
def seed_db(built_db, monkeypatch):
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    db.close()
    views._views.clear()
    yield built_db
    views._views.clear()
    db.close()


@pytest.mark.parametrize(("view", "key", "title"), [
    (workload.workload, "workload-unit-goal", "Unit × goal: actions"),
    (oversight.oversight, "oversight-units", "Units working under each portfolio"),
])
def test_the_third_chart_waits_until_someone_opens_it(seed_db, view, key, title):
    specs = view(Filters(lang="en"))
    later = specs[views.DRAWN_AT_ONCE]
    assert isinstance(later, views.Later) and later.key == key and not later.built
    assert later.title == title
    assert all(isinstance(s, views.ChartSpec) for s in specs[: views.DRAWN_AT_ONCE])
    fig = later.figure  # opening it builds it, once
    assert later.built and later.spec() is later.spec()
    assert " ".join(str(fig.layout.title.text).replace("<br>", " ").split()).startswith(title)
    assert len(later.rows) > 0


def test_slides_and_workbooks_get_every_chart_built(seed_db):
    built = views.built(workload.workload(Filters()))
    assert [s.key for s in built] == ["workload-units", "workload-unit-year", "workload-unit-goal"]
    assert all(isinstance(s, views.ChartSpec) for s in built)


def test_a_later_chart_without_data_is_left_out(seed_db):
    empty = views.Later("x", "workload", "X", lambda: None)
    assert views.built([empty]) == [] and empty.spec() is None
    with pytest.raises(LookupError):
        _ = empty.figure


def test_the_workload_page_leaves_the_folded_chart_unbuilt(seed_db):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.switch_page("screens/workload.py").run()
    assert not at.exception
    later = workload.workload(Filters(), 25)[views.DRAWN_AT_ONCE]  # the page's own (shared) view
    assert isinstance(later, views.Later) and not later.built  # folded: nothing read for it
    # the label as Markdown shows it (fmt.plain escapes the colon)
    assert "Bölmə × məqsəd: tədbirlər" in [e.label.replace("\\", "") for e in at.expander]


def test_the_deadlines_page_reads_its_folded_charts_only_when_opened(seed_db):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.switch_page("screens/deadlines.py").run()
    assert not at.exception
    specs = deadlines.deadlines(Filters(), page_size=deadlines.GANTT_ROWS)  # the page's own (shared) view
    flow, months = specs[1], specs[2]
    assert isinstance(flow, views.Later) and isinstance(months, views.Later)
    assert not flow.built and not months.built
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert "İllər üzrə: başlayan, davam edən və bitən müddətli tədbirlər" in labels
    assert "İllik planlar: aylar üzrə" in labels
    at.session_state["more_deadlines-months"] = True  # someone opens the monthly plans
    at.run()
    assert not at.exception and months.built and not flow.built
    # the two yearly plans of 2025: MDU 8 of 11 activities give months (3 "Mütamadi"), NDU 10 of 14 ("İlboyu
    # 2025" is January-December; "Müfəssəl", "2025" and two empty cells give none)
    assert months.rows.attrs["months_total"] == 18 and months.rows.attrs["without_months"] == 7
    captions = [c.value for c in at.caption]
    assert "Ay göstərilməyən (müntəzəm və ya müddətsiz): 7" in captions


def test_the_cbhe_page_builds_its_folded_charts_only_when_opened(seed_db):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.switch_page("screens/cbhe.py").run()
    assert not at.exception
    specs = cbhe.cbhe(Filters())
    assert [s.key for s in specs] == ["cbhe-budget", "cbhe-countries", "cbhe-map", "cbhe-azerbaijan", "cbhe-periods"]
    assert not any(s.built for s in specs[views.DRAWN_AT_ONCE:])
    at.session_state["more_cbhe-periods"] = True
    at.run()
    periods = specs[4]
    assert not at.exception and periods.built and not specs[2].built
    # the compendium's "Tətbiq Dövrü" lines: the earliest 2022-2024, the latest "Aprel 2024 - Mart 2027"
    assert periods.headline == "Layihələr 2022–2027 illərini əhatə edir"
