"""Benchmark at seed scale, N=50 and N=500 institutions; prints one table. Not a test.

Usage: python scripts/benchmark.py [--scales seed 50 500] [--runs 5] [--out artifacts/benchmark.md]

Per scale: build time and peak memory (a fresh process), each page's server-side run time through
AppTest (median of --runs after a warm-up) for the default view and after a unit-filter change
(a cold cache), the slowest query file, the meeting-pack deck build, and the naive way (pandas
reading the raw tables on every rerun, no cache) against the cached queries on repeated views.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analytics.filters import Filters

ROOT = Path(__file__).resolve().parent.parent

PAGES = ["overview", "workload", "deadlines", "oversight", "progress", "rankings", "cbhe", "explorer", "courses",
         "data"]
DEFAULT = {**Filters(year_from=2021, year_to=2025).params(), "unit": "Tədris Şöbəsi",
           "course": "00247", "this_year": 2026, "stale_days": 90,
           "with_regular": True, "limit": 1000, "offset": 0, "search": None, "inst": None}

BUILD_CODE = """
import json, resource, time
from plandb.build import build
t = time.perf_counter()
report = build({raw!r}, {db!r}, imports=False)
print(json.dumps({{"seconds": time.perf_counter() - t, "actions": report.rows["actions"],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def build_in_subprocess(raw: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", BUILD_CODE.format(raw=str(raw), db=str(db))],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def page_times(db: Path, runs: int) -> dict[str, dict[str, float]]:
    """Median server-side seconds per page: repeated views, and a cold filter change."""
    from streamlit.testing.v1 import AppTest

    import app_pages

    os.environ["STRATEGY_DB"] = str(db)
    from analytics import db as data

    data.close()
    out: dict[str, dict[str, float]] = {}
    units = top_units(db)
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        at.switch_page(app_pages.path_of(page)).run()  # warm-up
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
        errors = [e.value for e in at.exception]
        filtered = []
        for unit in units[:runs]:
            import streamlit as st

            st.cache_data.clear()  # a filter change nobody has asked for yet: nothing cached
            at2 = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            at2.query_params["unit"] = unit
            at2.run()
            t = time.perf_counter()
            at2.switch_page(app_pages.path_of(page)).run()
            filtered.append(time.perf_counter() - t)
            errors += [e.value for e in at2.exception]
        out[page] = {"default": statistics.median(times), "filter": statistics.median(filtered),
                     "errors": len(errors)}
    return out


def top_units(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT unit_name FROM action_units GROUP BY 1 ORDER BY count(*) DESC "
                                          "LIMIT 10").fetchall()]
    finally:
        con.close()


def slowest_query(db: Path) -> tuple[str, float]:
    import duckdb

    import queries

    con = duckdb.connect(str(db), read_only=True)
    try:
        timings = {}
        for name in queries.names():
            samples = []
            for _ in range(3):
                t = time.perf_counter()
                queries.run(con, name, **DEFAULT)
                samples.append(time.perf_counter() - t)
            timings[name] = statistics.median(samples)
    finally:
        con.close()
    name = max(timings, key=timings.get)
    return name, timings[name]


def naive_vs_cached(db: Path, runs: int) -> tuple[float, float]:
    """The same three views computed the naive way (read raw tables into pandas, aggregate, every
    rerun) and through the cached queries (repeated view: cache hit)."""
    import duckdb

    from analytics.db import query
    from analytics.filters import Filters

    p = Filters().params()

    def naive() -> None:
        con = duckdb.connect(str(db), read_only=True)
        try:
            actions = con.table("actions").df()
            units = con.table("action_units").df()
            oversight = con.table("action_oversight").df()
        finally:
            con.close()
        actions.groupby(["institution", "goal_no", "recurrence"], dropna=False).size()
        units.merge(actions[["action_key"]], on="action_key").groupby(["unit_name", "role"]).size()
        oversight.merge(actions[["action_key"]], on="action_key").groupby("vice_rector").size()

    def cached() -> None:
        query("actions_per_goal", **p)
        query("unit_workload", **p)
        query("vr_load", **p)

    cached()  # first view fills the cache
    results = []
    for fn in (naive, cached):
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
        results.append(statistics.median(samples))
    return results[0], results[1]


def deck_seconds() -> float | None:
    from reports import images

    if not images.browser_available():
        return None
    from analytics.filters import Filters
    from reports import PAGE_ORDER
    from reports.deck import build_deck

    t = time.perf_counter()
    build_deck(Filters(), PAGE_ORDER)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", nargs="+", default=["seed", "50", "500"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "benchmark.md")
    args = ap.parse_args()
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ.setdefault("STRATEGY_USER_DB", str(Path(tempfile.mkdtemp()) / "user.duckdb"))
    rows = []
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    for scale in args.scales:
        if scale == "seed":
            raw = ROOT / "data" / "raw"
        else:
            from plandb.synth import synth

            raw = work / f"raw{scale}"
            synth(int(scale), raw)
        db = work / f"s{scale}.duckdb"
        b = build_in_subprocess(raw, db)
        print(f"[{scale}] build {b['seconds']:.1f} s, {b['peak_mb']:.0f} MB, {b['actions']} actions", flush=True)
        pages = page_times(db, args.runs)
        q_name, q_s = slowest_query(db)
        naive_s, cached_s = naive_vs_cached(db, args.runs)
        deck = deck_seconds()
        rows.append({"scale": scale, **b, "pages": pages, "slowest_query": (q_name, q_s), "naive": naive_s,
                     "cached": cached_s, "deck": deck})
        print(f"[{scale}] pages done; slowest query {q_name} {q_s * 1000:.0f} ms", flush=True)
    lines = ["| measure | " + " | ".join(r["scale"] for r in rows) + " |",
             "|---|" + "---|" * len(rows)]

    def line(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    line("actions", [str(r["actions"]) for r in rows])
    line("build, s", [f"{r['seconds']:.1f}" for r in rows])
    line("build, µs per action", [f"{1e6 * r['seconds'] / r['actions']:.0f}" for r in rows])
    line("build peak memory, MB", [f"{r['peak_mb']:.0f}" for r in rows])
    for page in PAGES:
        line(f"/{page} default, s (median)", [f"{r['pages'][page]['default']:.3f}" for r in rows])
        line(f"/{page} unit filter (cold), s", [f"{r['pages'][page]['filter']:.3f}" for r in rows])
    line("page errors", [str(sum(p["errors"] for p in r["pages"].values())) for r in rows])
    line("slowest query, ms", [f"{r['slowest_query'][0]} {r['slowest_query'][1] * 1000:.0f}" for r in rows])
    line("naive (pandas, no cache), ms", [f"{r['naive'] * 1000:.1f}" for r in rows])
    line("cached repeated view, ms", [f"{r['cached'] * 1000:.2f}" for r in rows])
    line("naive / cached", [f"{r['naive'] / r['cached']:.0f}×" for r in rows])
    line("meeting-pack deck, s", [f"{r['deck']:.1f}" if r["deck"] else "no browser" for r in rows])
    table = "\n".join(lines)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
