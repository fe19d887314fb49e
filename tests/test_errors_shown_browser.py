"""Browser: PostgreSQL stopped while the dashboard is open; the next page says one sentence, never a traceback
(issue 28 item 7). `python serve.py` with the shared store + Debian's Chromium (Playwright)."""
from __future__ import annotations

import pytest

from analytics.i18n import t
from scripts import harness

pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)


def test_a_stopped_store_shows_the_sentence_in_the_browser(site):
    from playwright.sync_api import sync_playwright

    from tests.pg_server import PgServer, find_bin

    if find_bin() is None:
        pytest.skip("no PostgreSQL server binaries")
    server = PgServer().start()
    try:
        env = {"STRATEGY_DB": str(site / "s.duckdb"), "STRATEGY_STATE_URL": server.create_database("browser_down"),
               "STRATEGY_TODAY": "2026-12-03"}
        with harness.start_server(env) as app, sync_playwright() as p:
            url = app.url
            browser = harness.launch_browser(p)
            try:
                page = browser.new_page()
                page.goto(f"{url}/?lang=en")
                page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90000)
                server.stop()
                page.goto(f"{url}/progress?lang=en")  # a page that reads the recorded statuses
                page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=90000)
                text = page.inner_text('[data-testid="stMainBlockContainer"]')
                assert t("err.store_down", "en") in text
                assert page.query_selector_all('[data-testid="stException"]') == []
                assert not [w for w in ("psycopg", "OperationalError", "Traceback", "127.0.0.1") if w in text]
            finally:
                browser.close()
    finally:
        server.stop()
