"""Every page in a real browser, both languages, default and filtered: no raw value in the visible text,
no request to any host but the app's own server (a campus network without internet must work)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from scripts import harness, screenshots

ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)

# Tokens that only a raw value produces: Python/pandas missing values, empty lists, ISO timestamps,
# internal action keys, server paths and file extensions of the database.
RAW = [
    (re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>)(?![\w-])"), "missing value"),
    (re.compile(r"\[\]"), "empty list"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"), "ISO timestamp"),
    (re.compile(r"\b[A-Z]{2,12}:\d{4}-\d{4}:\d"), "internal action key"),
    (re.compile(r"\.duckdb\b|/tmp/|/work/|/home/"), "server path"),
    (re.compile(r"\b(action_key|deadline_raw|note_raw|unit_name|document_id|goal_no)\b"), "column name"),
]
FILTERED = "uni=QKU&unit=Keyfiyy%C9%99tin%20T%C9%99minat%C4%B1%20M%C9%99rk%C9%99zi"


def raw_tokens(text: str) -> list[str]:
    found = []
    for pattern, what in RAW:
        found += [f"{what}: {m.group(0)!r} in …{text[max(m.start() - 40, 0):m.end() + 40]}…"
                  for m in pattern.finditer(text)]
    return found


def test_the_scanner_finds_raw_values() -> None:
    assert raw_tokens("Vəziyyət: None") and raw_tokens("loaded 2026-11-30 08:15:00") and raw_tokens("QKU:2021-2025:1.1")
    assert raw_tokens("[]") and raw_tokens("/tmp/x/strategy.duckdb") and raw_tokens("action_key")
    assert raw_tokens("Nonexistent unit 2026-11-30") == [] and raw_tokens("Beynəlxalq Əlaqələr Şöbəsi") == []


def scan(url: str, query: str) -> tuple[dict[str, list[str]], set[str]]:
    """Visit every page in both languages; the raw tokens per page and the foreign hosts asked."""
    from playwright.sync_api import sync_playwright

    own = urlparse(url).netloc
    foreign: set[str] = set()
    problems: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = harness.launch_browser(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: foreign.add(urlparse(r.url).netloc)
                    if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).netloc != own
                    else None)
            for lang in ("az", "en"):
                for name in screenshots.PAGES:
                    params = "&".join(x for x in (query, "lang=en" if lang == "en" else "") if x)
                    page.goto(f"{url}/{name}?{params}")
                    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
                    page.wait_for_timeout(1500)
                    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=30000)
                    for _round in range(3):  # folded charts hold their own "rows behind" expander: open those too
                        closed = page.query_selector_all('[data-testid="stExpander"] details:not([open]) > summary')
                        if not closed:
                            break
                        for box in closed:
                            box.click()  # folded charts and the rows behind every chart are shown text too
                        # their content is sent only once opened (a rerun): wait until every open one has it
                        page.wait_for_function("""() => [...document.querySelectorAll(
                            '[data-testid="stExpander"] details[open]')].every(
                            d => d.querySelector('[data-testid="stElementContainer"]'))""", timeout=30000)
                        page.wait_for_timeout(300)
                    text = page.inner_text('[data-testid="stMain"]') + page.inner_text('[data-testid="stSidebar"]')
                    grid = " ".join(g.inner_text() for g in page.query_selector_all('[data-testid="stDataFrame"]'))
                    found = raw_tokens(text + " " + grid)
                    if page.query_selector_all('[data-testid="stException"]'):
                        found.append("exception box")
                    if found:
                        problems[f"{name or 'overview'} ({lang})"] = found[:5]
        finally:
            browser.close()
    return problems, foreign


@pytest.mark.parametrize("query", ["", FILTERED], ids=["default", "filtered"])
def test_no_raw_value_and_no_outside_request_on_any_page(app_server, query):
    problems, foreign = scan(app_server.url, query)
    assert problems == {}
    assert foreign == set()
