"""The dashboard through its entry point with Streamlit's AppTest, on a real database."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app_pages

ROOT = Path(__file__).resolve().parent.parent
KTM = "Keyfiyyətin Təminatı Mərkəzi"
# Charts each page draws on the seed data (the page registry is the list of pages).
# charts drawn at once (at most ui.page.SHOWN), and charts waiting folded until their expander is opened
EXPECTED_CHARTS = {"overview": 1, "workload": 2, "deadlines": 2, "oversight": 2, "progress": 2, "coverage": 1,
                   "plan_to_plan": 0, "rankings": 1,
                   "cbhe": 2,
                   "explorer": 0, "action": 0, "courses": 2, "data": 0, "units": 0, "titles": 0}
FOLDED = {"workload": 1, "deadlines": 2, "oversight": 1, "progress": 1, "cbhe": 3}
AZ_LETTERS = re.compile(r"[əğışçöüƏĞİŞÇÖÜ]")


@pytest.fixture()
def app(built_db, monkeypatch):
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    return at


def run_page(at: AppTest, url: str) -> AppTest:
    at.run()
    if url != "overview":
        at.switch_page(app_pages.path_of(url)).run()
    return at


def test_registry_matches_issue_paths():
    assert [p.url for p in app_pages.PAGES] == list(EXPECTED_CHARTS)


@pytest.mark.parametrize("url", list(EXPECTED_CHARTS))
def test_every_page_renders_with_its_charts(app, url):
    at = run_page(app, url)
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("plotly_chart")
    assert len(charts) == EXPECTED_CHARTS[url]
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        assert spec["layout"]["title"]["text"], "every chart has a title"
        assert spec["data"], "every chart has data"


@pytest.mark.parametrize("url", list(FOLDED))
def test_folded_charts_are_drawn_once_opened(app, url):
    """Every drawn chart costs the browser ~0.3 s: a page draws two at once, the others when asked."""
    at = run_page(app, url)
    folded = [k for k in at.session_state if k.startswith("more_")]
    assert len(folded) == FOLDED[url]
    assert all(e.label for e in at.expander)  # each folded chart's expander is named by its chart's title
    for k in folded:
        at.session_state[k] = True
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == EXPECTED_CHARTS[url] + FOLDED[url]


def qp(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return list(value) if isinstance(value, list | tuple) else [value]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_unit_filter_changes_the_figures(built_db, monkeypatch):
    """AppTest 1.67 re-runs only the page script after the first run of an st.navigation app, so each
    filter state gets its own AppTest whose first run goes through app.py and the sidebar."""
    monkeypatch.setenv("STRATEGY_DB", str(built_db))

    def overview(**state):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        for key, value in state.items():
            at.session_state[key] = value
        if state:
            at.session_state["_filters_ready"] = True  # the user has been here: widgets hold the state
            for key, value in {"f_uni": None, "f_plan": None, "f_goal": None, "f_units": [], "f_role": "lead",
                               "f_vrs": [], "f_years": (2021, 2025), "f_lang": "az"}.items():
                at.session_state[key] = state.get(key, value)
        at.run()
        assert not at.exception
        return at

    assert metric(overview(), "Tədbirlər") == "183"
    at = overview(f_units=[KTM])
    assert metric(at, "Tədbirlər") == "30"
    assert metric(at, "Məqsədlər") == "4"
    assert qp(at, "unit") == [KTM]  # the URL follows the widgets
    assert metric(overview(f_units=[KTM], f_role="any"), "Tədbirlər") == "32"
    assert metric(overview(f_units=[KTM], f_years=(2021, 2021)), "Tədbirlər") == "25"


def test_url_restores_filters_across_pages(app):
    app.query_params["plan"] = "QKU"  # a link from before plans and universities were separate
    app.query_params["unit"] = KTM
    app.query_params["year_from"] = "2024"
    app.query_params["year_to"] = "2025"
    app.run()
    assert app.session_state["f_uni"] == "QKU" and app.session_state["f_plan"] is None
    assert app.session_state["f_units"] == [KTM]
    assert app.session_state["f_years"] == (2024, 2025)
    assert metric(app, "Tədbirlər") == "30"
    app.switch_page("screens/explorer.py").run()
    assert not app.exception
    assert qp(app, "uni") == ["QKU"] and qp(app, "unit") == [KTM]
    assert qp(app, "year_from") == ["2024"]
    assert len(app.dataframe[0].value) == 30


def test_bad_url_values_are_reported_not_fatal(app):
    app.query_params["plan"] = "XYZ"
    app.query_params["goal"] = "abc"
    app.query_params["unit"] = "Nonexistent unit"
    app.run()
    assert not app.exception
    warnings = " ".join(w.value for w in app.warning)
    assert "XYZ" in warnings and "abc" in warnings and "Nonexistent unit" in warnings
    assert metric(app, "Tədbirlər") == "183"


@pytest.mark.parametrize("url", list(EXPECTED_CHARTS))
def test_english_mode_has_no_azerbaijani_labels(app, url):
    app.query_params["lang"] = "en"
    at = run_page(app, url)
    assert not at.exception
    labels = [m.label for m in at.metric] + [h.value for h in at.title] + [h.value for h in at.subheader]
    labels += [w.label for w in at.sidebar.selectbox] + [w.label for w in at.sidebar.multiselect]
    labels += [b.label for b in at.button]
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        labels.append(layout["title"]["text"])
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", {})
            labels.append(title.get("text", "") if isinstance(title, dict) else "")
    offending = [x for x in labels if AZ_LETTERS.search(x or "")]
    assert offending == [], offending


def test_english_mode_shows_english_unit_names(app):
    app.query_params["lang"] = "en"
    app.query_params["unit"] = KTM
    run_page(app, "workload")
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    names = [a["text"] for a in spec["layout"]["annotations"]]  # each row's label over its bar
    assert "Quality Assurance Centre" in " ".join(names)
    assert not any(AZ_LETTERS.search(n) for n in names)
