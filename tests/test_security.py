"""User text is shown, never interpreted; sign-in is throttled; anonymous viewers see no server paths."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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
    # Markdown characters arrive escaped (the browser shows brackets, no link and no image), and a word joiner
    # after the scheme keeps the address from being linked automatically
    assert "\\[Sign in again here\\]\\(https\u2060\\://evil" in shown
    assert "](https://" not in shown and "https://" not in shown


# Sign-in throttling (counted in the store, a wait in seconds, no lock-out): tests/test_password_throttle.py


def test_anonymous_viewers_see_no_server_path(site):
    at = run({}, "screens/data.py")
    captions = " ".join(c.value for c in at.caption)
    assert str(site) not in captions and ".duckdb" not in captions
