"""How long the implementation report takes for a university of about 150 actions (target: at most 20 s).

A synthetic university (plandb.synth: the seed plans' vocabulary, parsed by the real parsers) is built into a
temporary folder; a status with a comment is recorded for every action (through access, as the Progress page
does) and a reporting round is opened, so every part of the report has rows. Prints the .docx build time
(each run from a cold query cache), the PDF conversion time (LibreOffice) and the size of both.

Usage: python -m scripts.bench_annual [--actions 150] [--runs 3] [--lang az]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--actions", type=int, default=150)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lang", default="az")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    with tempfile.TemporaryDirectory(prefix="bench_annual_") as tmp:
        root = Path(tmp)
        os.environ.update(STRATEGY_DB=str(root / "s.duckdb"), STRATEGY_USER_DB=str(root / "user.duckdb"),
                          STRATEGY_IMPORTS=str(root / "imported"), STRATEGY_TODAY="2026-12-03")
        from plandb.build import build
        from plandb.synth import synth

        synth(1, root / "raw", actions=args.actions, activity_rows=5)
        started = time.perf_counter()
        build(root / "raw", root / "s.duckdb", imports=root / "imported")
        print(f"built a synthetic university in {time.perf_counter() - started:.1f} s")
        n = _record(args.lang)
        print(f"recorded a status for each of {n} actions; one reporting round (2025) opened")
        return _measure(args.runs, args.lang, root)


def _record(lang: str) -> int:
    import access
    from analytics.db import query

    keys = query("template_actions", scope="U001")["action_key"].tolist()
    office = access.User("Office", "office@u001.edu.az", "university_editor", "U001")
    rng = random.Random(7)
    states = ["done", "in_progress", "not_started", "at_risk", "done", "in_progress"]
    rows = [{"action_key": k, "status": rng.choice(states), "as_of": f"2025-{rng.randint(1, 12):02d}-15",
             "comment": "Hesabat verildi; növbəti mərhələ planlaşdırılır.",
             "evidence_url": f"https://u001.edu.az/hesabat/{i}"} for i, k in enumerate(keys)]
    access.record_status(office, rows)
    access.open_round(office, "U001", "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 31))
    return len(keys)


def _measure(runs: int, lang: str, root: Path) -> int:
    from analytics import db
    from analytics.filters import Filters
    from reports.annual import pdf
    from reports.annual.report import build_report

    times = []
    data = b""
    total = 0
    for _ in range(runs):
        db.results.clear()  # a cold cache each run: every query runs again
        started = time.perf_counter()
        data, figures = build_report(Filters(uni="U001", lang=lang))
        times.append(time.perf_counter() - started)
        total = figures.total
    print(f"report (.docx) for {total} actions: median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {runs} runs ({len(data) / 1e3:.0f} kB)")
    if pdf.soffice() is None:
        print(pdf.NO_SOFFICE)
        return 0
    started = time.perf_counter()
    out = pdf.to_pdf(data)
    took = time.perf_counter() - started
    (root / "r.pdf").write_bytes(out)
    print(f"PDF (LibreOffice): {took:.1f} s ({len(out) / 1e3:.0f} kB); docx + PDF: "
          f"{statistics.median(times) + took:.1f} s (target 20 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
