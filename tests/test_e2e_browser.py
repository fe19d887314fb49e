"""End to end: `python serve.py` (the README's start) + headless Chromium (Playwright), every page in both languages."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from scripts import harness, screenshots

ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)


def test_every_page_in_a_real_browser(default_visits):
    """The visits are shared with test_browser_scan.py's default scan (conftest.default_visits)."""
    results, _scan, out = default_visits
    assert len(results) == 2 * len(screenshots.PAGES)
    for name, lang, _seconds, charts, errors in results:
        assert errors == [], (name, lang, errors)
        if name.replace("overview", "") in screenshots.CHART_PAGES:
            assert charts >= 1, (name, lang)
        assert (out / f"{name}_{lang}.png").stat().st_size > 10_000


def test_filtered_link_in_a_real_browser(app_server, tmp_path):
    """The old link form (plan=) with a unit: the two pages that draw two charts at once (every page with a
    unit and a university named is scanned by test_browser_scan.py)."""
    results = screenshots.shoot(app_server.url, tmp_path, ["en"], expect_charts=False, pages=["workload", "deadlines"],
                                query="plan=QKU&unit=Keyfiyy%C9%99tin%20T%C9%99minat%C4%B1%20M%C9%99rk%C9%99zi")
    assert all(errors == [] for *_rest, errors in results)
    charts = {name: n for name, _lang, _s, n, _e in results}
    assert charts["workload"] == 2 and charts["deadlines"] >= 2  # the filtered views still draw (two at once)


@contextlib.contextmanager
def fresh_page(db: Path, path: str):
    """A new server on `db` and one browser page opened at `path` as its very first request."""
    from playwright.sync_api import sync_playwright

    with harness.start_server({"STRATEGY_DB": str(db)}) as server, sync_playwright() as p:
        browser = harness.launch_browser(p)
        try:
            page = browser.new_page()
            page.goto(f"{server.url}{path}")
            yield page
            assert page.query_selector_all('[data-testid="stException"]') == []
        finally:
            browser.close()


def test_deep_link_as_the_first_request(built_db):
    """A shared link opened right after the server starts (no visit to / first) renders the page."""
    with fresh_page(built_db, "/workload?plan=QKU&lang=en") as page:
        page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot', timeout=60000)
        assert page.inner_text('[data-testid="stMainBlockContainer"] h1') == "Workload per unit"


def test_cbhe_map_draws_offline(built_db):
    """The country map comes from static/topojson; the browser has no internet (no CDN)."""
    with fresh_page(built_db, "/cbhe") as page:
        folded = page.locator(".st-key-more_cbhe-map summary")  # the map waits folded under its title
        folded.wait_for(timeout=60000)
        folded.click()
        page.wait_for_selector("path.choroplethlocation", timeout=60000)
        assert len(page.query_selector_all("path.choroplethlocation")) == 14  # one shape per country
