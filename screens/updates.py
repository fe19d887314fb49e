"""My updates: a unit editor reports, in the open round, on the actions its unit leads: status, progress,
the indicator's actual value, a comment and evidence (a file or a link). Every save goes through access."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import access
from analytics import charts, fmt, indicator_text, labels, reporting
from analytics.i18n import t
from parse import evidence
from parse.errors import LoadError
from paths import today
from state.user_store import STATUSES
from ui import auth, builtin_texts, editor
from ui.guard import without_folders
from ui.page import context, header, lead

ctx = context()
lang = ctx.lang
header(ctx, "nav.updates", "up.question")
who = editor.login(lang, "updates")
user = editor.current_user()
if who is None or user is None:
    st.info(t("up.need_login", lang), icon=":material/lock:")
    st.stop()

day = today()
insts = [user.institution] if user.institution else None  # an administrator: every university's open rounds
open_now = reporting.open_rounds(insts)
if getattr(ctx.f, "uni", None):
    open_now = [r for r in open_now if r.institution == ctx.f.uni]
if not open_now:
    st.info(t("up.none_open", lang, uni=user.institution or ctx.f.uni or "—"), icon=":material/event_busy:")
    st.stop()
labels_of = {r.round_id: f"{r.institution} · {r.label}" for r in open_now}
rid = st.selectbox(t("up.pick_round", lang), list(labels_of), format_func=labels_of.get, key="up_round")
r = next(x for x in open_now if x.round_id == rid)
names = labels.unit_names(lang)
unit = user.unit_name if user.role == "unit_editor" else None
if unit is None:  # the office or an administrator may report for any unit of the round
    every = reporting.round_actions(r, lang)
    counts = every.lead_units.explode().value_counts()  # the unit with the most actions first
    units = sorted(counts.index, key=lambda u: (-int(counts[u]), names.get(u, u)))
    unit = st.selectbox(t("up.pick_unit", lang), units, format_func=lambda u: names.get(u, u), key="up_unit") \
        if units else None
acts = reporting.round_actions(r, lang, unit)
left = reporting.days_left(r, day)
left_text = t("up.days_left", lang, n=left) if left >= 0 else t("up.days_over", lang, n=-left)
lead(t("up.lead", lang, round=r.label, n=fmt.num(len(acts), lang), done=fmt.num(int(acts.recorded_at.notna().sum()),
                                                                                 lang),
       due=fmt.day(r.due_date, lang), left=left_text))
if r.late_on(day) and not access.can_run_rounds(user, r.institution):
    st.warning(t("up.late_note", lang), icon=":material/schedule:")
if acts.empty:
    st.info(t("up.no_actions", lang), icon=":material/info:")
    st.stop()

if "_up_msg" in st.session_state:
    kind, message = st.session_state.pop("_up_msg")
    (st.success if kind == "success" else st.error)(message)
status_names = {s: t(f"st.{s}", lang) for s in STATUSES}
max_mb = evidence.max_bytes() / 2**20
EVIDENCE_TYPES = ["pdf", "docx", "xlsx", "png", "jpg", "jpeg"]
st.html(builtin_texts.upload_types_css(EVIDENCE_TYPES, lang))  # Streamlit's size and type line in Azerbaijani
for a in acts.itertuples():
    number = charts.action_label(a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref)
    reported = isinstance(a.recorded_by, str)
    with st.expander(f"{'✓ ' if reported else ''}{number} · {a.title}", expanded=False):
        facts = []
        if isinstance(a.indicator_name, str):
            facts.append((t("up.indicator", lang), a.indicator_name))
        if isinstance(a.baseline, str):
            facts.append((t("up.baseline", lang), a.baseline))
        target = indicator_text.target(a.target_value, a.unit, a.period, a.comparator, lang)
        if isinstance(a.indicator_name, str):
            facts.append((t("up.target", lang), target or t("up.no_target", lang)))
        if isinstance(a.evidence_expected, str):
            facts.append((t("up.expected_evidence", lang), a.evidence_expected))
        for label, value in facts:
            st.text(f"{label}: {value}")  # text from the plan is shown, never interpreted
        st.page_link("screens/action.py", label=t("act.open", lang), icon=":material/history:",
                     query_params={"action": a.action_key, **ctx.f.query_params()})  # every report and its evidence
        if reported:
            status = status_names.get(a.status, t("st.none", lang)) if isinstance(a.status, str) else t("st.none", lang)
            st.text(t("up.last", lang, status=status, who=auth.shown_names(pd.Series([a.recorded_by]))[0],
                      when=fmt.date_time(a.recorded_at, lang)))  # as text: an e-mail never becomes a link
            if isinstance(a.comment, str):
                st.text(a.comment)
            if a.computed_state != "not_assessed":
                st.caption(t("up.computed", lang, state=t(f"state.{a.computed_state}", lang)))
            if a.mismatch:
                st.warning(t("up.mismatch", lang, pct=fmt.num(round(a.share * 100), lang)), icon=":material/flag:")
            if isinstance(a.evidence_name, str):
                st.text(t("up.evidence", lang, name=a.evidence_name))
            elif isinstance(a.evidence_url, str):
                st.text(t("up.evidence", lang, name=a.evidence_url))
        else:
            st.caption(t("up.never", lang))
        with st.form(f"up_{a.action_key}", clear_on_submit=True):
            cols = st.columns(3)
            status = cols[0].selectbox(t("up.status", lang), list(STATUSES), format_func=status_names.get,
                                       index=None, key=f"s_{a.action_key}")
            pct = cols[1].number_input(t("up.progress", lang), 0.0, 100.0, value=None, step=5.0,
                                       key=f"p_{a.action_key}")
            actual = cols[2].number_input(t("up.actual", lang), value=None, step=1.0, key=f"v_{a.action_key}")
            comment = st.text_area(t("up.comment", lang), key=f"c_{a.action_key}", max_chars=4000)
            upload = st.file_uploader(t("up.file", lang, mb=fmt.num(round(max_mb), lang)),
                                      type=EVIDENCE_TYPES, key=f"f_{a.action_key}")
            link = st.text_input(t("up.link", lang), key=f"l_{a.action_key}")
            if st.form_submit_button(t("up.save", lang), icon=":material/save:"):
                try:
                    access.record_update(user, r.round_id, a.action_key, status=status, progress_pct=pct,
                                         actual_value=actual, comment=comment, link=link or None,
                                         file_name=upload.name if upload else None,
                                         file_data=upload.getvalue() if upload else None, day=day)
                    st.session_state["_up_msg"] = ("success", fmt.plain(t("up.saved", lang, title=number)))
                    st.rerun()  # the action's last report and the counts above show the new entry
                except (access.Denied, ValueError, LoadError) as exc:
                    st.error(fmt.plain(t("up.error", lang, error=without_folders(exc))))
