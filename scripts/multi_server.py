"""Several app servers, one shared state in PostgreSQL, one published plan: what one server writes, all show.

Starts a temporary PostgreSQL (tests/pg_server.py), builds the plan database once and gives every app
server its own read-only copy and documents folder (as on separate hosts), starts N `streamlit run app.py`
servers on loopback ports with STRATEGY_STATE_URL set and, when nginx is installed, an nginx front with
sticky sessions (scripts/front.py), then:
  0. opens the dashboard through the front in --browsers new browsers, each loaded 3 times: every browser
     must be answered by one server only (nginx names it in X-Upstream); prints sessions per server;
  1. records a status through the user_store API (standing in for server A) and reloads the progress page
     of every other server in headless Chromium until it shows it;
  2. imports a new plan with the command line on server A's host, then undoes it on server B's host: every
     server's page must show the new number of actions (each server fetches the published database file);
  3. runs 20 writer processes at once (each standing in for one of the servers) and counts the rows; one
     more writer is killed (SIGKILL) in the middle of its transaction; the last host starts an import and is
     killed while publishing it, and its app server is killed too; then every surviving server's page must
     show the final count, the published plan must be unchanged, and the dead host, restarted, rolls its
     import back, fetches the published plan and serves the same file as the others.
Prints timings; exits non-zero if anything was lost or not seen.

Usage: python scripts/multi_server.py [--servers 3] [--writers 20] [--transactions 25] [--browsers 8]
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import multiprocessing as mp
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plandb import plan_sync
from plandb.build import RAW_DIR, build
from scripts.front import COOKIE, front, nginx
from scripts.harness import Server, launch_browser, spawn_server
from state import user_store
from tests.pg_server import PgServer

ROOT = Path(__file__).resolve().parent.parent


FORK = mp.get_context("fork")
METRIC = '[data-testid="stMetricValue"]'


def start_app(workdir: Path, env: dict[str, str]) -> Server:
    """One app server (serve.py) on a free loopback port, its output in workdir/streamlit.log; not waited for."""
    return spawn_server(env, log=workdir / "streamlit.log")


def progress_metric(page, url: str) -> tuple[int | None, int]:
    """Load the progress page afresh (a new session, as another user would) and read its first metric
    ("12 / 183"): (actions with a recorded status or None when nothing is recorded, actions in view)."""
    page.goto(f"{url}/progress")
    page.wait_for_selector(METRIC, timeout=60000)
    page.wait_for_timeout(150)
    errors = page.query_selector_all('[data-testid="stException"]')
    if errors:
        raise AssertionError(f"{url}/progress shows an exception: {errors[0].inner_text()[:300]}")
    text = page.query_selector_all(METRIC)[0].inner_text()
    numbers = [int(re.sub(r"\D", "", n)) for n in re.findall(r"\d[\d\s.,\u00a0\u202f]*", text)]
    m = re.match(r"\s*([\d\s.,\u00a0\u202f]+?)\s*/", text)
    total = int(re.sub(r"\D", "", text.split("/")[-1])) if "/" in text else (numbers[-1] if numbers else 0)
    return (int(re.sub(r"\D", "", m.group(1))) if m else None), total


def recorded_on_page(page, url: str) -> int | None:
    return progress_metric(page, url)[0]


def wait_until_shown(page, url: str, expected: int, since: float, timeout: float = 60,
                     which: int = 0) -> tuple[int, float, float]:
    """Reload until the page's metric part `which` (0 recorded, 1 actions in view) is `expected`: (page loads
    needed, seconds after `since` the last load started, seconds that load took)."""
    loads = 0
    while True:
        loads += 1
        started = time.perf_counter()
        if progress_metric(page, url)[which] == expected:
            return loads, started - since, time.perf_counter() - started
        if time.perf_counter() - since > timeout:
            raise AssertionError(f"{url} did not show {expected} within {timeout} s")
        time.sleep(0.2)


def cli(server_dir: Path, url: str, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess:
    """`python -m loaders ARGS` on one server's host: its own database file and documents folder."""
    env = {**os.environ, "STRATEGY_STATE_URL": url, "STRATEGY_DB": str(server_dir / "strategy.duckdb"),
           "STRATEGY_IMPORTS": str(server_dir / "imported")}
    if crash_at:
        env["STRATEGY_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def affinity(browser, front_url: str, contexts: int, reloads: int) -> dict[str, int]:
    """Open the dashboard through the front in `contexts` new browsers, each reloaded `reloads` times; every
    response names the server that answered (X-Upstream). Returns sessions per server; raises if one browser
    was ever answered by two servers."""
    per_server: dict[str, int] = {}
    for i in range(contexts):
        ctx = browser.new_context(viewport={"width": 1200, "height": 900})
        page = ctx.new_page()
        seen: set[str] = set()
        page.on("response", lambda r, seen=seen: seen.add(r.headers.get("x-upstream", "?")))
        for _ in range(reloads):
            page.goto(front_url)
            page.wait_for_selector(METRIC, timeout=60000)
        seen.discard("?")
        if len(seen) != 1:
            raise AssertionError(f"browser {i} was answered by {sorted(seen)}: no affinity")
        server = seen.pop()
        per_server[server] = per_server.get(server, 0) + 1
        ctx.close()
    return per_server


def _writer(args: tuple[str, int, list[str], int, int]) -> int:
    """One writer (standing in for app server `server`): n transactions of two status rows each."""
    url, worker, keys, n, servers = args
    os.environ["STRATEGY_STATE_URL"] = url
    for i in range(n):
        key = keys[i % len(keys)]
        user_store.record_status([{"action_key": key, "status": "in_progress", "progress_pct": 10 + i % 80,
                                   "comment": f"writer {worker} on server {worker % servers}, #{i}"},
                                  {"action_key": key, "status": "in_progress", "progress_pct": 20 + i % 80,
                                   "as_of": "2030-01-01"}], f"writer {worker}")
    return n


def _killed_writer(url: str, ready) -> None:
    os.environ["STRATEGY_STATE_URL"] = url
    rows = user_store.status_rows([{"action_key": f"killed:{i}", "status": "done"} for i in range(500)], "killed")
    with user_store.writer() as con:
        con.executemany(user_store.INSERT_STATUS, rows)
        ready.set()
        time.sleep(600)


def count_rows(where: str = "", params: list | None = None) -> int:
    return int(user_store.read(f"SELECT count(*) AS n FROM action_status {where}", params).n.iloc[0])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--servers", type=int, default=3)
    ap.add_argument("--writers", type=int, default=20)
    ap.add_argument("--transactions", type=int, default=25, help="per writer")
    ap.add_argument("--browsers", type=int, default=8, help="browsers opened through the front (affinity check)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="strategy-multi-"))
    apps: list[Server] = []
    dirs = [work / f"server{i}" for i in range(args.servers)]
    failures = []
    t0 = time.perf_counter()
    with PgServer(fast=False) as pg, contextlib.ExitStack() as stack:
        url = pg.create_database("strategy_state")
        os.environ["STRATEGY_STATE_URL"] = url
        print(f"PostgreSQL {pg.url('strategy_state')} started in {time.perf_counter() - t0:.1f} s")
        t = time.perf_counter()
        built = work / "strategy.duckdb"
        build(RAW_DIR, built, imports=False)
        import duckdb

        con = duckdb.connect(str(built), read_only=True)
        keys = [r[0] for r in con.execute("SELECT action_key FROM actions ORDER BY action_key").fetchall()]
        con.close()
        print(f"plan database built once in {time.perf_counter() - t:.1f} s ({len(keys)} actions)")
        plan_file = new_plan(work, built)
        try:
            t = time.perf_counter()
            for d in dirs:
                (d / "imported").mkdir(parents=True)
                shutil.copy(built, d / "strategy.duckdb")  # each server's own read-only copy
                apps.append(start_app(d, {"STRATEGY_STATE_URL": url, "STRATEGY_DB": str(d / "strategy.duckdb"),
                                          "STRATEGY_IMPORTS": str(d / "imported"), "STRATEGY_PLAN_POLL": "1",
                                          "STRATEGY_USER_DB": str(d / "unused-user.duckdb")}))
            for app in apps:
                app.wait_healthy(90)
            print(f"{args.servers} app servers up in {time.perf_counter() - t:.1f} s: "
                  + ", ".join(a.url for a in apps))
            fr = None
            if nginx():
                fr = stack.enter_context(front([a.port for a in apps], work,
                                               show_upstream=True))
                print(f"nginx front {fr.url} (affinity by the {COOKIE} cookie)")
            else:
                print("no nginx here (apt-get install nginx-light): affinity not checked")
            with sync_playwright() as p:
                browser = launch_browser(p)
                pages = [browser.new_page(viewport={"width": 1400, "height": 1000}) for _ in apps]
                for page, app in zip(pages, [a.url for a in apps], strict=True):
                    t = time.perf_counter()
                    shown = progress_metric(page, app)
                    print(f"  {app}/progress first load {time.perf_counter() - t:.1f} s, recorded/in view: {shown}")

                if fr is not None:  # 0. sticky sessions through the front
                    t = time.perf_counter()
                    spread = affinity(browser, fr.url, args.browsers, 3)
                    print(f"0. {args.browsers} browsers through nginx, each loaded 3 times: every browser kept to one "
                          f"server; sessions per server {sorted(spread.values(), reverse=True)} "
                          f"({time.perf_counter() - t:.1f} s)")

                # 1. one status, written on "server A", seen on the others
                t = time.perf_counter()
                user_store.record_status([{"action_key": keys[0], "status": "at_risk", "progress_pct": 30,
                                           "comment": "recorded on server A"}], "server A")
                written = time.perf_counter()
                print(f"1. status recorded on server A in {1000 * (written - t):.0f} ms")
                for page, app in list(zip(pages, [a.url for a in apps], strict=True))[1:]:
                    loads, start, load = wait_until_shown(page, app, 1, written)
                    print(f"   {app} shows it on page load {loads} after the commit (load started "
                          f"{start:.2f} s after the commit, took {load:.2f} s)")

                # 2. an import on server A reaches every server; an undo on server B too
                total = len(keys)
                for step, (i, command, expected) in enumerate(
                        [(0, ["import", str(plan_file), "--by", "server A"], total + 2),
                         (1 % args.servers, ["undo", "--by", "server B"], total)]):
                    t = time.perf_counter()
                    done = cli(dirs[i], url, *command)
                    if done.returncode:
                        raise RuntimeError(f"{command[0]} on server {i}: {done.stderr[-800:]}")
                    committed = time.perf_counter()
                    version = plan_sync.newest_version()
                    print(f"2{'ab'[step]}. {command[0]} on {apps[i].url} (command line on that host): "
                          f"{committed - t:.1f} s, published plan version {version}")
                    for d, app in zip(dirs, [a.url for a in apps], strict=True):  # when each server swapped the file in
                        while plan_sync.local_version(d / "strategy.duckdb") < version:
                            if time.perf_counter() - committed > 60:
                                raise AssertionError(f"{app} did not fetch plan version {version} within 60 s")
                            time.sleep(0.02)
                        print(f"    {app} switched to version {version} {time.perf_counter() - committed:.2f} s "
                              f"after the command returned")
                    for page, app in zip(pages, [a.url for a in apps], strict=True):
                        loads, start, load = wait_until_shown(page, app, expected, committed, which=1)
                        print(f"    {app} shows {expected} actions {start + load:.2f} s after it returned "
                              f"(page load {loads}, {load:.2f} s)")

                # 3. writers at once, one killed mid-transaction, one host killed mid-import
                before = count_rows()
                published_before = plan_sync.newest_version()
                ready = FORK.Event()
                doomed = FORK.Process(target=_killed_writer, args=(url, ready))
                doomed.start()
                jobs = [(url, w, keys[w::args.writers], args.transactions, args.servers) for w in range(args.writers)]
                victim, victim_url = apps[-1].proc, apps[-1].url
                t = time.perf_counter()
                with FORK.Pool(args.writers) as pool:
                    result = pool.map_async(_writer, jobs)
                    if not ready.wait(60):
                        raise RuntimeError("the writer to kill never began its transaction")
                    os.kill(doomed.pid, signal.SIGKILL)
                    # the last host imports, and dies while publishing (its transaction open); its app too
                    crashed = cli(dirs[-1], url, "import", str(plan_file), "--by", "server C", crash_at="publishing")
                    victim.kill()
                    done = sum(result.get(600))
                seconds = time.perf_counter() - t
                doomed.join(10)
                rows = count_rows() - before
                expected_rows = 2 * done
                partial = count_rows("WHERE action_key LIKE ?", ["killed:%"])
                print(f"3. {args.writers} writer processes: {done} transactions in {seconds:.2f} s "
                      f"({done / seconds:.0f}/s), {rows} rows written, {expected_rows} expected, "
                      f"lost {expected_rows - rows}")
                print(f"   writer killed mid-transaction: {partial} of its 500 rows visible (0 expected)")
                print(f"   import on {victim_url}'s host killed while publishing (exit {crashed.returncode}): "
                      f"published version {plan_sync.newest_version()} (was {published_before}); "
                      f"app server killed (exit {victim.wait(10)})")
                if rows != expected_rows:
                    failures.append(f"lost {expected_rows - rows} rows")
                if partial:
                    failures.append(f"{partial} rows of the killed writer's transaction are visible")
                if crashed.returncode != -9 or plan_sync.newest_version() != published_before:
                    failures.append("the killed import changed the published plan")
                distinct = int(user_store.read("SELECT count(DISTINCT action_key) AS n FROM action_status "
                                               "WHERE action_key NOT LIKE ?", ["killed:%"]).n.iloc[0])
                written = time.perf_counter()
                for page, app in list(zip(pages, [a.url for a in apps], strict=True))[:-1]:
                    try:
                        loads, start, load = wait_until_shown(page, app, distinct, written)
                        print(f"   {app} shows all {distinct} recorded actions on page load {loads} (started "
                              f"{start:.2f} s after the last commit, took {load:.2f} s)")
                    except AssertionError as exc:
                        failures.append(str(exc))
                # the dead host restarts: its interrupted import is rolled back, it catches up with the others
                t = time.perf_counter()
                apps[-1] = start_app(dirs[-1], {"STRATEGY_STATE_URL": url,
                                                "STRATEGY_DB": str(dirs[-1] / "strategy.duckdb"),
                                                "STRATEGY_IMPORTS": str(dirs[-1] / "imported"),
                                                "STRATEGY_USER_DB": str(dirs[-1] / "unused-user.duckdb")})
                apps[-1].wait_healthy(90)
                loads, start, load = wait_until_shown(pages[-1], apps[-1].url, total, t, which=1)
                same = len({sha(d / "strategy.duckdb") for d in dirs}) == 1
                print(f"   {apps[-1].url} restarted: serves {total} actions {time.perf_counter() - t:.1f} s after its "
                      f"start; every server's database file identical: {same}")
                if not same:
                    failures.append("the servers' database files differ")
                t = time.perf_counter()
                for _ in range(1000):
                    user_store.version()
                print(f"user_store.version() on PostgreSQL: {(time.perf_counter() - t):.3f} ms per call "
                      f"(1000 calls)")
                browser.close()
        except BaseException:
            for app in apps:
                print(f"--- {app.url} log ---\n{app.log_tail(1500)}", file=sys.stderr)
            raise
        finally:
            for app in apps:
                app.stop()
    shutil.rmtree(work, ignore_errors=True)
    print(f"total {time.perf_counter() - t0:.1f} s: " + ("OK, nothing lost" if not failures else "; ".join(failures)))
    return 1 if failures else 0


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_plan(work: Path, built: Path) -> Path:
    """The test suite's 2026 activity plan of QKU (two actions) as a filled-in template workbook."""
    os.environ["STRATEGY_DB"] = str(built)
    from tests.test_imports import add_2026_plan, template

    return add_2026_plan(template(work), work / "plan2026.xlsx")


if __name__ == "__main__":
    sys.exit(main())
