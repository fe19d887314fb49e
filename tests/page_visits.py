"""Visiting every page in a real browser and reading what it shows (tests/test_browser_scan.py and the
one default visit of every page that test_e2e_browser.py's screenshots and the scan share: conftest.py)."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from scripts import harness, screenshots
from tests.chrome_language import ARIA_LABELS, SHOWN_TEXTS, Judge

# Streamlit's aria labels that stay English in Azerbaijani mode: attributes of its own frontend that neither a
# style rule nor an option reaches (Streamlit 1.67 has no interface language). A screen reader says them; no
# sighted reader sees them except the table toolbar's tooltips. A new one fails the test.
ENGLISH_ARIA = {"Sidebar", "Collapse sidebar", "App pages", "Download as CSV", "Search", "Show/hide columns",
                "Fullscreen", "İllər — start", "İllər — end", "Clear all", "Clear value"}
ENGLISH_ARIA_START = ("Remove ",)  # a chosen option's chip in a multiselect: 'Remove <the option>'
LANGUAGE_PAGES = ["rounds", "updates", "titles", "nonexistent"]  # beyond screenshots.PAGES: chrome only

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


def raw_tokens(text: str) -> list[str]:
    found = []
    for pattern, what in RAW:
        found += [f"{what}: {m.group(0)!r} in …{text[max(m.start() - 40, 0):m.end() + 40]}…"
                  for m in pattern.finditer(text)]
    return found


class Scan:
    """What a scan found: raw tokens per page, and the hosts other than the app's own server a page asked; with a
    judge, also the words out of place in the page's chrome (an Azerbaijani word in English, an English one in
    Azerbaijani, Streamlit's own texts and the tab title included) and aria labels beyond ENGLISH_ARIA."""

    def __init__(self, url: str, judge: Judge | None = None) -> None:
        self.judge = judge
        self.own = urlparse(url).netloc
        self.foreign: set[str] = set()
        self.problems: dict[str, list[str]] = {}

    def watch(self, page) -> None:
        page.on("request", lambda r: self.foreign.add(urlparse(r.url).netloc)
                if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).netloc != self.own
                else None)

    def inspect(self, page, name: str, lang: str) -> None:
        """The page once its run is over: every expander opened, the raw tokens of its text and grids."""
        screenshots.settle(page)
        for _round in range(3):  # folded charts hold their own "rows behind" expander: open those too
            # clicked all at once: their reruns (content is sent only once opened) fold into one or two
            if not page.evaluate("""() => { const closed = [...document.querySelectorAll(
                    '[data-testid="stExpander"] details:not([open]) > summary')];
                closed.forEach(s => s.click()); return closed.length; }"""):
                break
            # every open one has its content, and the run is over
            page.wait_for_function("""() => [...document.querySelectorAll(
                '[data-testid="stExpander"] details[open]')].every(
                d => d.querySelector('[data-testid="stElementContainer"]'))""", timeout=30000)
            screenshots.settle(page)
        text = page.inner_text('[data-testid="stMain"]') + page.inner_text('[data-testid="stSidebar"]')
        grid = " ".join(g.inner_text() for g in page.query_selector_all('[data-testid="stDataFrame"]'))
        found = raw_tokens(text + " " + grid) if name in screenshots.PAGES else []
        if page.query_selector_all('[data-testid="stException"]'):
            found.append("exception box")
        if self.judge:
            found += language_problems(page, lang, self.judge)
        if found:
            self.problems[f"{name or 'overview'} ({lang})"] = found[:5]


def language_problems(page, lang: str, judge: Judge) -> list[str]:
    """Words out of place in what the page draws (and its tab title), and aria labels in English beyond the
    known ones, in Azerbaijani mode."""
    texts = page.evaluate(SHOWN_TEXTS) + [page.title()]
    if lang == "en":
        return [f"Azerbaijani in English: {x}" for x in judge.azerbaijani_in_english(texts)]
    aria = {label for label in page.evaluate(ARIA_LABELS) if judge.english_in_azerbaijani([label])
            and label not in ENGLISH_ARIA and not label.startswith(ENGLISH_ARIA_START)}
    return ([f"English in Azerbaijani: {x}" for x in judge.english_in_azerbaijani(texts)]
            + [f"English aria label: {x!r}" for x in sorted(aria)])


def scan(url: str, query: str, judge: Judge | None = None) -> Scan:
    """Visit every page in both languages with `query`; what they show (with a judge, also the chrome's
    language, on the pages beyond the screenshots' too)."""
    from playwright.sync_api import sync_playwright

    found = Scan(url, judge)
    with sync_playwright() as p:
        browser = harness.launch_browser(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            found.watch(page)
            for lang in ("az", "en"):
                for i, name in enumerate(screenshots.PAGES + (LANGUAGE_PAGES if judge else [])):
                    params = "&".join(x for x in (query, "lang=en" if lang == "en" else "") if x)
                    screenshots.visit(page, url, name, params, by_link=i > 0)  # as a user goes from page to page
                    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
                    found.inspect(page, name, lang)
        finally:
            browser.close()
    return found


def shoot_and_scan(url: str, out) -> tuple[list, Scan]:
    """Every page in both languages with the default filters, visited once: the screenshot of each page's
    first screen (screenshots.shoot's results; `python scripts/screenshots.py` saves whole pages, to look at)
    and then the scan of the same page."""
    found = Scan(url)
    results = screenshots.shoot(url, out, ["az", "en"], watch=found.watch, after=found.inspect, full_page=False,
                                  by_link=True)
    return results, found
