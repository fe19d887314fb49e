"""Crash test: kill an import, a build and an undo with SIGKILL at many points and check that files and
databases still agree.

    python scripts/crash_test.py                 # every named step (test hook) + 30 random kill times
    python scripts/crash_test.py --random 0      # named steps only (what CI runs, via tests/test_crash.py)
    python scripts/crash_test.py --jobs 1        # one kill at a time (default: as many side by side as cores)

Only the killed operation runs as a process of its own; the checks after it run `python -m loaders`'s own
entry point inside long-lived worker processes (one per job), which saves starting Python about 60 times.
After each kill it checks: the published database is the state before or the state after (checksum of
`SELECT * FROM v_actions ORDER BY ALL`); after `python -m loaders recover`, the import log agrees with
it, data/imported holds exactly the files of that state, no journal, partial copy or temporary build
file is left, and the next import and undo work. Prints one row per kill and exits non-zero on any
inconsistency.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IMPORT_POINTS = ["import-journal", "import-moved", "import-copied", "build-before-swap", "build-swapped",
                 "import-built", "import-logged"]
UNDO_POINTS = ["undo-journal", "undo-moved", "build-before-swap", "build-swapped", "undo-built", "undo-logged"]
BUILD_POINTS = ["build-before-swap", "build-swapped"]


def env_for(site: Path, crash_at: str | None = None) -> dict[str, str]:
    env = {**os.environ, "STRATEGY_DB": str(site / "s.duckdb"), "STRATEGY_IMPORTS": str(site / "imported"),
           "STRATEGY_USER_DB": str(site / "user.duckdb")}
    env.pop("STRATEGY_CRASH_AT", None)
    if crash_at:
        env["STRATEGY_CRASH_AT"] = crash_at
    return env


def cli(site: Path, *args: str, crash_at: str | None = None, kill_after: float | None = None) -> int:
    """Run `python -m loaders ...`; kill it with SIGKILL after `kill_after` seconds if still running."""
    proc = subprocess.Popen([sys.executable, "-m", "loaders", *args], cwd=ROOT, env=env_for(site, crash_at),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    _out, err = proc.communicate(timeout=300)
    if proc.returncode not in (0, -signal.SIGKILL):
        raise RuntimeError(f"loaders {' '.join(args)} failed: {err.decode()[-400:]}")
    return proc.returncode


def here(site: Path, *args: str) -> None:
    """Run `python -m loaders ...` in this process (a check after a kill: only the kill needs a process of
    its own); the paths come from the environment, as for the command."""
    from plandb.__main__ import main as loaders_main

    os.environ.update(env_for(site))
    os.environ.pop("STRATEGY_CRASH_AT", None)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        code = loaders_main(list(args))
    if code != 0:
        raise RuntimeError(f"loaders {' '.join(args)} failed: {err.getvalue()[-400:]}")


def checksum(site: Path) -> str:
    import duckdb

    con = duckdb.connect(str(site / "s.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT * FROM v_actions ORDER BY ALL").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def active_imports(site: Path) -> int:
    import duckdb

    path = site / "user.duckdb"
    if not path.exists():
        return 0
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "import_log" not in tables:
            return 0
        return con.execute("SELECT count(*) FROM import_log WHERE undone_at IS NULL").fetchone()[0]
    finally:
        con.close()


def leftovers(site: Path) -> list[str]:
    """Files no consistent state has: the journal, partial copies, temporary build files."""
    bad = [p.name for p in site.glob(".s.duckdb.building-*")]
    bad += [p.name for p in site.glob(".import-journal*")]
    bad += [p.name for p in (site / "imported").glob(".*")] if (site / "imported").exists() else []
    return bad


def imported(site: Path) -> int:
    folder = site / "imported"
    return len([p for p in folder.iterdir() if not p.name.startswith(".")]) if folder.exists() else 0


def check(site: Path, before: str, after: str) -> tuple[str, list[str]]:
    """Which state the site is in ('before'/'after') and what disagrees, after recovery."""
    problems = []
    state = {before: "before", after: "after"}.get(checksum(site))
    if state is None:
        problems.append("published database is neither the state before nor after")
    here(site, "recover")
    now = {before: "before", after: "after"}.get(checksum(site))
    if now is None:
        problems.append("after recovery the database is neither state")
    expected_imports = 1 if now == "after" else 0
    if active_imports(site) != expected_imports:
        problems.append(f"import log has {active_imports(site)} active import(s), state is {now}")
    if imported(site) != expected_imports:
        problems.append(f"data/imported holds {imported(site)} file(s), state is {now}")
    here(site, "build")  # a later build removes what dead processes left and must not change the state
    if {before: "before", after: "after"}.get(checksum(site)) != now:
        problems.append("a plain build after recovery changed the published state")
    left = leftovers(site)
    if left:
        problems.append(f"left behind: {left}")
    return now or "?", problems


def next_ops_work(site: Path, upload: Path, before: str, after: str, state: str) -> list[str]:
    problems = []
    if state == "before":
        here(site, "import", str(upload), "--by", "crash-test")
        if checksum(site) != after:
            problems.append("the next import did not reach the state after")
    here(site, "undo", "--by", "crash-test")
    if checksum(site) != before or active_imports(site) != 0 or imported(site) != 0:
        problems.append("the next undo did not bring back the state before")
    return problems


def one(work: Path, upload: Path, before: str, after: str, n: int, op: str, point: str, crash_at: str | None,
        kill_after: float | None) -> tuple:
    """One kill on a site of its own, then the checks; runs in a worker process of the pool."""
    site = work / f"site-{n}"
    shutil.copytree(work / ("applied" if op == "undo" else "base"), site)
    if op == "import":
        code = cli(site, "import", str(upload), "--by", "crash-test", crash_at=crash_at, kill_after=kill_after)
    elif op == "undo":
        code = cli(site, "undo", "--by", "crash-test", crash_at=crash_at, kill_after=kill_after)
    else:
        code = cli(site, "build", crash_at=crash_at, kill_after=kill_after)
    killed = "killed" if code == -signal.SIGKILL else "finished"
    state, problems = check(site, before, after)
    problems += next_ops_work(site, upload, before, after, state)
    shutil.rmtree(site, ignore_errors=True)
    return op, point, killed, state, problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--random", type=int, default=30, help="kills at random times (import, build, undo in turn)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-hooks", action="store_true", help="skip the kills at named steps")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="kills run side by side (default: cores)")
    args = ap.parse_args()
    from tests.open_world_files import write_gdu_workbook

    rnd = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="crash-"))
    base = work / "base"
    base.mkdir()
    upload = write_gdu_workbook(work / "gdu_plans.xlsx")
    cli(base, "build")
    before = checksum(base)
    applied = work / "applied"
    shutil.copytree(base, applied)
    started = time.time()
    cli(applied, "import", str(upload), "--by", "crash-test")
    import_seconds = time.time() - started
    after = checksum(applied)
    started = time.time()
    cli(base, "build")
    build_seconds = time.time() - started
    assert before != after

    plan: list[tuple[str, str, str | None, float | None]] = []
    if not args.no_hooks:
        plan += [("import", point, point, None) for point in IMPORT_POINTS]
        plan += [("undo", point, point, None) for point in UNDO_POINTS]
        plan += [("build", point, point, None) for point in BUILD_POINTS]
    ops = ["import", "undo", "build"]
    for i in range(args.random):
        op = ops[i % 3]
        span = {"import": import_seconds, "undo": import_seconds, "build": build_seconds}[op]
        delay = rnd.uniform(0.05, span)
        plan.append((op, f"after {delay:.2f} s", None, delay))
    # every kill has a site of its own: run them side by side, in worker processes that stay up
    with ProcessPoolExecutor(max(1, args.jobs), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(one, work, upload, before, after, n, *kill) for n, kill in enumerate(plan)]
        runs = [f.result() for f in futures]

    print(f"state before {before}, after {after}; import {import_seconds:.1f} s, build {build_seconds:.1f} s")
    print(f"{'operation':<9} {'kill point':<18} {'process':<9} {'state':<7} result")
    bad = 0
    for op, point, killed, state, problems in runs:
        print(f"{op:<9} {point:<18} {killed:<9} {state:<7} {'consistent' if not problems else '; '.join(problems)}")
        bad += bool(problems)
    print(f"{len(runs)} kills, {bad} inconsistent")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
