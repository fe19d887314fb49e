"""Capacity of the dashboard server(s): page loads per second, median and p95 latency and server CPU, measured
with a client that speaks Streamlit's websocket protocol and renders nothing (loopback only, ≤ 60 s a run).

One page load is what opening a dashboard link does on the wire, minus the static files: open
ws://127.0.0.1:PORT/_stcore/stream (subprotocol "streamlit"), send BackMsg{rerun_script: ClientState{page_name:
the URL path ("" is the overview, the default page), query_string: the filters}}, read ForwardMsgs until
script_finished, close. Latency: connect → script_finished. An error is a timeout, page_not_found, a
script_finished status other than FINISHED_SUCCESSFULLY or an exception element in the run. Every load is a new
session: this app reads the filters from the URL on a session's first run only, and a rerun inside a session
needs the widget states a browser echoes back (without them the keyed filter widgets lose their values). Closed
sessions stay on the server for server.disconnectedSessionTTL (120 s), as behind real browsers.

Each session (virtual user) cycles through pages × filter query strings (universities, units, goals, years,
English; taken from the database) from its own offset, with no think time (or, with --rate R, starting a load
every sessions/R seconds: R loads per second offered in all, a person's pace; a user whose page is late goes on
at once, so the achieved rate shows a server that falls behind), until --seconds are up; loads still
running then are cancelled and not counted, and the server is left to drain before the next run. Every page is
loaded once with the default filters before the first run (a warm start). Sessions are spread over --ports round
robin and stay on their port (sticky). Server CPU %: CPU time of the server process tree(s) / wall time (200 % =
both cores of this machine); client CPU %: this process; machine CPU %: all cores busy, from /proc/stat (100 % =
both cores). No psutil needed: /proc is read directly (Linux only).

Usage (one documented command per case; Markdown table on stdout, os.getloadavg() beside every row):
  python scripts/capacity.py --root /work/before --scales seed 500 --sessions 1 5 20 40 --seconds 60
  python scripts/capacity.py --db /tmp/x.duckdb --sessions 20                  # a server started on that file
  python scripts/capacity.py --scales 500 --servers 2 --sessions 20 --rate 8     # 20 users offering 8 loads/s
  python scripts/capacity.py --ports 8501 8502 --db /tmp/x.duckdb --sessions 20   # servers already running
  --server-args "--runner.postScriptGC false" is passed to `streamlit run`; --workdir (default /tmp/issue14-bench)
  holds the databases built for --scales (synthetic N universities, built with --root's own loaders, cached).
  python scripts/capacity.py --scales 500 --profile mix --sessions 20 --seconds 25   # the capacity mix, profiled
  python scripts/capacity.py --root /work/before --scales 500 --profile overview progress --py-spy PATH
    instead of the capacity runs: py-spy records the server (--nonblocking, 100 Hz, idle threads left out) while
    one session loads only that page, --seconds long, first the same view again and again (cached queries), then
    with varied filters; each stack sample is put in the first matching class: post-script GC (the
    gc.collect line of Streamlit's script runner), serialisation (plotly.io.to_json, json, protobuf, pyarrow,
    Streamlit's arrow/forward-message marshalling, the websocket send), SQL (queries.run, duckdb, including
    the fetch into pandas), st.cache_data read/write (pickling), figure building (plotly), pandas/numpy, app
    Python and st.* calls (the rest under app.py, ui/, screens/), Streamlit runtime, event-loop wait (a thread in
    select() that py-spy did not count as idle), other. Shares are of all non-idle thread samples (several
    threads can be sampled at once). Also printed: the app functions (innermost frame in app.py, ui/, screens/,
    queries/) holding most samples. The raw stacks stay in --workdir (profile-*.txt).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.front import COOKIE, front
from scripts.harness import start_server

PROJECT = Path(__file__).resolve().parent.parent
WORKDIR = Path("/tmp/issue14-bench")
FALLBACK_PAGES = ["overview", "workload", "deadlines", "oversight", "progress", "rankings", "cbhe", "explorer",
                  "courses", "data", "units"]


# ---------------------------------------------------------------- the project: pages, databases, a server


def page_urls(root: Path) -> list[str]:
    """URL paths of the pages in root/app_pages.py (overview first; its path is "" as the default page)."""
    try:
        urls = re.findall(r'PageSpec\(\s*"[^"]+",\s*"[^"]+",\s*"([^"]+)"', (root / "app_pages.py").read_text())
    except OSError:
        urls = []
    return urls or FALLBACK_PAGES


def url_path(page: str) -> str:
    """The path a browser opens for a page: the overview is the app's default page, at "/"."""
    return "" if page == "overview" else page


