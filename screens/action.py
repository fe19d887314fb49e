"""Action: one action as its plan gives it (plan, goal, deadline, units, vice-rectors, indicator, baseline,
expected evidence) and every status and round report since, with who and when and the evidence (a file for
the university's own people and administrators, a link as text). Linked as /action?action=KEY."""
from __future__ import annotations

import streamlit as st

import access
from analytics import fmt
from analytics.i18n import t
from analytics.pages import action as action_view
from ui import auth, editor
from ui.page import context, empty, header, lead

ctx = context()
lang = ctx.lang
header(ctx, "nav.action", "act.question")

picks = action_view.choices(ctx.f)
wanted = st.query_params.get("action")
if wanted and wanted not in picks:  # a link to an action outside the filters (or another university's)
    found = action_view.action(wanted, lang)
    if found is not None:
        picks = {wanted: f"{found.number} · {found.title}", **picks}
if not picks:
    empty(ctx)
    st.stop()
keys = list(picks)
key = st.selectbox(t("act.pick", lang), keys, index=keys.index(wanted) if wanted in picks else 0,
                   format_func=picks.get, key="act_pick")
if key != wanted:
    st.query_params["action"] = key  # the address names the action: it can be sent to someone
view = action_view.action(key, lang)
if view is None:
    empty(ctx)
    st.stop()

lead(view.number)
st.text(view.title)  # the action's own words, as the plan wrote them
for label, value in view.facts:
    st.text(f"{label}: {value}")  # text from the plan is shown, never interpreted

st.subheader(t("act.reports", lang))
if view.reports.empty:
    st.info(t("act.no_reports", lang), icon=":material/info:")
    st.stop()
last = view.reports.recorded_at.max()
st.caption(t("act.n_reports", lang, n=len(view.reports), when=fmt.date_time(last, lang)))
user = editor.current_user() or auth.current_user()
may_download = access.may_view_evidence(user, view.institution)
for i, ((head, facts), row) in enumerate(zip(action_view.report_lines(
        view.reports.iloc[::-1], lang, lambda v: auth.shown_names([v])[0]), view.reports.iloc[::-1].itertuples(),
        strict=True)):  # the newest first
    with st.container(border=True):
        st.text(head)
        for label, value in facts:
            st.text(f"{label}: {value}")
        sha = row.evidence_sha256
        if isinstance(sha, str) and sha:
            if may_download:
                name, kind, data = access.evidence_for(user, sha, lambda inst: access.may_view_evidence(user, inst))
                st.download_button(t("act.download", lang, name=name), data=data, file_name=name, mime=kind,
                                   key=f"ev_{i}", icon=":material/download:")  # a file to save, never shown inline
            else:
                st.caption(t("act.evidence_locked", lang, uni=ctx.opts.university(view.institution, lang)))
