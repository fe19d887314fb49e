"""Who may write. With an [auth] section in the secrets, people sign in with the university's identity
provider and their role decides (ui/auth.py, loaders/access.py). Without it, the embedded
single-machine mode: one editor password from st.secrets or STRATEGY_EDITOR_PASSWORD. Viewing needs
neither unless the settings ask for signed-in viewing."""
from __future__ import annotations

import hmac
import logging
import math
import os
import time
from collections.abc import Collection

import streamlit as st

from analytics.i18n import t
from paths import trusted_proxies
from state import user_store

log = logging.getLogger("strategy.editor")
# Tries of the editor password that are checked per minute: from one address, and from everyone. A try is
# counted in the store before the password is looked at; over a limit it is refused unchecked and the
# person is told how many seconds to wait. Nobody is locked out for longer than the rest of the minute.
PER_ADDRESS = 5
IN_ALL = 30
LOOPBACK = "loopback"
_LOOPBACKS = {"127.0.0.1", "::1", "localhost", LOOPBACK, ""}


def _norm(address: str | None) -> str:
    address = (address or "").strip()
    return LOOPBACK if address in _LOOPBACKS else address


def client_address(seen: str | None, forwarded: str | None, trusted: Collection[str] = ()) -> str:
    """The address a try is counted against.

    `seen` is what Streamlit reports (None for the loopback), `forwarded` the X-Forwarded-For header.
    Streamlit's web server (uvicorn) already replaces the peer by a forwarded address when the peer is
    the loopback (its FORWARDED_ALLOW_IPS default), so anyone on the machine, or any front that passes the
    header on, could name a fresh address for every try. Here a forwarded address counts only when the
    direct peer is one of `trusted` (STRATEGY_TRUSTED_PROXIES); otherwise the peer itself is used, and a
    peer the web server replaced by a header value is taken for what it was: the loopback."""
    hops = [h.strip() for h in (forwarded or "").split(",") if h.strip()]
    peer = _norm(seen)
    if hops and (peer == LOOPBACK or seen in hops):
        peer = LOOPBACK  # the web server rewrote the loopback peer from the header (or the header named it)
    fronts = {_norm(x) for x in trusted}
    if peer not in fronts:
        return peer
    for hop in reversed(hops):  # the nearest address that is not itself a trusted front
        if _norm(hop) not in fronts:
            return _norm(hop)
    return peer


def _client() -> str:
    try:
        seen = st.context.ip_address
        forwarded = ", ".join(st.context.headers.get_all("X-Forwarded-For"))
    except Exception:  # bare mode has no client connection
        seen, forwarded = None, ""
    return client_address(seen if isinstance(seen, str) else None, forwarded, trusted_proxies())


def attempt(given: str, password: str, address: str, now: float | None = None) -> tuple[str, float]:
    """One sign-in try: counted first (atomically, in the store), then checked only if within the limits.
    Returns ("right" | "wrong", 0) or ("wait", seconds) when the try was refused unchecked."""
    wait = user_store.count_password_try(address, PER_ADDRESS, IN_ALL, now)
    if wait:
        return "wait", wait
    return ("right" if hmac.compare_digest(given.encode(), password.encode()) else "wrong"), 0.0


def wait_seconds(address: str, now: float | None = None) -> float:
    """Seconds before a try from this address is checked again (0: now); counts nothing."""
    return user_store.password_wait(address, PER_ADDRESS, IN_ALL, now)


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
    address = _client()
    notice = st.empty()  # "wait N seconds", once, above the form
    with st.form(f"login_{key}"):
        name = st.text_input(t("ed.name", lang))
        given = st.text_input(t("ed.password", lang), type="password")
        if st.form_submit_button(t("ed.sign_in", lang)):
            if not name.strip():
                st.error(t("ed.need_name", lang))
                return None
            result, wait = attempt(given, password, address)
            if result == "right":
                st.session_state.pop("_editor_wait_until", None)
                st.session_state["_editor"] = name.strip()
                st.rerun()
            elif result == "wait":
                st.session_state["_editor_wait_until"] = time.time() + wait
            else:
                log.warning("failed editor sign-in for name %r from %s", name[:60], address)  # never the password
                st.error(t("ed.wrong", lang))
    wait = st.session_state.get("_editor_wait_until", 0.0) - time.time()  # known from a refused try: no store read
    if wait > 0:
        notice.error(t("ed.wait", lang, seconds=math.ceil(wait)), icon=":material/hourglass_top:")
    return None