def _code_key(root: Path) -> str:
    """Changes when the loaders or the reference data of root change (a database built by other code is stale)."""
    h = hashlib.sha256(str(root.resolve()).encode())
    for pattern in ("loaders/**/*.py", "loaders/**/*.sql", "data/reference/*"):
        for f in sorted(root.glob(pattern)):
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


def site_env(site: Path, db: Path) -> dict[str, str]:
    """Environment that keeps every file the app or a build writes under `site` (never under the project)."""
    site.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "STRATEGY_DB": str(db), "STRATEGY_USER_DB": str(site / "user.duckdb"),
            "STRATEGY_IMPORTS": str(site / "imported")}


def raw_dir(root: Path, scale: str, workdir: Path) -> Path:
    """Source documents for a scale: root's data/raw for "seed", else N synthetic universities (written once)."""
    if scale == "seed":
        return root / "data" / "raw"
    raw = workdir / _code_key(root) / f"raw{int(scale)}"
    if not raw.exists():
        tmp = raw.with_name(raw.name + ".tmp")
        subprocess.run([sys.executable, "-m", "loaders", "synth", "--institutions", scale, "--out", str(tmp)],
                       cwd=root, check=True, capture_output=True)
        tmp.rename(raw)
    return raw


def database(root: Path, scale: str, workdir: Path = WORKDIR) -> Path:
    """A database for a scale built by root's own code under workdir; reused while that code is unchanged."""
    db = workdir / _code_key(root) / f"{scale}.duckdb"
    if not db.exists():
        raw = raw_dir(root, scale, workdir)
        print(f"[build] {scale}: {raw} → {db}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--db", str(db)], cwd=root,
                       env=site_env(db.parent / f"site-{scale}", db), check=True, capture_output=True)
    return db


def copy_of(db: Path, workdir: Path, i: int) -> Path:
    """A copy of the database file for server i (each server its own read-only copy, as on its own host)."""
    copy = workdir / f"{db.stem}.server{i}.duckdb"
    if not copy.exists() or copy.stat().st_mtime_ns < db.stat().st_mtime_ns:
        tmp = copy.with_name(copy.name + ".tmp")
        shutil.copyfile(db, tmp)
        os.replace(tmp, copy)
    return copy


@dataclass
class Server:
    port: int
    pid: int
    started: float  # time.monotonic() when the health check first answered
    start_seconds: float  # from Popen to the first health answer


@contextlib.contextmanager
def serve(root: Path, db: Path, workdir: Path = WORKDIR, extra_args: Sequence[str] = ()) -> Iterator[Server]:
    """`streamlit run root/app.py` on a free loopback port with STRATEGY_DB=db; files it writes go under workdir."""
    workdir.mkdir(parents=True, exist_ok=True)
    site = Path(tempfile.mkdtemp(prefix="site-", dir=workdir))
    # the project's own launcher when it has one (serve.py: modules and the landing page warmed at start)
    with start_server(site_env(site, db), root=root, args=extra_args, log=site / "server.log") as server:
        now = time.monotonic()
        yield Server(server.port, server.pid, now, now - server.started)


# ---------------------------------------------------------------- /proc: CPU, memory, who listens on a port


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in task.read_text().split()]
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process, its live children and its reaped children."""
    total = 0.0
    for p in _tree(pid):
        with contextlib.suppress(OSError):
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in f[11:15]) if p == pid else int(f[11]) + int(f[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, MB."""
    total = 0
    for p in _tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    v = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(v) - v[3] - v[4], sum(v)


