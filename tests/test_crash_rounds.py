"""A kill at any moment of an evidence upload or a round close leaves before-or-after (issue 22): the crash
script kills a reporting process with SIGKILL at random moments and checks the user store after each kill."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_rounds.py"


def test_killed_reports_and_closes_leave_the_store_consistent(site) -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "--kills", "6", "--seed", "3"], capture_output=True,
                         text=True, timeout=900, env={**os.environ})
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("6 kills, 0 inconsistent")
    acknowledged = [int(line.split()[2]) for line in run.stdout.splitlines()[1:-1]]
    assert any(acknowledged), run.stdout  # some kills landed after acknowledged writes (and those were kept)
