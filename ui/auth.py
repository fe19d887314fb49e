"""Sign-in: the university's identity provider through Streamlit's OpenID Connect support (st.login,
st.user, st.logout) when .streamlit/secrets.toml has an [auth] section; otherwise the embedded
single-machine mode with the local editor password (ui/editor.py), exactly as before.

The identity token gives name and e-mail; loaders/access.py turns them into a role (viewer, unit
editor, university editor, administrator) and holds every permission check. Settings, in the
secrets or the environment (the environment wins):

    [access]
    admins = ["rector.office@qku.edu.az"]   # or STRATEGY_ADMINS="a@x.az,b@y.az": the first administrators
    view = "signed_in"                       # or STRATEGY_VIEW=signed_in; default "open" (anyone may view)
"""
from __future__ import annotations

import json
import logging
import re

import pandas as pd
import streamlit as st

import access
from analytics import db as data
from analytics import fmt
from analytics.i18n import M, t
from state import user_store
from state.user_store import STATUSES

log = logging.getLogger("strategy.auth")
AUTH_KEYS = ("redirect_uri", "cookie_secret")


def _secret(section: str) -> dict:
    try:
        value = st.secrets.get(section)
    except Exception:  # no secrets.toml at all: the embedded default
        return {}
    try:
        return dict(value) if value else {}
    except (TypeError, ValueError):
        return {}


def oidc_configured() -> bool:
    """Sign-in goes through the identity provider when the secrets carry an [auth] section."""
    auth = _secret("auth")
    return bool(auth) and all(auth.get(k) for k in AUTH_KEYS)


def settings_admins() -> set[str]:
    return access.settings_admins(_secret("access").get("admins"))


def view_mode() -> str:
    return access.view_mode(_secret("access").get("view"))


def _claims() -> dict | None:
    """The identity token's claims of a signed-in session, else None."""
    try:
        info = st.user.to_dict()
    except Exception:
        return None
    return info if info.get("is_logged_in") is True else None


def current_user() -> access.User | None:
    """The person of this session: signed in with the identity provider (role from the user store,
    looked up again when the store changes) or, in the embedded mode, with the editor password."""
    if not oidc_configured():
        name = st.session_state.get("_editor")
        return access.password_editor(name) if name else None
    claims = _claims()
    if claims is None:
        return None
    email = claims.get("email")
    name = claims.get("name") or claims.get("preferred_username") or email or claims.get("sub")
    try:
        key = (email, name, claims.get("email_verified"), user_store.version())
        cached = st.session_state.get("_auth_user")
        if cached and cached[0] == key:
            return cached[1]
        user = access.resolve(str(name) if name else None, str(email) if email else None, settings_admins(),
                              claims.get("email_verified"))
    except Exception as exc:  # the shared state out of reach: signed in, but no role until it answers again
        log.error("role lookup failed: %s", type(exc).__name__)
        return access.User(str(name or email or "?"), str(email).lower() if email else None, "viewer",
                           source="none")
    st.session_state["_auth_user"] = (key, user)
    return user


def is_admin() -> bool:
    """Administrators of the identity-provider mode (the embedded mode has no roles to manage)."""
    return oidc_configured() and access.is_admin(current_user())


def role_text(user: access.User, lang: str) -> str:
    role = t(f"au.role.{user.role}", lang)
    if user.role == "unit_editor":
        return f"{role}: {user.unit_name} ({user.institution})"
    if user.role == "university_editor":
        return f"{role}: {user.institution}"
    return role


def _start_login(lang: str) -> None:
    try:
        st.login()
    except Exception as exc:  # a broken [auth] section: say so, never show the secrets
        log.error("sign-in could not start: %s", type(exc).__name__)
        st.error(t("au.error", lang), icon=":material/error:")


def login_box(lang: str, key: str) -> str | None:
    """The identity-provider sign-in on a page: a button, or who is signed in with which role.
    Returns what the records say of the person (name <e-mail>) when they may write anything."""
    user = current_user()
    if user is None:
        st.info(t("au.please", lang), icon=":material/login:")
        if st.button(t("au.sign_in", lang), key=f"oidc_login_{key}", icon=":material/login:", type="primary"):
            _start_login(lang)
        return None
    cols = st.columns([4, 1])
    text = t("au.signed_in", lang, name=user.name, email=user.email or "—", role=role_text(user, lang))
    (cols[0].success if access.can_write(user) else cols[0].info)(fmt.plain(text), icon=":material/badge:")
    if cols[1].button(t("ed.sign_out", lang), key=f"oidc_logout_{key}"):
        st.session_state.pop("_auth_user", None)
        st.logout()
    if not access.can_write(user):
        st.caption(t("au.no_role", lang))
        return None
    return user.label


def frame(lang: str) -> None:
    """Before any page: the account line in the sidebar (identity-provider mode) and, when viewing is
    for signed-in people only, the sign-in instead of the page."""
    oidc = oidc_configured()
    user = current_user()
    if oidc:
        with st.sidebar:
            if user is None:
                if st.button(t("au.sign_in", lang), key="oidc_login_sidebar", icon=":material/login:"):
                    _start_login(lang)
            else:
                st.caption(fmt.plain(f"{user.name} · {role_text(user, lang)}"))
    if view_mode() != "signed_in" or user is not None:
        return
    st.title(t("au.gate.title", lang), anchor=False)
    st.info(t("au.gate", lang), icon=":material/lock:")
    if oidc:
        if st.button(t("au.sign_in", lang), key="oidc_login_gate", icon=":material/login:", type="primary"):
            _start_login(lang)
    else:
        from ui import editor

        editor.password_box(lang, "gate")
    st.stop()


