"""Start the dashboard, open every page in headless Chromium, save full-page screenshots.

Usage: python scripts/screenshots.py [--out artifacts/screenshots] [--lang az en] [--query "uni=QKU"]
       [--width 390] [--pages workload units] [--unfold more_deadlines-months]
Exits non-zero if a page shows a Streamlit exception box. Used by tests/test_e2e_browser.py too.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from scripts.harness import launch_browser, start_server

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["", "workload", "deadlines", "oversight", "progress", "coverage", "rankings", "cbhe", "explorer", "courses",
         "data", "units"]
CHART_PAGES = {"", "workload", "deadlines", "oversight", "progress", "coverage", "rankings", "cbhe", "courses"}


IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')
        && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every(c => c.querySelector('.js-plotly-plot'));
    if (!idle) { window.__idleSince = null; return false; }
    window.__idleSince = window.__idleSince || performance.now();
    return performance.now() - window.__idleSince >= QUIET;
}"""


def settle(page, ms: int = 0, quiet: int = 250, timeout: int = 30000) -> None:
    """Wait until the page's run is over and has stayed over for `quiet` ms: Streamlit marks its root with the
    run's state and shows its running indicator only while a run goes on; no element waits for its code (a
    skeleton stands in for a chart or a metric until the browser has loaded the code that draws it, the first
    time well after the run is over) and every chart it sent is drawn. `ms`: a
    fixed wait first, for a change whose rerun may start late (an upload). Gives up silently after `timeout`."""
    if ms:
        page.wait_for_timeout(ms)
    with contextlib.suppress(Exception):
        page.evaluate("() => { window.__idleSince = null; }")
        page.wait_for_function(IDLE.replace("QUIET", str(quiet)), timeout=timeout, polling=50)


def visit(page, url: str, name: str, qs: str, by_link: bool = False) -> None:
    """Open page `name` with the query `qs`: by its link in the sidebar's navigation when `by_link` and the
    link is shown, as a user goes from page to page (the app is not loaded again: about a third of the
    browser's work), else by its address. A link that loses part of the query is not trusted: the address
    is opened then."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{name}"]')
    if by_link and link.count() == 1 and link.is_visible():
        link.click()
        with contextlib.suppress(Exception):  # not there in time: opened by its address below
            page.wait_for_function("path => location.pathname.replace(/\\/$/, '') === path", arg=f"/{name}".rstrip("/"),
                                   timeout=30000)
            settle(page)
            got = parse_qs(urlparse(page.url).query)
            if all(got.get(k) == v for k, v in parse_qs(qs).items()):
                return
    page.goto(f"{url}/{name}" + (f"?{qs}" if qs else ""))


def shoot(url: str, out: Path, langs: list[str], query: str = "", expect_charts: bool = True, width: int = 1400,
          pages: list[str] | None = None, unfold: list[str] | None = None, watch: Callable | None = None,
          after: Callable | None = None, full_page: bool = True,
          by_link: bool = False) -> list[tuple[str, str, float, int, list[str]]]:
    """Visit every page; return (page, lang, seconds, charts, exception texts) per visit. `full_page`: the
    whole page's height (the window is stretched to it, so every chart is drawn again twice: about half of a
    visit's CPU), else the first screen. `by_link`: after a language's first page (opened by its address), the
    others by the sidebar's links (`visit`). `unfold`: keys of
    folded expanders (e.g. 'more_deadlines-months') to open before the shot, where the page has them.
    `watch(page)` is called once before the first visit, `after(page, name, lang)` after each shot (a test that
    looks at the same pages further: tests/page_visits.py)."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    results = []
    with sync_playwright() as p:
        browser = launch_browser(p)
        page = browser.new_page(viewport={"width": width, "height": 1000})
        if watch is not None:
            watch(page)
        for lang in langs:
            for i, name in enumerate(pages or PAGES):
                qs = "&".join(filter(None, [query, f"lang={lang}" if lang != "az" else ""]))
                started = time.time()
                visit(page, url, name, qs, by_link and i > 0)
                page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
                if expect_charts and name in CHART_PAGES:
                    page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot', timeout=60000)
                settle(page)
                seconds = time.time() - started
                for key in unfold or []:
                    folded = page.locator(f".st-key-{key} summary")
                    if folded.count():
                        folded.first.click()
                        settle(page)
                errors = [e.inner_text() for e in page.query_selector_all('[data-testid="stException"]')]
                charts = len(page.query_selector_all('[data-testid="stPlotlyChart"] .js-plotly-plot'))
                if full_page:
                    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
                        '[data-testid="stMain"], [data-testid="stMainBlockContainer"], section')].map(
                        e => e.scrollHeight), 1000)""")
                    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 9000)})
                    page.wait_for_timeout(300)  # the charts follow the new size
                suffix = "" if width == 1400 else f"_{width}"
                page.screenshot(path=str(out / f"{name or 'overview'}_{lang}{suffix}.png"), full_page=full_page)
                if full_page:
                    page.set_viewport_size({"width": width, "height": 1000})
                results.append((name or "overview", lang, seconds, charts, errors))
                if after is not None:
                    after(page, name, lang)
        browser.close()
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "screenshots")
    ap.add_argument("--lang", nargs="+", default=["az", "en"])
    ap.add_argument("--query", default="")
    ap.add_argument("--width", type=int, default=1400, help="viewport width in px (390 for a phone)")
    ap.add_argument("--pages", nargs="+", help="URL paths (overview is '')")
    ap.add_argument("--unfold", nargs="+", help="folded expanders to open first, by key (more_deadlines-months)")
    args = ap.parse_args()
    pages = [("" if p == "overview" else p) for p in args.pages] if args.pages else None
    with start_server() as server:
        results = shoot(server.url, args.out, args.lang, args.query, width=args.width, pages=pages, unfold=args.unfold)
    bad = 0
    for name, lang, seconds, charts, errors in results:
        print(f"{name:<10} {lang}  {seconds:5.1f} s  charts={charts}  {'ERROR ' + errors[0][:200] if errors else 'ok'}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
