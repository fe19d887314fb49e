"""Rebuild or fetch? What a second app server pays to switch to a plan another server published, at N universities.

  fetch:   loaders/plan_sync.catch_up — download the published database file from PostgreSQL in 8 MB parts into
           a temporary file, check its sha256, swap it in (what the servers do);
  rebuild: loaders.build.build from the same documents (what a server would do if only the documents were
           shared): parse every document and build the database.
Also: publishing the file (inside the import's transaction) and the peak memory of each, in this process.

Usage: python scripts/plan_sync_benchmark.py [--scales seed 500] [--runs 3]
Needs the PostgreSQL server binaries (apt-get install postgresql); databases built as in scripts/capacity.py.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from plandb import plan_sync
from plandb.build import build
from scripts.capacity import PROJECT, WORKDIR, database, loadavg, raw_dir
from state import user_store
from tests.pg_server import PgServer

ROOT = Path(__file__).resolve().parent.parent



def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", nargs="+", default=["seed", "500"])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plan-sync-bench-"))
    rows = []
    try:
        with PgServer(fast=False) as pg:
            for scale in args.scales:
                db = database(PROJECT, scale, WORKDIR)
                raw = raw_dir(PROJECT, scale, WORKDIR)
                os.environ["STRATEGY_STATE_URL"] = pg.create_database(f"bench_{scale}")
                os.environ["STRATEGY_IMPORTS"] = str(work / f"imported-{scale}")
                t = time.perf_counter()
                with user_store.writer() as con:
                    version = user_store.bump_plan_version("benchmark", "publish", con=con)
                    plan_sync.publish(con, version, db, "benchmark")
                publish = time.perf_counter() - t
                follower = work / f"follower-{scale}.duckdb"
                shutil.copyfile(db, follower)
                fetch = []
                for _ in range(args.runs):
                    follower.with_name(follower.name + ".published").unlink(missing_ok=True)
                    t = time.perf_counter()
                    assert plan_sync.catch_up(follower) == version
                    fetch.append(time.perf_counter() - t)
                fetch_peak = peak_mb()
                rebuild = []
                for i in range(args.runs):
                    t = time.perf_counter()
                    build(raw, work / f"rebuilt-{scale}-{i}.duckdb", imports=False)
                    rebuild.append(time.perf_counter() - t)
                    (work / f"rebuilt-{scale}-{i}.duckdb").unlink()
                rows.append([scale, f"{db.stat().st_size / 1e6:.1f}", f"{publish:.2f}",
                             f"{statistics.median(fetch):.2f}", f"{statistics.median(rebuild):.2f}",
                             f"{statistics.median(rebuild) / statistics.median(fetch):.0f}×",
                             f"{fetch_peak:.0f} / {peak_mb():.0f}", loadavg()])
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    header = ["scale", "file MB", "publish s", "fetch s (median)", "rebuild s (median)", "rebuild / fetch",
              "peak RSS MB after fetches / after builds", "load avg 1/5/15 after"]
    print(f"median of {args.runs}; PostgreSQL on loopback; {os.cpu_count()} CPUs\n")
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