def shown_who(value: object, user: access.User | None) -> object:
    """A recorded_by value as this reader may see it: signed-in people see name and e-mail, anonymous
    visitors the name only (staff addresses are not for the open web)."""
    if user is None and isinstance(value, str):
        return value.split(" <", 1)[0]
    return value


def shown_names(values) -> list:
    """shown_who for a column of values, for the person of this session."""
    user = current_user()
    return [shown_who(v, user) for v in values]


def _action_ref(key: object) -> str:
    """'QKU:2021-2025:1.1.1' -> 'QKU 1.1.1': the action as people cite it, never the internal key."""
    parts = str(key).split(":")
    return f"{parts[0]} {parts[-1]}" if len(parts) >= 3 else str(key)


# a plan of an import as the audit keeps it (access.apply_import writes it in English)
_IMPORT_PLAN = re.compile(r"^(?P<code>\S+) (?P<start>\d{4})-(?P<end>\d{4}): (?P<new>\d+) new, "
                          r"(?P<changed>\d+) changed, (?P<removed>\d+) removed$")


def _import_plan(text: object, lang: str) -> str:
    """'GDU 2026-2026: 9 new, 0 changed, 0 removed' -> 'GDU 2026: 9 yeni, 0 dəyişən, 0 silinən tədbir'."""
    m = _IMPORT_PLAN.match(str(text))
    if not m:
        return str(text)
    from analytics.filters import period_text

    period = period_text(int(m["start"]), int(m["end"]))  # '2026' for one year, as the Data page writes periods
    return t("au.import_plan", lang, plan=f"{m['code']} {period}", new=int(m["new"]), changed=int(m["changed"]),
             removed=int(m["removed"]))


def _detail(action: str, text: object, lang: str) -> str:
    """What changed, in words: statuses, roles and rankings by their names, actions as people cite them."""
    try:
        d = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return str(text)[:200]
    if not isinstance(d, dict):
        return str(d)[:200]
    if action == access.STATUS:
        parts = [f"{_action_ref(a.get('action_key'))}: "
                 + (t(f"st.{a['status']}", lang) if a.get("status") in STATUSES else t("st.none", lang))
                 + (f" {a['progress_pct']:g}%" if isinstance(a.get("progress_pct"), int | float) else "")
                 + (f" · {a['evidence_url']}" if a.get("evidence_url") else "")
                 for a in d.get("actions", [])]
        return "; ".join(parts[:6]) + (" …" if len(parts) > 6 else "")
    if action == access.RANKING:
        from analytics.pages.rankings import ranking_names

        return f"{ranking_names().get(d.get('ranking'), d.get('ranking'))} {d.get('year')}: {d.get('result')}"
    if action in (access.IMPORT, access.UNDO_IMPORT):  # not the internal id; each plan in the page's words
        return " · ".join(str(x) for x in (d.get("file"), *(_import_plan(p, lang) for p in d.get("plans", []))) if x)
    if action in (access.UNIT_MERGE, access.UNIT_ACCEPT, access.UNIT_UNDO):
        target = d.get("into") or d.get("name_en") or ""
        return f"{d.get('name', d.get('decision_id'))}" + (f" → {target}" if target else "")
    if action in (access.ROLE_SET, access.ROLE_REMOVE):
        scope = " ".join(str(x) for x in (d.get("institution"), d.get("unit_name")) if x)
        role = t(f"au.role.{d['role']}", lang) if f"au.role.{d.get('role')}" in M else d.get("role")
        return f"{d.get('email')}: {role}" + (f" ({scope})" if scope else "")
    return json.dumps(d, ensure_ascii=False)[:200]


def change_rows(df: pd.DataFrame, lang: str, user: access.User | None) -> pd.DataFrame:
    """Audit entries as a table: when, who (name, and e-mail for a signed-in reader), what, university,
    details."""
    who = [f"{n} <{e}>" if isinstance(e, str) and e else n for n, e in zip(df.who_name, df.who_email, strict=True)]
    return pd.DataFrame({
        t("au.col.when", lang): [fmt.date_time(x, lang) for x in df.changed_at],
        t("au.col.who", lang): [shown_who(w, user) for w in who],
        t("au.col.what", lang): [t(f"au.act.{a}", lang) if f"au.act.{a}" in _ACTS else a for a in df.action],
        t("au.col.institution", lang): [x if isinstance(x, str) else "" for x in df.institution],
        t("au.col.detail", lang): [_detail(a, d, lang) for a, d in zip(df.action, df.detail, strict=True)],
    })


_ACTS = {f"au.act.{a}" for a in (access.STATUS, access.RANKING, access.IMPORT, access.UNDO_IMPORT, access.UNIT_MERGE,
                                 access.UNIT_ACCEPT, access.UNIT_UNDO, access.ROLE_SET, access.ROLE_REMOVE)}


def changes_section(ctx, actions: tuple[str, ...], institution: str | None = None, limit: int = 50) -> None:
    """'Who changed what' on a page: the newest audit entries of these writes."""
    from ui.page import table

    lang = ctx.lang
    st.subheader(t("au.changes", lang))
    df = data.changes(tuple(actions), institution, limit)
    if df.empty:
        st.caption(t("au.changes.none", lang))
        return
    table(ctx, change_rows(df, lang, current_user()))
