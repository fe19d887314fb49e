"""Browser: PostgreSQL stopped while the dashboard is open; the next page says one sentence, never a traceback
(issue 28 item 7). `python serve.py` with the shared store + Debian's Chromium (Playwright)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analytics.i18n import t
from scripts import screenshots

pytestmark = pytest.mark.skipif(not Path(screenshots.CHROMIUM).exists() or shutil.which("chromium") is None,
                                reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")


def test_a_stopped_store_shows_the_sentence_in_the_browser(site):
    from playwright.sync_api import sync_playwright

    from tests.pg_server import PgServer, find_bin

    if find_bin() is None:
        pytest.skip("no PostgreSQL server binaries")
    server = PgServer().start()
    try:
        env = {"STRATEGY_DB": str(site / "s.duckdb"), "STRATEGY_STATE_URL": server.create_database("browser_down"),
               "STRATEGY_TODAY": "2026-12-03"}
        with screenshots.streamlit_server(env) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=screenshots.CHROMIUM, args=screenshots.CHROMIUM_ARGS)
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
