"""A throw-away PostgreSQL server for tests and scripts/multi_server.py.

Finds the server binaries (/usr/local/bin here, /usr/lib/postgresql/<version>/bin with Debian's
`postgresql` package), runs initdb into a new temporary folder and starts `postgres` on a free
loopback port (no unix socket, trust authentication). PostgreSQL refuses to run as root: as root the
folder is given to the `postgres` user (Debian's package creates it) or else `nobody`, and both
initdb and the server run as that user.
"""
from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

BIN_DIRS = ["/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]


def find_bin() -> Path | None:
    """The folder holding initdb and postgres, or None."""
    for d in BIN_DIRS:
        if all(os.access(os.path.join(d, exe), os.X_OK) for exe in ("initdb", "postgres")):
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: a fast shutdown when the process that started the server dies
    (a killed test run leaves no server behind). Linux only; elsewhere nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGINT)  # PR_SET_PDEATHSIG


def _run_as() -> pwd.struct_passwd | None:
    """The user to run the server as when we are root (None: run as ourselves)."""
    if os.getuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


class PgServer:
    """One temporary server; `url(db)` gives a postgresql:// URL on it."""

    def __init__(self, fast: bool = True) -> None:
        self.fast = fast  # fsync off: for tests only
        self.bin = find_bin()
        self.dir: Path | None = None
        self.port = 0
        self.proc: subprocess.Popen | None = None

    def _popen(self, args: list[str], **kw) -> subprocess.Popen:
        user = _run_as()
        if user is not None:
            kw.update(user=user.pw_uid, group=user.pw_gid, extra_groups=[])
        return subprocess.Popen(args, cwd=self.dir, env={**os.environ, "LC_ALL": "C", "TZ": "UTC"}, **kw)

    def start(self, timeout: float = 60) -> PgServer:
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, postgres) found in " + ", ".join(BIN_DIRS))
        self.dir = Path(tempfile.mkdtemp(prefix="strategy-pg-"))
        user = _run_as()
        if user is not None:
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        data, log = self.dir / "data", self.dir / "server.log"
        init = self._popen([str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                            "-E", "UTF8", "--no-locale", "--no-sync"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        out = init.communicate(timeout=120)[0].decode(errors="replace")
        if init.returncode:
            raise RuntimeError(f"initdb failed: {out[-2000:]}")
        self.port = _free_port()
        args = [str(self.bin / "postgres"), "-D", str(data), "-p", str(self.port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "max_connections=200"]
        if self.fast:
            args += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        with open(log, "wb") as f:
            self.proc = self._popen(args, stdout=f, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        deadline = time.time() + timeout
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return self
            except psycopg.OperationalError:
                if self.proc.poll() is not None or time.time() > deadline:
                    text = log.read_text(errors="replace")[-2000:]
                    self.stop()
                    raise RuntimeError(f"PostgreSQL did not start: {text}") from None
                time.sleep(0.1)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # name chosen by the caller (tests), not by users
        return self.url(name)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
