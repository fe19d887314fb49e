"""Memory back when nobody uses the dashboard: the idle release empties the shared caches and closes the
database connection, never under a running query, and the next page finds the same figures."""
from __future__ import annotations

import threading
import time

import pytest

from analytics import db, filters, idle, views
from analytics.pages import overview


@pytest.fixture()
def seed_db(built_db, monkeypatch):
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    idle.stop()  # a watcher started by an app test of this process must not release under these tests
    db.close()
    idle.release(warm=False)  # start from empty caches: earlier tests of this run may have filled them
    yield built_db
    db.close()


def test_release_empties_caches_and_closes_the_connection(seed_db):
    before = int(db.query("key_figures", **filters.Filters().params()).iloc[0].actions)
    assert before == 183  # the three seed plans: QKU 2021-2025, NDU 2025, MDU 2025
    overview.overview(filters.Filters())
    filters.options()
    assert len(db.results) and len(views._views) and len(filters._options) and "con" in db._open

    idle.release(warm=False)

    assert len(db.results) == len(views._views) == len(filters._options) == len(db._user_frames) == 0
    assert "con" not in db._open
    # the next page reopens the file and finds the same figures
    assert int(db.query("key_figures", **filters.Filters().params()).iloc[0].actions) == before


def test_release_warms_the_landing_page_again(seed_db):
    overview.overview(filters.Filters())
    idle.release(warm=True)
    assert len(filters._options) == 1 and len(views._views) >= 1  # options and the overview's default view


def test_release_never_closes_the_connection_under_a_running_query(seed_db):
    db.query("key_figures", **filters.Filters().params())
    db._running(1)  # a query of another session is running on the connection
    try:
        assert db.close_if_unused() is False
        idle.release(warm=False)
        assert "con" in db._open
    finally:
        db._running(-1)
    assert db.close_if_unused() is True and "con" not in db._open


def test_watcher_releases_after_the_idle_time_and_only_then(seed_db, monkeypatch):
    monkeypatch.setattr(idle, "_released", True)
    idle.stop()
    monkeypatch.setenv("STRATEGY_IDLE_RELEASE", "0.4")
    idle.touch()
    db.query("key_figures", **filters.Filters().params())
    assert idle.watch() is True
    assert idle.watch() is True  # one thread per process
    assert len([t for t in threading.enumerate() if t.name == "idle-release"]) == 1
    time.sleep(0.2)
    assert idle._released is False and len(db.results)  # not yet idle for 0.4 s
    deadline = time.monotonic() + 5
    while not idle._released and time.monotonic() < deadline:
        time.sleep(0.05)
    assert idle._released is True
    idle.stop()
    time.sleep(0.3)
    assert not [t for t in threading.enumerate() if t.name == "idle-release" and t.is_alive()]


def test_idle_setting(monkeypatch):
    monkeypatch.setenv("STRATEGY_IDLE_RELEASE", "0")
    assert idle.idle_seconds() == 0 and idle.watch() is False
    monkeypatch.setenv("STRATEGY_IDLE_RELEASE", "soon")
    assert idle.idle_seconds() == idle.DEFAULT_SECONDS == 150  # Streamlit's 120 s session TTL + 30 s
    assert idle.idle_seconds(200.0) == 200.0
