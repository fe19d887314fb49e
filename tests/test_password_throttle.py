"""Editor-password throttling (embedded mode): every try is counted in the store before the password is
looked at, tries are limited per minute per address and in all (never a 10-minute lock-out of the real
editor), forwarded addresses count only from the configured front, and the counters are shared by the
processes and outlive them."""
from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scripts.harness import plain_main
from state import user_store
from ui import editor

ROOT = Path(__file__).resolve().parent.parent


T0 = 1_800_000_000.0  # the start of a minute: tests give the clock, so no try falls into the next minute


def _tries(address: str, n: int, results: list, now: float = T0 + 1) -> None:
    threads = [threading.Thread(target=lambda: results.append(editor.attempt("guess", "s3cret", address, now)))
               for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _process_tries(store: str, address: str, n: int, queue) -> None:
    import os

    os.environ["STRATEGY_USER_DB"] = store
    results: list = []
    _tries(address, n, results)
    queue.put(results)


def test_thirty_concurrent_wrong_tries_get_at_most_the_allowed_checks(site):
    """Six processes (servers) x five sessions at once, from one address: at most PER_ADDRESS are checked."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    store = str(user_store.user_db_path())
    user_store.read("SELECT 1", path=Path(store))  # the file exists before the processes race for it
    procs = [ctx.Process(target=_process_tries, args=(store, "198.51.100.7", 5, queue)) for _ in range(6)]
    with plain_main():  # not app.py, which an app test of this run may have left as __main__
        for p in procs:
            p.start()
    results = [r for _ in procs for r in queue.get(timeout=120)]
    for p in procs:
        p.join()
    assert len(results) == 30
    checked = [r for r in results if r[0] != "wait"]
    assert len(checked) == editor.PER_ADDRESS and {r[0] for r in checked} == {"wrong"}
    assert all(r[1] == 59 for r in results if r[0] == "wait")
    tries = user_store.read("SELECT tries FROM password_tries WHERE scope = 'address:198.51.100.7'").tries.iloc[0]
    assert tries == 30  # every try was counted, the refused ones too


def test_the_real_editor_waits_a_minute_at_most(site):
    t0 = T0
    for _ in range(editor.PER_ADDRESS):
        assert editor.attempt("guess", "s3cret", "198.51.100.8", now=t0 + 1)[0] == "wrong"
    result, wait = editor.attempt("s3cret", "s3cret", "198.51.100.8", now=t0 + 20)
    assert result == "wait" and wait == pytest.approx(40)
    assert editor.attempt("s3cret", "s3cret", "198.51.100.8", now=t0 + 61) == ("right", 0.0)


def test_one_address_does_not_use_up_everyones_tries(site):
    t0 = T0
    for _ in range(50):
        editor.attempt("guess", "s3cret", "203.0.113.66", now=t0 + 1)
    assert editor.attempt("s3cret", "s3cret", "192.0.2.10", now=t0 + 2) == ("right", 0.0)
    # many addresses together are limited too
    for k in range(editor.IN_ALL):
        editor.attempt("guess", "s3cret", f"203.0.113.{k}", now=t0 + 3)
    assert editor.attempt("s3cret", "s3cret", "192.0.2.11", now=t0 + 4)[0] == "wait"


def test_forged_forwarded_addresses_from_the_loopback_get_no_fresh_addresses(site, monkeypatch):
    """Streamlit's web server believes X-Forwarded-For from the loopback and reports the forged address;
    with no trusted front configured every such try counts against the loopback."""
    monkeypatch.delenv("STRATEGY_TRUSTED_PROXIES", raising=False)
    from paths import trusted_proxies

    addresses = set()
    results = []
    for k in range(28):
        forged = f"10.9.{k}.{k + 1}"
        address = editor.client_address(forged, forged, trusted_proxies())  # what uvicorn hands on
        addresses.add(address)
        results.append(editor.attempt("guess", "s3cret", address, now=T0 + 1)[0])
    assert addresses == {editor.LOOPBACK}
    assert results.count("wrong") == editor.PER_ADDRESS and results.count("wait") == 28 - editor.PER_ADDRESS
    last = editor.client_address("10.9.99.1", "10.9.99.1", trusted_proxies())
    assert editor.attempt("s3cret", "s3cret", last, now=T0 + 2)[0] == "wait"  # the right one too: no fresh address
    # a remote peer naming another address in the header is counted as itself
    assert editor.client_address("198.51.100.20", "10.1.1.1", ()) == "198.51.100.20"


def test_a_configured_front_is_believed(monkeypatch):
    monkeypatch.setenv("STRATEGY_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.5")
    from paths import trusted_proxies

    fronts = trusted_proxies()
    # nginx on the loopback appends the real client to whatever the client sent
    assert editor.client_address("198.51.100.30", "6.6.6.6, 198.51.100.30", fronts) == "198.51.100.30"
    assert editor.client_address(None, "198.51.100.31", fronts) == "198.51.100.31"
    # a front on another machine (the web server does not rewrite it): the nearest hop not a front
    assert editor.client_address("10.0.0.5", "6.6.6.6, 198.51.100.32", fronts) == "198.51.100.32"
    assert editor.client_address("198.51.100.33", "6.6.6.6", fronts) == "198.51.100.33"  # not a front: itself


def test_counters_survive_a_new_process(site):
    for _ in range(editor.PER_ADDRESS):
        editor.attempt("guess", "s3cret", "198.51.100.9", now=T0 + 1)
    code = (f"from ui import editor; r = editor.attempt('s3cret', 's3cret', '198.51.100.9', now={T0 + 2}); "
            f"print(r[0], editor.wait_seconds('198.51.100.9', now={T0 + 3}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-2:] == ["wait", "57.0"]


def test_postgresql_keeps_the_counters(pg_state):
    results: list = []
    _tries("198.51.100.10", 12, results)
    assert sum(r[0] == "wrong" for r in results) == editor.PER_ADDRESS
    assert sum(r[0] == "wait" for r in results) == 12 - editor.PER_ADDRESS
    assert editor.wait_seconds("198.51.100.10", T0 + 30) == 30 and editor.wait_seconds("198.51.100.11", T0 + 30) == 0
    assert editor.wait_seconds("198.51.100.10", T0 + 61) == 0


def test_the_page_says_how_long_to_wait(site, monkeypatch, caplog):
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("screens/data.py").run()
    assert not at.exception
    monkeypatch.setattr(user_store, "password_clock", lambda: T0 + 30)  # both tries below fall in one minute
    for _ in range(editor.PER_ADDRESS - 1):  # earlier tries from the same address (AppTest: the loopback)
        editor.attempt("guess", "s3cret", editor.LOOPBACK, now=T0 + 1)

    def sign_in() -> str:
        at.text_input[0].input("Mallory")
        at.text_input[1].input("guess")
        next(b for b in at.button if b.label == "Daxil ol").click().run()
        assert not at.exception
        return " ".join(e.value for e in at.error)

    assert "saniyə gözləyin" not in sign_in()  # the last try of this minute is checked
    shown = sign_in()
    assert "saniyə gözləyin" in shown and "bağlanıb" not in shown
    assert [b for b in at.button if b.label == "Daxil ol"]  # the form stays: no lock-out
    failed = [r.getMessage() for r in caplog.records if "failed editor sign-in" in r.getMessage()]
    assert len(failed) == 1 and not any("guess" in m for m in failed)
