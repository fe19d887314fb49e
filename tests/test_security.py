"""User text is shown, never interpreted; sign-in is throttled; anonymous viewers see no server paths."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import editor

ROOT = Path(__file__).resolve().parent.parent


def run(url_params: dict[str, str], page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for k, v in url_params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def test_url_text_is_shown_literally(site):
    evil = "Your session expired. [Sign in again here](https://evil.example/login) ![](https://evil.example/x.png)"
    at = run({"plan": evil})
    shown = " ".join(w.proto.body for w in at.warning)
    # Markdown characters arrive escaped: the browser shows brackets, no link and no image
    assert "\\[Sign in again here\\]\\(https\\://evil" in shown
    assert "](https://" not in shown


@pytest.fixture()
def no_delay(monkeypatch):
    monkeypatch.setattr(editor, "MAX_DELAY", 0.0)
    editor._failures.clear()
    yield
    editor._failures.clear()


def test_ten_wrong_passwords_lock_sign_in(site, monkeypatch, no_delay, caplog):
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = run({}, "screens/data.py")
    for _ in range(editor.MAX_FAILURES):
        at.text_input[0].input("Mallory")
        at.text_input[1].input("guess")
        next(b for b in at.button if b.label == "Daxil ol").click().run()
    at.run()
    assert any("bağlanıb" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Daxil ol"]  # no form while locked
    # the right password does not get through the lock either (a new session from the same address)
    at = run({}, "screens/data.py")
    assert any("bağlanıb" in e.value for e in at.error) and "_editor" not in at.session_state
    failed = [r.getMessage() for r in caplog.records if "failed editor sign-in" in r.getMessage()]
    assert len(failed) == editor.MAX_FAILURES and not any("guess" in m for m in failed)


def test_anonymous_viewers_see_no_server_path(site):
    at = run({}, "screens/data.py")
    captions = " ".join(c.value for c in at.caption)
    assert str(site) not in captions and ".duckdb" not in captions
