"""The one harness for app servers, browsers and ports, used by tests/ and scripts/.

    with start_server({"STRATEGY_DB": str(db)}) as server:      # serve.py on a free loopback port, healthy
        with sync_playwright() as p:
            browser = launch_browser(p)                          # Debian's Chromium with the project's flags
            browser.new_page().goto(server.url)

A server runs in its own process group and is stopped as a group (SIGTERM, then SIGKILL). Its output goes to
a log file (the caller's, or a temporary one removed afterwards), never to an unread pipe that could fill up.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import types
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's package (.ci/run installs it); Playwright's own build is not used
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NO_CHROMIUM = "needs Chromium: apt-get install chromium (.ci/run does)"


def free_port() -> int:
    """A TCP port free on the loopback interface now (the kernel's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def chromium_path() -> str | None:
    """Debian's Chromium (or another `chromium` on the PATH), or None when there is none."""
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def launch_browser(playwright, **options):
    """Chromium launched through a (sync or async) Playwright object with the project's flags; with the async
    API, await the result."""
    return playwright.chromium.launch(executable_path=chromium_path() or CHROMIUM, args=CHROMIUM_ARGS, **options)


@contextlib.contextmanager
def browser() -> Iterator:
    """A headless Chromium for the block (sync Playwright), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        try:
            yield b
        finally:
            b.close()


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 120,
                 log: Path | None = None) -> float:
    """Wait until `url`/_stcore/health answers; returns the seconds waited. Raises RuntimeError (with the log's
    tail) when `proc` ends first or `timeout` passes."""
    t0 = time.monotonic()
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return time.monotonic() - t0
        except OSError:
            pass
        if (proc is not None and proc.poll() is not None) or time.monotonic() - t0 > timeout:
            tail = log.read_text(errors="replace")[-2000:] if log is not None and log.exists() else ""
            raise RuntimeError(f"{url} did not start (exit code {proc.poll() if proc else None}){tail and ': '}"
                               f"{tail}")
        time.sleep(0.1)


@dataclass
class Server:
    """A running app server: its process (own process group), address and log."""

    proc: subprocess.Popen
    port: int
    log: Path
    started: float  # time.monotonic() at Popen
    _own_log: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_healthy(self, timeout: float = 120) -> float:
        """Seconds from the start until the health check answered."""
        wait_healthy(self.url, self.proc, timeout, self.log)
        return time.monotonic() - self.started

    def log_tail(self, chars: int = 2000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self) -> None:
        """SIGTERM to the server's process group, SIGKILL after 20 s."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        if self._own_log:
            self.log.unlink(missing_ok=True)


def server_env(env: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """This process's environment with `env` laid over it (a None value removes the name)."""
    out = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def spawn_server(env: Mapping[str, str | None] | None = None, port: int | None = None, *, root: Path = ROOT,
                 args: Sequence[str] = (), log: Path | None = None, app: bool = False) -> Server:
    """Start the app of `root` on a loopback port, not waiting for it: `python serve.py` as the README starts it
    (or `streamlit run app.py` with `app=True`, or when `root` has no serve.py). `args` go to Streamlit."""
    port = port or free_port()
    own_log = log is None
    if log is None:
        fd, name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(fd)
        log = Path(name)
    start = ([str(root / "serve.py")] if not app and (root / "serve.py").exists()
             else ["-m", "streamlit", "run", str(root / "app.py")])
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, *start, "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", *args],
            cwd=root, env=server_env(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return Server(proc, port, log, time.monotonic(), own_log)


@contextlib.contextmanager
def start_server(env: Mapping[str, str | None] | None = None, port: int | None = None, *, root: Path = ROOT,
                 args: Sequence[str] = (), log: Path | None = None, app: bool = False,
                 timeout: float = 120) -> Iterator[Server]:
    """A server (spawn_server) for the block, healthy when the block starts, stopped with its process group."""
    server = spawn_server(env, port, root=root, args=args, log=log, app=app)
    try:
        server.wait_healthy(timeout)
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def plain_main() -> Iterator[None]:
    """Start spawned processes from no main file: a spawned child re-runs the parent's __main__ file, and inside
    a test run that can be app.py (an app test ran it), which is no module to import."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main
