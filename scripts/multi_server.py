"""Several app servers, one shared state in PostgreSQL: is a status recorded on one server seen on the others?

Starts a temporary PostgreSQL (tests/pg_server.py), builds the plan database once and gives every app
server its own read-only copy, starts N `streamlit run app.py` servers on loopback ports with
STRATEGY_STATE_URL set, then:
  1. records a status through the user_store API in this process (standing in for server A) and
     reloads the progress page of every other server in headless Chromium until it shows it;
  2. runs 20 writer processes at once (each standing in for one of the servers) and counts the rows;
     one more writer is killed (SIGKILL) in the middle of its transaction, and one app server is
     killed while the writers run; then every surviving server's page must show the final count.
Prints timings; exits non-zero if anything was lost or not seen.

Usage: python scripts/multi_server.py [--servers 3] [--writers 20] [--transactions 25]
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import user_store  # noqa: E402
from loaders.build import RAW_DIR, build  # noqa: E402
from tests.pg_server import PgServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FORK = mp.get_context("fork")
METRIC = '[data-testid="stMetricValue"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(workdir: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """One `streamlit run app.py` on a free loopback port, its output in workdir/streamlit.log."""
    port = free_port()
    log = open(workdir / "streamlit.log", "wb")  # noqa: SIM115  # closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return
        except OSError:
            if time.time() > deadline:
                raise RuntimeError(f"{url} did not start") from None
            time.sleep(0.3)


def recorded_on_page(page, url: str) -> int | None:
    """Load the progress page afresh (a new session, as another user would) and read the number of
    actions with a recorded status from its first metric ("12 / 183"); None when nothing is recorded."""
    page.goto(f"{url}/progress")
    page.wait_for_selector(METRIC, timeout=60000)
    page.wait_for_timeout(150)
    errors = page.query_selector_all('[data-testid="stException"]')
    if errors:
        raise AssertionError(f"{url}/progress shows an exception: {errors[0].inner_text()[:300]}")
    text = page.query_selector_all(METRIC)[0].inner_text()
    m = re.match(r"\s*([\d\s.,\u00a0\u202f]+?)\s*/", text)
    return int(re.sub(r"\D", "", m.group(1))) if m else None


def wait_until_shown(page, url: str, expected: int, since: float, timeout: float = 60) -> tuple[int, float, float]:
    """Reload until the page shows `expected` recorded actions: (page loads needed, seconds after
    `since` the last load started, seconds that load took)."""
    loads = 0
    while True:
        loads += 1
        started = time.perf_counter()
        if recorded_on_page(page, url) == expected:
            return loads, started - since, time.perf_counter() - started
        if time.perf_counter() - since > timeout:
            raise AssertionError(f"{url} did not show {expected} recorded actions within {timeout} s")
        time.sleep(0.2)


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
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="strategy-multi-"))
    apps: list[tuple[subprocess.Popen, str]] = []
    failures = []
    t0 = time.perf_counter()
    with PgServer(fast=False) as pg:
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
        try:
            t = time.perf_counter()
            for i in range(args.servers):
                d = work / f"server{i}"
                (d / "imported").mkdir(parents=True)
                shutil.copy(built, d / "strategy.duckdb")  # each server's own read-only copy
                apps.append(start_app(d, {"STRATEGY_STATE_URL": url, "STRATEGY_DB": str(d / "strategy.duckdb"),
                                          "STRATEGY_IMPORTS": str(d / "imported"),
                                          "STRATEGY_USER_DB": str(d / "unused-user.duckdb")}))
            for _proc, app in apps:
                wait_healthy(app)
            print(f"{args.servers} app servers up in {time.perf_counter() - t:.1f} s: "
                  + ", ".join(a for _p, a in apps))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                pages = [browser.new_page(viewport={"width": 1400, "height": 1000}) for _ in apps]
                for page, (_proc, app) in zip(pages, apps, strict=True):
                    t = time.perf_counter()
                    shown = recorded_on_page(page, app)
                    print(f"  {app}/progress first load {time.perf_counter() - t:.1f} s, recorded: {shown}")

                # 1. one status, written on "server A", seen on the others
                t = time.perf_counter()
                user_store.record_status([{"action_key": keys[0], "status": "at_risk", "progress_pct": 30,
                                           "comment": "recorded on server A"}], "server A")
                written = time.perf_counter()
                print(f"1. status recorded on server A in {1000 * (written - t):.0f} ms")
                for page, (_proc, app) in list(zip(pages, apps, strict=True))[1:]:
                    loads, start, load = wait_until_shown(page, app, 1, written)
                    print(f"   {app} shows it on page load {loads} after the commit (load started "
                          f"{start:.2f} s after the commit, took {load:.2f} s)")

                # 2. writers at once, one killed mid-transaction, one app server killed meanwhile
                before = count_rows()
                ready = FORK.Event()
                doomed = FORK.Process(target=_killed_writer, args=(url, ready))
                doomed.start()
                jobs = [(url, w, keys[w::args.writers], args.transactions, args.servers) for w in range(args.writers)]
                t = time.perf_counter()
                with FORK.Pool(args.writers) as pool:
                    result = pool.map_async(_writer, jobs)
                    if not ready.wait(60):
                        raise RuntimeError("the writer to kill never began its transaction")
                    os.kill(doomed.pid, signal.SIGKILL)
                    victim, victim_url = apps[-1]
                    victim.kill()  # an app server dies while the others keep serving
                    done = sum(result.get(600))
                seconds = time.perf_counter() - t
                doomed.join(10)
                rows = count_rows() - before
                expected_rows = 2 * done
                partial = count_rows("WHERE action_key LIKE ?", ["killed:%"])
                print(f"2. {args.writers} writer processes: {done} transactions in {seconds:.2f} s "
                      f"({done / seconds:.0f}/s), {rows} rows written, {expected_rows} expected, "
                      f"lost {expected_rows - rows}")
                print(f"   writer killed mid-transaction: {partial} of its 500 rows visible (0 expected); "
                      f"app server {victim_url} killed (exit {victim.wait(10)})")
                if rows != expected_rows:
                    failures.append(f"lost {expected_rows - rows} rows")
                if partial:
                    failures.append(f"{partial} rows of the killed writer's transaction are visible")
                distinct = int(user_store.read("SELECT count(DISTINCT action_key) AS n FROM action_status "
                                               "WHERE action_key NOT LIKE ?", ["killed:%"]).n.iloc[0])
                written = time.perf_counter()
                for page, (_proc, app) in list(zip(pages, apps, strict=True))[:-1]:
                    try:
                        loads, start, load = wait_until_shown(page, app, distinct, written)
                        print(f"   {app} shows all {distinct} recorded actions on page load {loads} (started "
                              f"{start:.2f} s after the last commit, took {load:.2f} s)")
                    except AssertionError as exc:
                        failures.append(str(exc))
                t = time.perf_counter()
                for _ in range(1000):
                    user_store.version()
                print(f"user_store.version() on PostgreSQL: {(time.perf_counter() - t):.3f} ms per call "
                      f"(1000 calls)")
                browser.close()
        except BaseException:
            for i, (_proc, app) in enumerate(apps):
                log = (work / f"server{i}" / "streamlit.log").read_text(errors="replace")[-1500:]
                print(f"--- {app} log ---\n{log}", file=sys.stderr)
            raise
        finally:
            for proc, _app in apps:
                if proc.poll() is None:
                    proc.terminate()
            for proc, _app in apps:
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
            shutil.rmtree(work, ignore_errors=True)
    print(f"total {time.perf_counter() - t0:.1f} s: " + ("OK, nothing lost" if not failures else "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
