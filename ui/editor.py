"""Who may write: the editor password from st.secrets or STRATEGY_EDITOR_PASSWORD. Viewing needs none."""
from __future__ import annotations

import hmac
import os

import streamlit as st

from ui.i18n import t


def configured_password() -> str | None:
    try:
        secret = st.secrets.get("editor_password")
    except Exception:  # no secrets.toml: that is the default, not an error
        secret = None
    return secret or os.environ.get("STRATEGY_EDITOR_PASSWORD") or None


def current_editor() -> str | None:
    return st.session_state.get("_editor")


def login(lang: str, key: str) -> str | None:
    """The editor sign-in box; returns the editor's name once signed in, None otherwise."""
    if current_editor():
        cols = st.columns([4, 1])
        cols[0].success(t("ed.signed_in", lang, name=current_editor()), icon=":material/edit:")
        if cols[1].button(t("ed.sign_out", lang), key=f"signout_{key}"):
            st.session_state.pop("_editor", None)
            st.rerun()
        return current_editor()
    password = configured_password()
    if not password:
        st.info(t("ed.off", lang), icon=":material/lock:")
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
                st.error(t("ed.wrong", lang))
    return None
