"""Administration: who may edit what (roles by e-mail, in the shared state) and who changed what."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import access
from analytics import fmt
from analytics.i18n import t
from analytics.pages.rankings import institution_names
from state import user_store
from ui import auth
from ui.page import context, table

ctx = context()
lang = ctx.lang
st.title(t("nav.admin", lang), anchor=False)
st.markdown(f"*{t('ad.question', lang)}*")
me = auth.current_user()
if not auth.is_admin():  # the page is registered only for administrators; a stale link gets nothing
    st.info(t("ad.only_admins", lang), icon=":material/lock:")
    st.stop()
assert me is not None
msg = st.session_state.pop("_ad_msg", None)
if msg:
    st.success(fmt.plain(msg), icon=":material/check_circle:")
ROLE_NAMES = {r: t(f"au.role.{r}", lang) for r in access.ROLES}

st.subheader(t("ad.users", lang))
admins = sorted(auth.settings_admins())
if admins:
    st.caption(fmt.plain(t("ad.settings_admins", lang, emails=", ".join(admins))))
people = user_store.users()
if people.empty:
    st.caption(t("ad.no_users", lang))
else:
    table(ctx, pd.DataFrame({
        t("ad.email", lang): people.email,
        t("ad.name", lang): [x if isinstance(x, str) else "" for x in people["name"]],
        t("ad.role", lang): [ROLE_NAMES.get(r, r) for r in people.role],
        t("au.col.institution", lang): [x if isinstance(x, str) else "" for x in people.institution],
        t("ad.unit", lang): [x if isinstance(x, str) else "" for x in people.unit_name],
        t("ad.granted", lang): [f"{b} · {fmt.date_time(a, lang)}" for b, a in zip(people.granted_by, people.granted_at,
                                                                               strict=True)],
    }))

st.subheader(t("ad.assign", lang))
unis = institution_names(lang)
cols = st.columns(2)
email = cols[0].text_input(t("ad.email", lang), key="ad_email", placeholder="ad.soyad@universitet.edu.az").strip()
name = cols[1].text_input(t("ad.name", lang), key="ad_name")
cols = st.columns(3)
role = cols[0].selectbox(t("ad.role", lang), list(access.ROLES), format_func=ROLE_NAMES.get, key="ad_role",
                         index=list(access.ROLES).index("unit_editor"))
inst = unit = None
if role in ("unit_editor", "university_editor"):
    inst = cols[1].selectbox(t("au.col.institution", lang), list(unis), format_func=unis.get, key="ad_inst",
                             index=None, placeholder=t("ad.pick", lang))
if role == "unit_editor" and inst:
    unit = cols[2].selectbox(t("ad.unit", lang), access.lead_units(inst), key="ad_unit", index=None,
                             placeholder=t("ad.pick", lang), help=t("ad.unit.help", lang))
if st.button(t("ad.save", lang), icon=":material/person_add:", key="ad_save", type="primary"):
    if "@" not in email:
        st.error(t("ad.need_email", lang))
    elif role in ("unit_editor", "university_editor") and not inst:
        st.error(t("ad.need_institution", lang))
    elif role == "unit_editor" and not unit:
        st.error(t("ad.need_unit", lang))
    else:
        try:
            access.set_role(me, email, role, name.strip() or None, inst, unit)
            st.session_state["_ad_msg"] = t("ad.saved", lang, email=email.lower(), role=ROLE_NAMES[role])
            st.rerun()
        except (access.Denied, ValueError) as exc:
            st.error(fmt.plain(str(exc)))

if not people.empty:
    st.subheader(t("ad.remove", lang))
    cols = st.columns([3, 1], vertical_alignment="bottom")
    gone = cols[0].selectbox(t("ad.email", lang), [e for e in people.email if e != me.email], key="ad_gone",
                             index=None, placeholder=t("ad.pick", lang))
    if cols[1].button(t("ad.remove.button", lang), icon=":material/person_remove:", key="ad_remove") and gone:
        try:
            access.remove_role(me, gone)
            st.session_state["_ad_msg"] = t("ad.removed", lang, email=gone)
            st.rerun()
        except access.Denied as exc:
            st.error(fmt.plain(str(exc)))

st.subheader(t("ad.audit", lang))
log = access.changes(limit=300)
if log.empty:
    st.caption(t("au.changes.none", lang))
else:
    table(ctx, auth.change_rows(log, lang, me))
