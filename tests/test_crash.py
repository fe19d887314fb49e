"""Crash safety: an import, an undo and a build killed (SIGKILL) at every named step leave files and
databases consistent (scripts/crash_test.py; run it without --random 0 locally for random kill times)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_kills_at_every_step_leave_a_consistent_state():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "crash_test.py"), "--random", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    print(done.stdout)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "15 kills, 0 inconsistent" in done.stdout


def test_leftover_build_files_of_dead_processes_are_removed(tmp_path):
    from plandb.build import remove_leftovers

    db = tmp_path / "s.duckdb"
    dead = tmp_path / ".s.duckdb.building-999999999"
    dead.write_bytes(b"half a database")
    (tmp_path / ".s.duckdb.building-999999999.wal").write_bytes(b"x")
    alive = tmp_path / f".s.duckdb.building-{subprocess.os.getppid()}"
    alive.write_bytes(b"another process is building")
    removed = remove_leftovers(db)
    assert dead in removed and not dead.exists() and alive.exists()
