"""Bounded load test: N concurrent browser sessions move between pages for at most 60 s (loopback only).

Usage: python scripts/loadtest.py [--sessions 20] [--seconds 60] [--db FILE]
Prints page loads, errors (Streamlit exception boxes or timeouts: must be 0), median and p95 seconds.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from scripts.harness import launch_browser, start_server
from scripts.screenshots import CHART_PAGES, PAGES

ROOT = Path(__file__).resolve().parent.parent


QUERIES = ["", "plan=QKU", "lang=en", "unit=T%C9%99dris%20%C5%9E%C3%B6b%C9%99si", "year_from=2024&year_to=2025"]


async def session(browser, url: str, n: int, deadline: float, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    step = n
    while time.monotonic() < deadline:
        name = PAGES[step % len(PAGES)]
        query = QUERIES[(step // len(PAGES) + n) % len(QUERIES)]
        step += 1
        started = time.monotonic()
        try:
            await page.goto(f"{url}/{name}" + (f"?{query}" if query else ""), timeout=120_000)
            await page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=120_000)
            if name in CHART_PAGES and "unit=" not in query:
                await page.wait_for_selector('[data-testid="stPlotlyChart"] .js-plotly-plot', timeout=120_000)
            boxes = await page.query_selector_all('[data-testid="stException"]')
            if boxes:
                errors.append(f"{name}?{query}: {(await boxes[0].inner_text())[:200]}")
            elif time.monotonic() < deadline:
                times.append(time.monotonic() - started)
        except Exception as exc:  # a timeout counts as an error
            if time.monotonic() < deadline:
                errors.append(f"{name}?{query}: {type(exc).__name__}")
    await context.close()


async def run(url: str, sessions: int, seconds: float) -> tuple[list[float], list[str]]:
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await launch_browser(p)
        deadline = time.monotonic() + seconds
        await asyncio.wait_for(asyncio.gather(*(session(browser, url, n, deadline, times, errors)
                                                for n in range(sessions))), timeout=seconds + 150)
        await browser.close()
    return times, errors


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", type=Path, help="database file (default: the bundled one)")
    args = ap.parse_args()
    env = {"STRATEGY_DB": str(args.db)} if args.db else {}
    with start_server(env) as server:
        pid = server.pid
        cpu0 = cpu_seconds(pid)
        times, errors = asyncio.run(run(server.url, args.sessions, min(args.seconds, 60)))
        server_cpu = cpu_seconds(pid) - cpu0
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times, default=0)
    print(f"sessions={args.sessions} page_loads={len(times)} errors={len(errors)} "
          f"median={statistics.median(times) if times else 0:.2f}s p95={p95:.2f}s "
          f"server_cpu={server_cpu:.1f}s (the rest of 2 cores × {min(args.seconds, 60):.0f} s went to the browsers)")
    for e in errors[:10]:
        print("  error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    os.environ.setdefault("STRATEGY_USER_DB", "/tmp/loadtest_user.duckdb")
    sys.exit(main())
