"""Benchmark line for the originals reader: seconds per page to read a 40-page plan PDF.

    python scripts/benchmark_originals.py [--runs 3]

Prints the median of the runs and the machine's load beside it (figures, not a timed test)."""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from parse import generic_plan
    from parse.reference import Reference
    from scripts.make_originals import bundled_plans, pdf_pages, qku_40_pages

    ref = Reference.load()
    out = Path(tempfile.mkdtemp(prefix="bench-originals-"))
    path = qku_40_pages(bundled_plans(ref)["qku"], out / "qku_40_pages.pdf")
    pages = pdf_pages(path)
    data = path.read_bytes()
    times, actions = [], 0
    for _ in range(args.runs):
        started = time.perf_counter()
        actions = len(generic_plan.parse(data, path.name, ref)[0].actions)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"{pages}-page plan PDF, {actions} actions: median {median:.1f} s of {args.runs} runs, "
          f"{median / pages:.2f} s per page (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
