"""Give memory back when nobody is using the dashboard.

The caches that make pages fast (query results, views, filter options, the audit list) are shared by every
session and bounded, so they stay full after the last visitor leaves: measured at 500 universities, 864 MB
after 1,000 page loads and still 878 MB three minutes after the last session closed. One thread per process
(started by app.py) empties them once no page has run for STRATEGY_IDLE_RELEASE seconds (default: 30 s after
Streamlit drops closed sessions, i.e. 150 s; 0 turns it off), closes the read-only database connection
(DuckDB's buffers), collects garbage, asks the C allocator to return its free pages to the system
(malloc_trim) and reads the landing page's data again, so that the next visitor still finds it ready.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
import threading
import time

from analytics.pages import overview

log = logging.getLogger(__name__)
DEFAULT_SECONDS = 150.0

_last_run = time.monotonic()
_released = True  # nothing to give back before the first page has run
_stop: threading.Event | None = None  # the running watcher's stop signal (None: no watcher in this process)
_pid = 0
_lock = threading.Lock()


def idle_seconds(default: float = DEFAULT_SECONDS) -> float:
    """STRATEGY_IDLE_RELEASE: seconds without a page run before the caches are emptied (0: never)."""
    try:
        return max(0.0, float(os.environ.get("STRATEGY_IDLE_RELEASE", default)))
    except ValueError:
        return default


def touch() -> None:
    """A page has run: the caches are in use again."""
    global _last_run, _released
    _last_run = time.monotonic()
    _released = False


def rss_mb() -> float | None:
    """This process's resident memory in MB (Linux), for logs and tests."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def release(warm: bool = True) -> None:
    """Empty the shared caches, close the database connection and return free memory to the system."""
    from analytics import db, filters, views

    db.close_if_unused()
    for cache in (db.results, db._user_frames, views._views, filters._options):
        cache.clear()
    gc.collect()
    _trim()
    if warm:
        _warm()


def _trim() -> None:
    """Arrow's allocator (pandas' text columns live in it) and glibc keep freed memory for reuse; both are
    asked to hand their free pages back."""
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except Exception:  # noqa: BLE001 - an allocator without the call
        pass
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        pass


def _warm() -> None:
    """The landing page's options and default view, as serve.py reads them at start."""
    try:
        from analytics.db import database_exists
        from analytics.filters import Filters, options

        if database_exists():
            options()
            overview.overview(Filters())
    except Exception as exc:  # noqa: BLE001 - warming is an optimisation; the next page reports any error
        log.info("warm-up after release skipped: %s", exc)


def watch(default: float = DEFAULT_SECONDS) -> bool:
    """Start (once per process) the thread that releases memory after idle_seconds(default) without a page
    run. app.py passes 30 s more than Streamlit keeps a closed session (server.disconnectedSessionTTL), so
    that the sessions' own memory is free too when it is handed back."""
    global _stop, _pid
    seconds = idle_seconds(default)
    if not seconds:
        return False
    with _lock:
        if _stop is not None and _pid == os.getpid():
            return True
        _stop, _pid = threading.Event(), os.getpid()
        threading.Thread(target=_watch, args=(seconds, _stop), name="idle-release", daemon=True).start()
    return True


def stop() -> None:
    """Stop the watcher (tests; a process that exits needs nothing: the thread is a daemon)."""
    global _stop
    with _lock:
        if _stop is not None:
            _stop.set()
        _stop = None


def _watch(seconds: float, stopped: threading.Event) -> None:
    global _released
    while not stopped.wait(min(15.0, seconds / 4)):
        if _released or time.monotonic() - _last_run < seconds:
            continue
        before = rss_mb()
        try:
            release()
        except Exception as exc:  # noqa: BLE001 - the watcher must outlive a failed release
            log.warning("idle release failed: %s", exc)
        _released = True
        log.info("idle for %.0f s: caches emptied, memory %s → %s MB", seconds, before, rss_mb())
