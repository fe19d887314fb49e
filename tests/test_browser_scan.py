"""Every page in a real browser, both languages, default and filtered: no raw value in the visible text,
no request to any host but the app's own server (a campus network without internet must work)."""
from __future__ import annotations

import pytest

from scripts import harness
from tests.page_visits import raw_tokens, scan

pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)

FILTERED = "uni=QKU&unit=Keyfiyy%C9%99tin%20T%C9%99minat%C4%B1%20M%C9%99rk%C9%99zi"


def test_the_scanner_finds_raw_values() -> None:
    assert raw_tokens("Vəziyyət: None") and raw_tokens("loaded 2026-11-30 08:15:00") and raw_tokens("QKU:2021-2025:1.1")
    assert raw_tokens("[]") and raw_tokens("/tmp/x/strategy.duckdb") and raw_tokens("action_key")
    assert raw_tokens("Nonexistent unit 2026-11-30") == [] and raw_tokens("Beynəlxalq Əlaqələr Şöbəsi") == []


@pytest.mark.parametrize("query", ["", FILTERED], ids=["default", "filtered"])
def test_no_raw_value_and_no_outside_request_on_any_page(app_server, default_visits, query):
    """With the default filters the pages are the ones visited once for the screenshots too
    (conftest.default_visits: tests/test_e2e_browser.py checks the shots)."""
    found = default_visits[1] if query == "" else scan(app_server.url, query)
    assert found.problems == {}
    assert found.foreign == set()