def listening_pids(port: int) -> list[int]:
    """Processes with a socket listening on 127.0.0.1/0.0.0.0:port (for --ports)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                f = line.split()
                if f[3] == "0A" and int(f[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{f[9]}]")
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                    pids.append(int(proc.name))
    return pids


def loadavg() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


# ---------------------------------------------------------------- the protocol client


def filter_queries(db: Path | None, variety: int = 36) -> list[str]:
    """Filter query strings from the database: "" first, then universities, units, goals, year ranges, English."""
    if db is None:
        return ["", "lang=en"]
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        unis = [r[0] for r in con.execute("SELECT institution FROM actions GROUP BY 1 ORDER BY count(*) DESC, 1 "
                                          "LIMIT ?", [variety]).fetchall()]
        units = [r[0] for r in con.execute("SELECT unit_name FROM action_units GROUP BY 1 ORDER BY count(*) DESC, 1 "
                                           "LIMIT ?", [variety]).fetchall()]
        lo, hi = con.execute("SELECT min(active_from), max(active_to) FROM actions").fetchone()
    finally:
        con.close()
    years = [(y, min(y + 1, hi)) for y in range(lo, hi + 1)] if lo is not None else []
    out = [""]
    for i in range(variety * 2):
        kind = i % 6
        if kind == 0 and unis:
            q = {"uni": unis[i // 6 % len(unis)]}
        elif kind == 1 and units:
            q = {"unit": units[i // 6 % len(units)]}
        elif kind == 2 and unis:
            q = {"uni": unis[(i // 6 + 1) % len(unis)], "goal": str(1 + i // 6 % 3)}
        elif kind == 3 and years:
            y0, y1 = years[i // 6 % len(years)]
            q = {"year_from": str(y0), "year_to": str(y1)}
        elif kind == 4 and units:
            q = {"unit": units[(i // 6 + 1) % len(units)], "role": "any", "lang": "en"}
        else:
            q = {"lang": "en"} if i % 12 == 5 else {"uni": unis[(i // 6 + 2) % len(unis)]} if unis else {}
        out.append(urllib.parse.urlencode(q))
    return list(dict.fromkeys(out))[: variety + 1]


def plan(pages: Sequence[str], queries: Sequence[str]) -> list[tuple[str, str]]:
    """Every (page, query) pair, interleaved so that consecutive loads differ in both."""
    return [(pages[i % len(pages)], queries[(i // len(pages) + i) % len(queries)])
            for i in range(len(pages) * len(queries))]


@dataclass
class Load:
    page: str
    query: str
    seconds: float
    received: int  # bytes of ForwardMsgs
    error: str | None = None


async def load(port: int, page: str, query: str, timeout: float = 120, route: str | None = None) -> Load:
    """One page load in a new session (see the module docstring). `route`: the virtual user's affinity cookie
    (scripts/front.py), so that behind the nginx front one user keeps to one server as a browser does."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    t0 = time.perf_counter()
    received, error = 0, None
    try:
        async with asyncio.timeout(timeout):
            headers = {"Cookie": f"{COOKIE}={route}"} if route else None
            async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                          max_size=None, open_timeout=timeout, additional_headers=headers,
                                          close_timeout=1) as ws:  # a load cancelled at the end waits 1 s, not 10
                msg = BackMsg()
                msg.rerun_script.page_name = url_path(page)
                msg.rerun_script.query_string = query
                await ws.send(msg.SerializeToString())
                async for data in ws:
                    received += len(data)
                    fwd = ForwardMsg()
                    fwd.ParseFromString(data)
                    kind = fwd.WhichOneof("type")
                    if kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                        error = error or f"exception: {fwd.delta.new_element.exception.message[:120]}"
                    elif kind == "page_not_found":
                        error = error or "page_not_found"
                    elif kind == "script_finished":
                        if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                            error = error or f"script_finished={fwd.script_finished}"
                        break
                else:
                    error = error or "closed before script_finished"
    except TimeoutError:
        error = "timeout"
    except OSError as exc:
        error = f"{type(exc).__name__}: {exc}"
    return Load(page, query, time.perf_counter() - t0, received, error)


