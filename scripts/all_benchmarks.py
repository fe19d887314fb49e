"""Every benchmark table of docs/benchmark.md with one command (not a test; machines here are shared: read the
load averages printed beside every table).

Usage:
  python scripts/all_benchmarks.py [--root .] [--out artifacts/bench] [--quick] [--only browser capacity ...]

Runs, one after the other (never two at once: they would measure each other), each with --root's code:
  server    scripts/benchmark.py          server-side page script times through AppTest (cached reruns and one
                                          cold filter change), build, slowest query, naive pandas vs cached
  browser   scripts/browser_benchmark.py  what a person feels in headless Chromium, seed vs 500 side by side;
            scripts/first_visit.py        a first visit through the nginx front, compressed or not, on loopback
                                          and on an emulated 20 Mbit/s line
  capacity  scripts/capacity.py           page loads per second, median and p95, CPU: 1 server, then 2 servers
                                          behind the nginx front (sticky sessions), seed and 500; then 20
                                          users offering 8 loads/s in all (--rate 8) at 500
  memory    scripts/memory_benchmark.py   server RSS over 1,000 varied page loads at 500 and after the sessions
                                          close; build peak memory and time at 500, 2,000 and 5,000
  profile   scripts/capacity.py --profile where the server's time goes on the slowest pages (py-spy)
  plansync  scripts/plan_sync_benchmark.py  fetch vs rebuild of a published plan (needs PostgreSQL binaries)
  ocr       scripts/bench_ocr.py          seconds per page of reading a scanned plan by OCR (needs tesseract)
Each table goes to OUT/<name>.md as it is done, and all of them into OUT/report.md. --quick takes fewer runs
(about 37 minutes instead of about 92 on the 2-core development machine).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent


def steps(quick: bool) -> dict[str, list[list[str]]]:
    runs = "3" if quick else "5"
    seconds = "30" if quick else "60"
    sessions = ["1", "5", "20"] if quick else ["1", "5", "20", "40"]
    return {
        "server": [["benchmark.py", "--scales", "seed", "500", "--runs", runs]],
        "browser": [["browser_benchmark.py", "--scales", "seed", "500", "--runs", "2" if quick else "5",
                     "--first-runs", "2" if quick else "5", "--page-budget", "300"],
                    ["first_visit.py", "--scale", "seed", "--runs", "2" if quick else "3"]],
        "capacity": [["capacity.py", "--scales", "seed", "500", "--sessions", *sessions, "--seconds", seconds],
                     ["capacity.py", "--scales", "seed", "500", "--servers", "2", "--sessions", *sessions,
                      "--seconds", seconds],
                     ["capacity.py", "--scales", "500", "--servers", "2", "--sessions", "20", "--rate", "8",
                      "--seconds", seconds]],
        "memory": [["memory_benchmark.py", "server", "--scale", "500", "--loads", "1000", "--after", "60", "180",
                    "240"],
                   ["memory_benchmark.py", "build", "--scales", "500", "2000", "5000"]],
        "profile": [["capacity.py", "--scales", "500", "--profile", "overview", "workload", "progress",
                     "--seconds", "20" if quick else "30"]],
        "plansync": [["plan_sync_benchmark.py", "--scales", "seed", "500", "--runs", "3"]],
        "ocr": [["bench_ocr.py", "--runs", "2" if quick else "5"]],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=PROJECT, help="the project tree whose code is measured")
    ap.add_argument("--out", type=Path, default=PROJECT / "artifacts" / "bench")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="+", choices=list(steps(False)))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    plan = steps(args.quick)
    names = args.only or list(plan)
    report, failed = [], []
    for name in names:
        if name == "profile" and not shutil.which("py-spy"):
            report.append(f"## {name}\n\nskipped: py-spy is not installed (pip install py-spy)\n")
            continue
        parts = []
        for command in plan[name]:
            # the root's own copy of a script when it has one (an older tree measured as it was), else ours
            script = args.root / "scripts" / command[0] if name == "server" else SCRIPTS / command[0]
            argv = [sys.executable, str(script), *command[1:]]
            if name not in ("server", "plansync", "ocr"):
                argv += ["--root", str(args.root)]
            t = time.monotonic()
            print(f"[{name}] {' '.join(argv[1:])}", file=sys.stderr, flush=True)
            done = subprocess.run(argv, cwd=args.root if name == "server" else PROJECT, capture_output=True,
                                  text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
            text = done.stdout.strip() or "(no output)"
            if done.returncode:
                failed.append(name)
                text += f"\n\nexit {done.returncode}:\n" + done.stderr[-1500:]
            parts.append(f"`{' '.join(command)}` ({time.monotonic() - t:.0f} s)\n\n{text}\n")
        section = f"## {name}\n\n" + "\n".join(parts)
        (args.out / f"{name}.md").write_text(section, encoding="utf-8")
        report.append(section)
    header = (f"# Benchmarks of {args.root.resolve()}\n\n{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
              f"{'quick' if args.quick else 'full'} runs\n\n")
    (args.out / "report.md").write_text(header + "\n".join(report), encoding="utf-8")
    print(header + "\n".join(report))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
