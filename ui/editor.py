"""Who may write. With an [auth] section in the secrets, people sign in with the university's identity
provider and their role decides (ui/auth.py, loaders/access.py). Without it, the embedded
single-machine mode: one editor password from st.secrets or STRATEGY_EDITOR_PASSWORD. Viewing needs
neither unless the settings ask for signed-in viewing."""
from __future__ import annotations

import hmac
import logging
import os
import threading
import time
import uuid

import streamlit as st

from analytics.i18n import t

log = logging.getLogger("strategy.editor")
WINDOW = 600.0          # seconds over which wrong passwords are counted
MAX_FAILURES = 10       # wrong passwords in WINDOW that lock sign-in for LOCK seconds
LOCK = 600.0
MAX_DELAY = 8.0         # seconds: the longest pause after a wrong password
_failures: dict[str, list[float]] = {}  # per client address and per session: times of wrong passwords
_guard = threading.Lock()


def _client() -> str:
    try:
        ip = st.context.ip_address
    except Exception:  # bare mode has no client address
        ip = None
    return ip if isinstance(ip, str) and ip else "local"


def _keys() -> list[str]:
    if "_session_key" not in st.session_state:
        st.session_state["_session_key"] = uuid.uuid4().hex
    return [f"ip:{_client()}", f"session:{st.session_state['_session_key']}"]


def _recent(now: float) -> int:
    with _guard:
        counts = []
        for key in _keys():
            times = [x for x in _failures.get(key, []) if now - x < max(WINDOW, LOCK)]
            _failures[key] = times
            counts.append(len(times))
        return max(counts)


def locked_for(now: float | None = None) -> float:
    """Seconds until sign-in opens again for this session and address (0: open)."""
    now = now or time.time()
    with _guard:
        worst = 0.0
        for key in _keys():
            times = [x for x in _failures.get(key, []) if now - x < WINDOW]
            if len(times) >= MAX_FAILURES:
                worst = max(worst, times[-1] + LOCK - now)
        return max(worst, 0.0)


def _failed(name: str) -> None:
    now = time.time()
    with _guard:
        for key in _keys():
            _failures.setdefault(key, []).append(now)
    log.warning("failed editor sign-in for name %r from %s", name[:60], _client())  # never the password


def configured_password() -> str | None:
    try:
        secret = st.secrets.get("editor_password")
    except Exception:  # no secrets.toml: that is the default, not an error
        secret = None
    return secret or os.environ.get("STRATEGY_EDITOR_PASSWORD") or None


def _password_editor() -> str | None:
    return st.session_state.get("_editor")


def current_user():
    """The signed-in person (loaders.access.User) of either mode, or None."""
    from ui import auth

    return auth.current_user()


def current_editor() -> str | None:
    """What the records say of the signed-in person when they may write anything, else None."""
    import access

    user = current_user()
    return user.label if access.can_write(user) else None


def login(lang: str, key: str) -> str | None:
    """The sign-in box of a page; returns what the records say of the person (name, and e-mail with
    the identity provider) once signed in with the right to write something, None otherwise."""
    from ui import auth

    if auth.oidc_configured():
        return auth.login_box(lang, key)
    return password_box(lang, key)


def password_box(lang: str, key: str) -> str | None:
    """The editor password sign-in of the embedded mode; returns the editor's name once signed in."""
    if _password_editor():
        cols = st.columns([4, 1])
        cols[0].success(t("ed.signed_in", lang, name=_password_editor()), icon=":material/edit:")
        if cols[1].button(t("ed.sign_out", lang), key=f"signout_{key}"):
            st.session_state.pop("_editor", None)
            st.rerun()
        return _password_editor()
    password = configured_password()
    if not password:
        st.info(t("ed.off", lang), icon=":material/lock:")
        return None
    wait = locked_for()
    if wait:
        st.error(t("ed.locked", lang, minutes=int(wait // 60) + 1), icon=":material/lock_clock:")
        return None
    with st.form(f"login_{key}"):
        name = st.text_input(t("ed.name", lang))
        given = st.text_input(t("ed.password", lang), type="password")
        if st.form_submit_button(t("ed.sign_in", lang)):
            if not name.strip():
                st.error(t("ed.need_name", lang))
            elif hmac.compare_digest(given.encode(), password.encode()):
                st.session_state["_editor"] = name.strip()
                st.rerun()
            else:
                # A growing delay per wrong password (0.5 s, 1 s, 2 s … at most 8 s), then a lock-out.
                time.sleep(min(0.5 * 2 ** max(_recent(time.time()) - 1, 0), MAX_DELAY))
                _failed(name)
                st.error(t("ed.wrong", lang))
    return None
