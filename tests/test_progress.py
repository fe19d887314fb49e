"""Recording progress: editor password, the status page, append-only history, concurrent writers."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from state import user_store

ROOT = Path(__file__).resolve().parent.parent


def progress_page(**session) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for k, v in session.items():
        at.session_state[k] = v
    at.run()
    at.switch_page("screens/progress.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_writes_are_off_without_a_password(site):
    at = progress_page()
    off = [i.value for i in at.info if "dəyişiklik etmək hələ açılmayıb" in i.value]
    assert off and not any("STRATEGY_EDITOR_PASSWORD" in x or "secrets" in x for x in off)  # no server settings
    assert not [b for b in at.button if b.key == "save_status"]


def test_sign_in_and_status_shows_on_the_page(site, monkeypatch):
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = progress_page()
    user_store.record_status(
        [
            {"action_key": "QKU:2021-2025:1.1.2", "status": "done", "progress_pct": 100, "as_of": "2025-12-20"},
            {"action_key": "QKU:2021-2025:1.1.3", "status": "at_risk", "progress_pct": 30, "as_of": "2025-12-20"},
        ],
        "Aynur",
    )
    at = progress_page(_editor="Aynur")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["İcra olunub"] == "1" and metrics["Risk altında"] == "1"
    assert metrics["Statusu qeyd olunan"] == "2 / 183"
    # overdue = a recorded status that is not done on an action whose end has passed (1.1.3 ends in 2025 and
    # is at risk); the actions nobody has assessed yet are not called overdue
    assert metrics["Gecikən"] == "1"
    assert [b for b in at.button if b.key == "save_status"]
    # the 181 actions without a recorded progress show an empty cell, not the grid's grey "None"
    grid = next(e for e in at.main.get("dataframe") if "status_editor" in e.proto.id)
    assert grid.proto.HasField("placeholder") and grid.proto.placeholder == ""


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    submit = next(b for b in at.button if b.label == "Daxil ol")
    return submit.click().run()


def test_password_sign_in(site, monkeypatch):
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = sign_in(progress_page(), "Aynur", "guess")
    assert "_editor" not in at.session_state
    assert any("Parol səhvdir" in e.value for e in at.error)
    at = sign_in(progress_page(), "Aynur", "s3cret")
    assert at.session_state["_editor"] == "Aynur"


def test_history_is_append_only(site):
    for pct in (10, 40, 70):
        user_store.record_status(
            [
                {
                    "action_key": "QKU:2021-2025:1.1.1",
                    "status": "in_progress",
                    "progress_pct": pct,
                    "as_of": f"2025-0{pct // 10}-01",
                }
            ],
            "test",
        )
    rows = user_store.read("SELECT progress_pct FROM action_status ORDER BY as_of")
    assert rows.progress_pct.tolist() == [10, 40, 70]
    assert user_store.latest_status().progress_pct.tolist() == [70]
    with pytest.raises(ValueError, match="status must be one of"):
        user_store.record_status([{"action_key": "x", "status": "finished"}], "test")
    with pytest.raises(ValueError, match="between 0 and 100"):
        user_store.record_status([{"action_key": "x", "status": "done", "progress_pct": 120}], "test")
    assert len(user_store.read("SELECT * FROM action_status")) == 3


def test_ranking_result_drawn_against_the_band(site):
    user_store.record_ranking_result("QKU", "ui_greenmetric", 2024, 801, 850, "UI GreenMetric 2024", "test")
    with pytest.raises(ValueError):
        user_store.record_ranking_result("QKU", "ui_greenmetric", 2024, 900, 850, None, "test")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("screens/rankings.py").run()
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    result = [tr for tr in spec["data"] if tr.get("mode") == "markers+text"]
    assert result and result[0]["text"] == ["2024"]
    xs = result[0]["x"]
    if isinstance(xs, dict):  # plotly sends numeric arrays base64-encoded
        import base64

        import numpy as np

        xs = np.frombuffer(base64.b64decode(xs["bdata"]), dtype=xs["dtype"]).tolist()
    assert xs == [801]


def test_two_sessions_recording_at_the_same_moment_both_persist(site):
    errors: list[Exception] = []
    start = threading.Barrier(8)

    def write(n: int) -> None:
        try:
            start.wait()
            user_store.record_status(
                [
                    {
                        "action_key": f"QKU:2021-2025:1.1.{n % 10 + 1}",
                        "status": "in_progress",
                        "progress_pct": n,
                        "comment": f"session {n}",
                    }
                ],
                f"user{n}",
            )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(user_store.read("SELECT * FROM action_status")) == 8


def test_processes_write_while_another_reads(site):
    """A command-line writer in another process while this one reads: both finish, nothing is lost."""
    code = (
        "from state import user_store\n"
        "for i in range(20):\n"
        "    user_store.record_status([{'action_key': 'QKU:2021-2025:1.1.1', 'status': 'in_progress',"
        " 'progress_pct': i}], 'cli')\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT) for _ in range(2)]
    reads = 0
    while any(p.poll() is None for p in procs):
        user_store.latest_status()
        reads += 1
    assert all(p.returncode == 0 for p in procs)
    assert len(user_store.read("SELECT * FROM action_status")) == 40 and reads > 0


def test_reader_never_sees_a_half_applied_import(site):
    """While imports rebuild the database, every read sees either the old or the new plan, whole."""
    from plandb import importer
    from tests.test_imports import add_2026_plan, template

    path = add_2026_plan(template(site), site / "plan2026.xlsx")
    done = threading.Event()
    seen: set[int] = set()

    def read_loop() -> None:
        while not done.is_set():
            con = duckdb.connect(str(site / "s.duckdb"), read_only=True)
            seen.add(con.execute("SELECT count(*) FROM actions").fetchone()[0])
            con.close()

    reader = threading.Thread(target=read_loop)
    from analytics import db as data

    data.close()
    reader.start()
    importer.apply(path, "test")
    importer.undo_last("test")
    done.set()
    reader.join()
    assert seen <= {183, 185}
