"""Memory: the dashboard server over many page loads, and the database build at N universities.

Usage:
  python scripts/memory_benchmark.py server [--root /work/before] [--scale 500] [--loads 1000] [--sessions 5]
                                            [--after 60 180] [--server-args "..."]
  python scripts/memory_benchmark.py build [--root /work/before] [--scales 500 2000 5000]

server: RSS of the server process and its children (/proc VmRSS, MB) right after it answers /_stcore/health, after
every page once (default filters), every 100 loads during --loads varied page loads (pages × filter query
strings from the database, each load a new session; the client of scripts/capacity.py with --sessions at a
time), then --after seconds after the last session closed (disconnected sessions are kept for
server.disconnectedSessionTTL, 120 s by default, so 180 s shows what that expiry releases).

build: for each N, the synthetic documents are written first (untimed), then a fresh process runs
`python -m loaders build --raw RAW --db FILE` (cwd --root) under /usr/bin/time: wall time and peak RSS
(ru_maxrss); the database is written under --workdir and deleted afterwards.
Both print Markdown tables with os.getloadavg() beside every row.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.capacity import (
    PROJECT,
    WORKDIR,
    database,
    filter_queries,
    load,
    loadavg,
    page_urls,
    plan,
    raw_dir,
    rss_mb,
    run_sessions,
    serve,
    site_env,
    table,
)


def server_memory(args: argparse.Namespace) -> str:
    root = args.root.resolve()
    db = database(root, args.scale, args.workdir)
    pages = page_urls(root)
    pairs = plan(pages, filter_queries(db, variety=100))
    rows: list[list[str]] = []
    errors = 0

    def note(what: str, loads: int, pid: int) -> None:
        rows.append([what, str(loads), f"{rss_mb(pid):.0f}", loadavg()])
        print("| " + " | ".join(rows[-1]) + " |", file=sys.stderr, flush=True)

    with serve(root, db, args.workdir, shlex.split(args.server_args)) as srv:
        note("server started", 0, srv.pid)

        async def every_page() -> int:
            return sum([(await load(srv.port, page, "")).error is not None for page in pages])

        errors += asyncio.run(every_page())
        note("after every page once", len(pages), srv.pid)
        done, t0 = 0, time.monotonic()
        while done < args.loads:
            n = min(100, args.loads - done)
            start = done // args.sessions  # each session continues its own stretch of the plan
            chunk = await_chunk(srv.port, args.sessions, [*pairs[start:], *pairs[:start]], n)
            errors += sum(r.error is not None for r in chunk)
            done += len(chunk)
            note(f"after {done} varied loads ({time.monotonic() - t0:.0f} s)", len(pages) + done, srv.pid)
        closed = time.monotonic()
        for wait in args.after:
            time.sleep(max(0.0, closed + wait - time.monotonic()))
            note(f"{wait:.0f} s after the last session closed", len(pages) + done, srv.pid)
    head = (f"root {root}; scale {args.scale}; {args.sessions} sessions at a time; {len(pairs)} distinct "
            f"(page, filter) pairs; errors {errors}; server args {args.server_args or '-'}\n")
    return head + "\n" + table(["when", "page loads", "server RSS MB", "load avg 1/5/15"], rows)


def await_chunk(port: int, sessions: int, pairs: list[tuple[str, str]], n: int) -> list:
    return asyncio.run(run_sessions([port], sessions, 10**6, pairs, count=n))[:n]


def build_memory(args: argparse.Namespace) -> str:
    root = args.root.resolve()
    rows = []
    for scale in args.scales:
        raw = raw_dir(root, scale, args.workdir)
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            db, out = Path(tmp) / "build.duckdb", Path(tmp) / "time.txt"
            before = loadavg()
            subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(out), sys.executable, "-m", "loaders", "build",
                            "--raw", str(raw), "--db", str(db)], cwd=root, env=site_env(Path(tmp) / "site", db),
                           check=True, capture_output=True)
            seconds, peak_kb = out.read_text().split()[-2:]
            import duckdb

            con = duckdb.connect(str(db), read_only=True)
            actions = con.execute("SELECT count(*) FROM actions").fetchone()[0]
            con.close()
            raw_mb = sum(f.stat().st_size for f in raw.iterdir()) / 2**20
            s, peak = float(seconds), int(peak_kb) / 1024
            rows.append([scale, str(actions), f"{s:.1f}", f"{1e6 * s / actions:.0f}", f"{peak:.0f}",
                         f"{peak * 1024 / actions:.1f}", f"{raw_mb:.0f}", f"{db.stat().st_size / 2**20:.0f}",
                         f"{before} → {loadavg()}"])
            print("| " + " | ".join(rows[-1]) + " |", file=sys.stderr, flush=True)
    header = ["universities", "actions", "build s", "µs per action", "peak RSS MB", "kB per action", "raw MB",
              "database MB", "load avg 1/5/15 before → after"]
    return f"root {root}; `python -m loaders build` in a fresh process under /usr/bin/time\n\n" + table(header, rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("server", "build"):
        p = sub.add_parser(name)
        p.add_argument("--root", type=Path, default=PROJECT, help="project directory")
        p.add_argument("--workdir", type=Path, default=WORKDIR)
    s = sub.choices["server"]
    s.add_argument("--scale", default="500")
    s.add_argument("--loads", type=int, default=1000)
    s.add_argument("--sessions", type=int, default=5)
    s.add_argument("--after", type=float, nargs="+", default=[60, 180])
    s.add_argument("--server-args", default="")
    sub.choices["build"].add_argument("--scales", nargs="+", default=["500", "2000", "5000"])
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(server_memory(args) if args.command == "server" else build_memory(args))
    print(f"\n{os.cpu_count()} CPUs; load avg now {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
