"""Write-loss test of the embedded user store: many processes record statuses at once through the
function pages use (state.user_store.record_status), each noting what was acknowledged to it; then the
store is read back and every acknowledged write is looked for.

    python scripts/write_loss.py                          # 20 processes x 2 threads for 30 s
    python scripts/write_loss.py --threads 1 --seconds 150  # >= 1,000 acknowledged on a busy 2-core machine
    python scripts/write_loss.py --processes 8 --threads 1 --writes 30   # what tests/test_store_writes.py runs

Prints: writes acknowledged, lost (acknowledged but not stored), errors reaching the caller, p50/p95
latency of an acknowledged write. Every worker also reads the store now and then (as pages do), so
readers and writers meet. Exits non-zero when a write was lost or an error reached the caller.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from scripts.harness import plain_main

ROOT = Path(__file__).resolve().parent.parent  # the package is installed (pip install -e .): no sys.path edit


def _thread(store: Path, worker: str, until: float, limit: int | None, out: list[dict]) -> None:
    from state import user_store

    n = 0
    while time.time() < until and (limit is None or n < limit):
        n += 1
        mark = f"{worker}-{n}"
        start = time.perf_counter()
        try:
            user_store.record_status([{"action_key": "write-loss", "status": "in_progress", "comment": mark,
                                       "as_of": "2026-12-03"}], who=worker, path=store)
            out.append({"mark": mark, "ok": True, "seconds": time.perf_counter() - start})
        except Exception as exc:  # noqa: BLE001 - the figure to report: what reached the caller
            out.append({"mark": mark, "ok": False, "error": f"{type(exc).__name__}: {str(exc)[:160]}"})
        if n % 3 == 0:  # pages read while others write
            try:
                user_store.latest_status(path=store)
            except Exception as exc:  # noqa: BLE001
                out.append({"mark": f"{mark}-read", "ok": False, "read": True,
                            "error": f"{type(exc).__name__}: {str(exc)[:160]}"})


def worker(store: str, index: int, threads: int, start_at: float, seconds: float, limit: int | None,
           log_dir: str) -> None:
    """One process: `threads` threads writing until start_at + seconds (or `limit` writes each); the log lists
    what was acknowledged."""
    out: list[dict] = []
    time.sleep(max(start_at - time.time(), 0))
    until = start_at + seconds
    pool = [threading.Thread(target=_thread, args=(Path(store), f"p{index}t{k}", until, limit, out))
            for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    Path(log_dir, f"{index}.json").write_text(json.dumps(out), encoding="utf-8")


def stored_marks(store: Path) -> set[str]:
    """The marks the store holds (read through the store's own door, after every worker has ended)."""
    from state import user_store

    df = user_store.read("SELECT comment FROM action_status WHERE action_key = 'write-loss'", path=store)
    return set(df.comment)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(int(q * len(values)), len(values) - 1)]


def run(processes: int, threads: int, seconds: float, store: Path, limit: int | None = None) -> dict:
    """Run the workers and count; returns the figures."""
    from state import user_store

    user_store.record_status([{"action_key": "warm-up", "status": "done", "as_of": "2026-12-03"}], "setup", path=store)
    ctx = mp.get_context("spawn")  # fresh processes, as separate servers or CLI runs would be
    with tempfile.TemporaryDirectory() as log_dir:
        start_at = time.time() + 3 + processes * 0.15  # every process started and importing before the clock
        procs = [ctx.Process(target=worker, args=(str(store), i, threads, start_at, seconds, limit, log_dir))
                 for i in range(processes)]
        with plain_main():
            for p in procs:
                p.start()
        for p in procs:
            p.join()
        crashed = sum(1 for p in procs if p.exitcode != 0)
        entries = [e for f in Path(log_dir).glob("*.json") for e in json.loads(f.read_text(encoding="utf-8"))]
    acked = [e for e in entries if e["ok"]]
    errors = [e for e in entries if not e["ok"]]
    stored = stored_marks(store)
    lost = [e["mark"] for e in acked if e["mark"] not in stored]
    latency = [e["seconds"] for e in acked]
    kinds: dict[str, int] = {}
    for e in errors:
        kinds[e["error"][:90]] = kinds.get(e["error"][:90], 0) + 1
    return {"processes": processes, "threads": threads, "seconds": seconds, "acknowledged": len(acked),
            "lost": len(lost), "errors": len(errors), "write_errors": sum(1 for e in errors if not e.get("read")),
            "crashed_processes": crashed, "stored": len(stored), "p50_ms": 1000 * percentile(latency, 0.50),
            "p95_ms": 1000 * percentile(latency, 0.95), "max_ms": 1000 * max(latency, default=float("nan")),
            "lost_marks": lost[:10], "error_kinds": kinds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processes", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2, help="writing threads per process (one server's sessions)")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--writes", type=int, help="stop each thread after this many writes")
    ap.add_argument("--store", type=Path, help="the user store file (default: a new one in a temporary folder)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "user.duckdb"
        os.environ.pop("STRATEGY_STATE_URL", None)  # the embedded store is what is measured
        r = run(args.processes, args.threads, args.seconds, store, args.writes)
    print(f"{r['processes']} processes x {r['threads']} threads, {r['seconds']:.0f} s, embedded DuckDB store")
    print(f"writes acknowledged:        {r['acknowledged']}")
    print(f"lost (acknowledged, absent): {r['lost']}")
    print(f"errors reaching the caller: {r['errors']} ({r['write_errors']} on writes)")
    print(f"latency p50 / p95 / max:    {r['p50_ms']:.0f} / {r['p95_ms']:.0f} / {r['max_ms']:.0f} ms")
    if r["crashed_processes"]:
        print(f"processes that died:        {r['crashed_processes']}")
    for kind, n in sorted(r["error_kinds"].items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {n} x {kind}")
    if r["lost_marks"]:
        print("  lost:", ", ".join(r["lost_marks"]))
    return 1 if r["lost"] or r["errors"] or r["crashed_processes"] else 0


if __name__ == "__main__":
    sys.exit(main())