async def run_sessions(ports: Sequence[int], sessions: int, seconds: float, pairs: Sequence[tuple[str, str]],
                       count: int | None = None, timeout: float = 120, rate: float | None = None) -> list[Load]:
    """`sessions` virtual users load pages back to back until `seconds` pass (or `count` loads are done).

    `rate`: loads per second offered by all users together: each user starts a load every sessions/rate
    seconds (from a random phase), or at once when its previous load took longer: a person waits for the
    page before the next click, so a server that falls behind gets fewer loads (the table says how many)."""
    results: list[Load] = []
    deadline = time.monotonic() + seconds
    done = asyncio.Event()
    interval = sessions / rate if rate else 0.0

    async def user(n: int) -> None:
        port, k = ports[n % len(ports)], n * len(pairs) // sessions  # disjoint stretches of the plan
        route = f"user{n}-{random.getrandbits(48):x}"
        start = time.monotonic() + random.uniform(0, interval)
        while not done.is_set():
            if interval:
                await asyncio.sleep(max(0.0, start - time.monotonic()))
                start = max(start + interval, time.monotonic())
            page, query = pairs[k % len(pairs)]
            k += 1
            results.append(await load(port, page, query, timeout, route))
            if count is not None and len(results) >= count:
                done.set()

    tasks = [asyncio.create_task(user(n)) for n in range(sessions)]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), max(deadline - time.monotonic(), 0))
    done.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return results


def drain(pids: Sequence[int], quiet: float = 0.15, limit: float = 60) -> None:
    """Wait until the servers use less than `quiet` of a core over a second (cancelled loads still running)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        c0 = sum(cpu_seconds(p) for p in pids)
        time.sleep(1)
        if sum(cpu_seconds(p) for p in pids) - c0 < quiet:
            return


@dataclass
class Row:
    label: str
    sessions: int
    seconds: float
    loads: list[Load]
    server_cpu: float  # % of one core
    client_cpu: float
    machine_cpu: float  # % of all cores
    load: str

    def cells(self) -> list[str]:
        ok = [r.seconds for r in self.loads if r.error is None]
        p95 = statistics.quantiles(ok, n=20)[-1] if len(ok) >= 2 else (ok[0] if ok else float("nan"))
        return [self.label, str(self.sessions), str(len(ok)), f"{len(ok) / self.seconds:.2f}",
                f"{statistics.median(ok):.2f}" if ok else "-", f"{p95:.2f}",
                str(sum(r.error is not None for r in self.loads)), f"{self.server_cpu:.0f}",
                f"{self.client_cpu:.0f}", f"{self.machine_cpu:.0f}", self.load]


HEADER = ["scale", "sessions", "loads", "loads/s", "median s", "p95 s", "errors", "server CPU % (200 = 2 cores)",
          "client CPU %", "machine CPU % (100 = 2 cores)", "load avg 1/5/15 before"]


def measure(label: str, ports: Sequence[int], pids: Sequence[int], sessions: int, seconds: float,
            pairs: Sequence[tuple[str, str]], rate: float | None = None) -> Row:
    drain(pids)
    load_before = loadavg()
    s0, c0, m0, t0 = sum(cpu_seconds(p) for p in pids), os.times(), machine_busy(), time.monotonic()
    loads = asyncio.run(run_sessions(ports, sessions, seconds, pairs, rate=rate))
    wall = time.monotonic() - t0
    s1, c1, m1 = sum(cpu_seconds(p) for p in pids), os.times(), machine_busy()
    client = (c1.user + c1.system) - (c0.user + c0.system)
    # loads per second over the measuring window (loads still running at its end are not counted, so the
    # time spent cancelling them is not either); CPU over the whole wall time
    return Row(label, sessions, min(wall, seconds), loads, 100 * (s1 - s0) / wall, 100 * client / wall,
               100 * (m1[0] - m0[0]) / max(m1[1] - m0[1], 1), load_before)


def warm_up(ports: Sequence[int], pages: Sequence[str]) -> list[Load]:
    async def all_pages() -> list[Load]:
        return [await load(port, page, "") for port in ports for page in pages]

    return asyncio.run(all_pages())


CLASSES = ["post-script GC", "serialisation", "SQL", "st.cache_data read/write", "figure building", "pandas/numpy",
           "app Python and st.* calls", "Streamlit runtime", "event-loop wait", "other"]
SERIALISATION = ("plotly/io/_json.py", "/json/", "google/protobuf", "pyarrow/", "streamlit/dataframe_util.py",
                 "streamlit/elements/lib/arrow", "runtime_util.py", "forward_msg", "starlette/websockets",
                 "websockets/", "uvicorn/protocols/websockets")


def classify(frames: Sequence[str], gc_frames: set[str]) -> str:
    """The class of one py-spy stack (frames "function (file:line)", root first); see the module docstring."""
    if frames and any(g in frames[-1] for g in gc_frames):
        return "post-script GC"
    tests = [("serialisation", lambda f: any(m in f for m in SERIALISATION)),
             ("SQL", lambda f: "duckdb" in f or "queries/__init__.py" in f),
             ("st.cache_data read/write", lambda f: "streamlit/runtime/caching/" in f),
             ("figure building", lambda f: "plotly/" in f),
             ("pandas/numpy", lambda f: "pandas/" in f or "numpy/" in f),
             ("app Python and st.* calls", lambda f: "(app.py:" in f or "ui/" in f or "screens/" in f),
             ("Streamlit runtime", lambda f: "streamlit/" in f and "(selectors.py:" not in frames[-1])]
    for name, test in tests:
        if any(test(f) for f in frames):
            return name
    return "event-loop wait" if frames and "(selectors.py:" in frames[-1] else "other"


def gc_frames() -> set[str]:
    """py-spy's name for the line of Streamlit's script runner that runs gc.collect after every script run."""
    import streamlit.runtime.scriptrunner.script_runner as sr

    lines = Path(sr.__file__).read_text().splitlines()
    return {f"script_runner.py:{i + 1})" for i, line in enumerate(lines) if "gc.collect(" in line}


def top_app_frames(raw: Path, n: int = 8) -> list[tuple[str, float]]:
    """The app functions (innermost frame in app.py, ui/, screens/, queries/) holding most samples, % of all."""
    counts: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, k = line.rpartition(" ")
        total += int(k)
        app = [f for f in stack.split(";") if re.search(r"\((ui|screens|queries)/|\(app\.py:", f)]
        if app:
            name = re.sub(r":\d+\)$", ")", app[-1])
            counts[name] = counts.get(name, 0) + int(k)
    return [(f, 100 * c / max(total, 1)) for f, c in sorted(counts.items(), key=lambda x: -x[1])[:n]]


def profile(py_spy: str, port: int, pid: int, page: str, queries: Sequence[str], seconds: float,
            out: Path, pairs: Sequence[tuple[str, str]] | None = None,
            sessions: int = 1) -> tuple[dict[str, float], list[Load], list[tuple[str, float]]]:
    """py-spy record while one session loads `page` with `queries` in turn (or `sessions` sessions load
    `pairs`); share of samples per class."""
    raw = out.with_suffix(".txt")
    spy = subprocess.Popen([py_spy, "record", "--pid", str(pid), "--rate", "100", "--format", "raw", "--nonblocking",
                            "--duration", str(int(seconds)), "--output", str(raw)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # py-spy attaches
    loads = asyncio.run(run_sessions([port], sessions, seconds - 1.5, pairs or [(page, q) for q in queries]))
    _, err = spy.communicate(timeout=120)
    if not raw.exists():
        raise RuntimeError(f"py-spy failed: {err.decode()[-500:]}")
    counts = dict.fromkeys(CLASSES, 0.0)
    marks = gc_frames()
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if stack:
            counts[classify(stack.split(";"), marks)] += int(n)
    total = sum(counts.values()) or 1
    return {k: 100 * v / total for k, v in counts.items()} | {"samples": total}, loads, top_app_frames(raw)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def profile_pages(args: argparse.Namespace, root: Path, db: Path, seconds: float) -> str:
    queries = filter_queries(db)
    columns, header, tops = {}, ["class"], []
    with serve(root, db, args.workdir, shlex.split(args.server_args)) as srv:
        every = page_urls(root)
        warm_up([srv.port], [p for p in args.profile if p != "mix"] or every)
        for page in args.profile:
            sessions = args.sessions[-1]
            modes = ([(f"{sessions} sessions, every page × filter", None)] if page == "mix"
                     else [("same view", [""]), ("varied filters", queries[1:] or [""])])
            for mode, qs in modes:
                load_before = loadavg()
                mix = plan(every, queries) if qs is None else None
                shares, loads, top = profile(args.py_spy, srv.port, srv.pid, page, qs or [], seconds,
                                             args.workdir / f"profile-{db.stem}-{page}-{len(header)}", mix,
                                             sessions if mix else 1)
                ok = [r.seconds for r in loads if r.error is None]
                key = f"{page}, {mode}"
                header.append(key)
                tops.append(f"\n{key}: " + "; ".join(f"{f} {v:.1f} %" for f, v in top))
                columns[key] = [f"{shares[c]:.0f}" for c in CLASSES] + [
                    f"{shares['samples']:.0f}", str(len(ok)), f"{statistics.median(ok):.2f}" if ok else "-",
                    load_before]
    labels = [f"{c}, % of samples" for c in CLASSES] + ["samples (100 Hz)", "page loads", "median load s",
                                                         "load avg 1/5/15 before"]
    rows = [[label] + [columns[k][i] for k in header[1:]] for i, label in enumerate(labels)]
    return (f"root {root}; database {db}; py-spy {seconds:.0f} s per column\n\n" + table(header, rows)
            + "\n\nApp functions holding most samples (innermost app frame, % of all samples):" + "".join(tops))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=PROJECT, help="project directory to run the server from")
    ap.add_argument("--scales", nargs="+", default=["seed", "500"], help="'seed' or a number of universities")
    ap.add_argument("--db", type=Path, help="use this database file instead of --scales")
    ap.add_argument("--ports", type=int, nargs="+", help="already running servers (no server is started)")
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 20, 40])
    ap.add_argument("--seconds", type=float, default=60, help="per run, at most 60")
    ap.add_argument("--server-args", default="", help="extra arguments of `streamlit run`, one string")
    ap.add_argument("--servers", type=int, default=1, help="app server processes; more than one: behind an nginx "
                    "front with sticky sessions (scripts/front.py), the CPU column sums them and nginx")
    ap.add_argument("--rate", type=float, help="loads per second offered by all sessions together (each waits "
                    "for its page, then for its next turn); default: back to back, no pause")
    ap.add_argument("--workdir", type=Path, default=WORKDIR)
    ap.add_argument("--profile", nargs="+", metavar="PAGE", help="profile these pages instead (first scale only)")
    ap.add_argument("--py-spy", default=shutil.which("py-spy") or "py-spy", help="the py-spy executable")
    args = ap.parse_args()
    root = args.root.resolve()
    seconds = min(args.seconds, 60)
    pages = page_urls(root)
    rows: list[Row] = []
    errors: list[str] = []

    def run_all(label: str, ports: list[int], pids: list[int], db: Path | None) -> None:
        pairs = plan(pages, filter_queries(db))
        warm = warm_up(ports, pages)
        errors.extend(f"warm-up {r.page}: {r.error}" for r in warm if r.error)
        for n in args.sessions:
            row = measure(label + (f", {args.rate:g}/s offered" if args.rate else ""), ports, pids, n, seconds,
                          pairs, args.rate)
            print("| " + " | ".join(row.cells()) + " |", file=sys.stderr, flush=True)
            errors.extend(f"{r.page}?{r.query}: {r.error}" for r in row.loads if r.error)
            rows.append(row)

    if args.profile:
        db = args.db.resolve() if args.db else database(root, args.scales[0], args.workdir)
        print(profile_pages(args, root, db, seconds))
        return 0
    if args.ports:
        pids = sorted({p for port in args.ports for p in listening_pids(port)})
        run_all(args.db.stem if args.db else "running", args.ports, pids, args.db)
    else:
        targets = [(args.db.stem, args.db.resolve())] if args.db else [(s, database(root, s, args.workdir))
                                                                        for s in args.scales]
        for label, db in targets:
            mtime = db.stat().st_mtime_ns
            with contextlib.ExitStack() as stack:
                # several servers: each its own copy of the database file, as on separate hosts
                servers = [stack.enter_context(serve(root, db if i == 0 else copy_of(db, args.workdir, i),
                                                     args.workdir, shlex.split(args.server_args)))
                           for i in range(args.servers)]
                pids = [srv.pid for srv in servers]
                if args.servers > 1:
                    fr = stack.enter_context(front([srv.port for srv in servers], args.workdir))
                    label, ports = f"{label}, {args.servers} servers + nginx", [fr.port]
                    pids.append(fr.pid)
                else:
                    ports = [servers[0].port]
                run_all(label, ports, pids, db)
            if db.stat().st_mtime_ns != mtime:
                errors.append(f"{db} changed while the server ran (rebuilt by the app? its schema is stale)")
    print(f"\nroot {root}; {seconds:.0f} s a run; server args {args.server_args or '-'}; "
          f"load avg now {loadavg()}; {os.cpu_count()} CPUs\n")
    print(table(HEADER, [r.cells() for r in rows]))
    for e in list(dict.fromkeys(errors))[:20]:
        print("  error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
