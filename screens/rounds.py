"""Reporting rounds: the strategy office opens and closes a university's rounds and sees, per unit and per
vice-rector portfolio, who has reported and who has not, with a reminder to copy; everyone sees the
reported and computed state of each action. Writes go through access."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import access
from analytics import charts, fmt, indicator_text, labels, reporting
from analytics.i18n import t
from paths import today
from ui import editor
from ui.page import context, header, lead, table

ctx = context()
lang = ctx.lang
header(ctx, "nav.rounds", "ro.question")
uni = getattr(ctx.f, "uni", None)
if not uni:
    st.info(t("ro.pick_uni", lang), icon=":material/school:")
    st.stop()
day = today()
if "_ro_msg" in st.session_state:
    kind, message = st.session_state.pop("_ro_msg")
    (st.success if kind == "success" else st.error)(message)
who = editor.current_user()
office = who is not None and access.can_run_rounds(who, uni)
all_rounds = reporting.rounds_of(uni)
if office:
    with st.expander(t("ro.open_title", lang), expanded=not all_rounds, icon=":material/add:"):
        with st.form("ro_open"):
            label = st.text_input(t("ro.label", lang), placeholder=t("ro.label_ph", lang), max_chars=120)
            cols = st.columns(4)
            start = cols[0].date_input(t("ro.start", lang), dt.date(day.year, 1, 1), format="DD.MM.YYYY")
            end = cols[1].date_input(t("ro.end", lang), dt.date(day.year, 12, 31), format="DD.MM.YYYY")
            due = cols[2].date_input(t("ro.due", lang), dt.date(day.year + 1, 1, 15), format="DD.MM.YYYY")
            grace = cols[3].number_input(t("ro.grace", lang), 0, 365, 7)
            if st.form_submit_button(t("ro.open_btn", lang), icon=":material/play_arrow:"):
                try:
                    access.open_round(who, uni, label, start, end, due, int(grace))
                    st.session_state["_ro_msg"] = ("success", fmt.plain(t("ro.opened", lang, label=label)))
                    st.rerun()
                except (access.Denied, ValueError) as exc:
                    st.error(fmt.plain(t("up.error", lang, error=exc)))
if office:  # the rule that turns an indicator's actual into a state: the office's, per university
    on_track, behind = reporting.thresholds(uni)
    with st.expander(t("ro.thresholds", lang, on=fmt.num(round(on_track * 100), lang),
                       behind=fmt.num(round(behind * 100), lang)), icon=":material/tune:"):
        with st.form("ro_thresholds"):
            st.caption(t("ro.thresholds_help", lang))
            cols = st.columns(2)
            new_on = cols[0].number_input(t("ro.th_on", lang), 1, 200, round(on_track * 100), step=1)
            new_behind = cols[1].number_input(t("ro.th_behind", lang), 1, 199, round(behind * 100), step=1)
            if st.form_submit_button(t("ro.th_save", lang), icon=":material/save:"):
                try:
                    access.set_thresholds(who, uni, new_on / 100, new_behind / 100)
                    st.session_state["_ro_msg"] = ("success", t("ro.th_saved", lang, on=new_on, behind=new_behind))
                    st.rerun()
                except (access.Denied, ValueError) as exc:
                    st.error(fmt.plain(t("up.error", lang, error=exc)))
if not all_rounds:
    st.info(t("ro.none", lang, uni=uni), icon=":material/event_note:")
    if not office:
        editor.login(lang, "rounds")
    st.stop()

state_word = {False: t("ro.state_open", lang), True: t("ro.state_closed", lang)}
names = {r.round_id: f"{r.label} ({state_word[r.closed]})" for r in all_rounds}
rid = st.selectbox(t("ro.pick", lang), list(names), format_func=names.get, key="ro_round")
r = next(x for x in all_rounds if x.round_id == rid)
acts = reporting.round_actions(r, lang)
n, reported = len(acts), int(acts.recorded_at.notna().sum())
lead(t("ro.lead", lang, round=r.label, state=state_word[r.closed], n=fmt.num(n, lang),
       reported=fmt.num(reported, lang), due=fmt.day(r.due_date, lang)))
c = st.columns(4)
c[0].metric(t("ro.m.due", lang), fmt.num(n, lang))
c[1].metric(t("ro.m.reported", lang), fmt.num(reported, lang))
c[2].metric(t("ro.m.missing", lang), fmt.num(n - reported, lang))
c[3].metric(t("ro.m.mismatch", lang), fmt.num(int(acts.mismatch.sum()) if n else 0, lang))

unit_names = labels.unit_names(lang)
vr_names = labels.vice_rector_names(lang)


def progress_table(by: str, names_of: dict[str, str], none_key: str, heading: str) -> pd.DataFrame:
    prog = reporting.reporting_progress(acts, by)
    out = pd.DataFrame({heading: [names_of.get(k, k) if isinstance(k, str) else t(none_key, lang) for k in prog.key],
                        t("ro.col.missing", lang): prog.missing,  # what the office acts on, first (a phone's width)
                        t("ro.col.due", lang): prog.due, t("ro.col.reported", lang): prog.reported})
    return out


# A phone (390 px) has room for a unit and two narrow columns: there the counts are 'not reported' and 'reported/due'
# ('2/14') in one column, the wide table is hidden, and no column needs scrolling sideways (issue 27).
st.html("""<style>
[class*="st-key-ro_phone_"] { display: none !important; }
@media (max-width: 640px) {
  [class*="st-key-ro_phone_"] { display: block !important; }
  [class*="st-key-ro_wide_"] { display: none !important; }
}
</style>""")
tabs = st.tabs([t("ro.by_unit", lang), t("ro.by_vr", lang), t("ro.states", lang)])
narrow = {t(k, lang): st.column_config.NumberColumn(t(k, lang), width="small")  # the counts fit a phone
          for k in ("ro.col.due", "ro.col.reported", "ro.col.missing")}


def counts(by: str, names_of: dict[str, str], none_key: str, heading: str) -> None:
    """Per unit (or portfolio) the counts: all of them on a wide screen, two narrow columns on a phone."""
    df = progress_table(by, names_of, none_key, heading)
    with st.container(key=f"ro_wide_{by}"):
        table(ctx, df, limit=None, column_config=narrow)
    missing, of_due = t("ro.col.missing_phone", lang), t("ro.col.reported_of_due", lang)
    phone = pd.DataFrame({heading: df[heading], missing: df[t("ro.col.missing", lang)],
                          of_due: [f"{fmt.num(int(r), lang)}/{fmt.num(int(d), lang)}" for r, d in
                                   zip(df[t("ro.col.reported", lang)], df[t("ro.col.due", lang)], strict=True)]})
    with st.container(key=f"ro_phone_{by}"):
        table(ctx, phone, limit=None, column_config={
            missing: st.column_config.NumberColumn(missing, width=76),
            of_due: st.column_config.TextColumn(of_due, width=90)})


with tabs[0]:
    counts("unit", unit_names, "ro.no_unit", t("c.unit", lang))
    st.caption(t("ro.joint", lang))
    text = reporting.reminder(acts, unit_names, t("ro.remind_line", lang, round=r.label,
                                                     due=fmt.day(r.due_date, lang)))
    if text.count("\n"):
        st.caption(t("ro.remind", lang))
        st.code(text, language=None, wrap_lines=True)
    elif n:
        st.success(t("ro.all_reported", lang))
with tabs[1]:
    counts("vice_rector", vr_names, "ro.no_vr", t("c.vice_rector", lang))
with tabs[2]:
    def state_of(s: object) -> str:
        return t(f"state.{s}", lang) if isinstance(s, str) else t("state.not_assessed", lang)

    rows = pd.DataFrame({
        t("c.number", lang): [charts.action_label(i, g, tg, a, ref) for i, g, tg, a, ref in
                              zip(acts.institution, acts.goal_no, acts.target_no, acts.action_no, acts.goal_ref,
                                  strict=True)],
        t("c.title", lang): acts.title,
        t("ro.col.reported_state", lang): [state_of(s) for s in acts.reported_state],
        t("ro.col.computed_state", lang): [state_of(s) for s in acts.computed_state],
        t("up.target", lang): [indicator_text.target(v, u, p, cmp, lang) for v, u, p, cmp in
                               zip(acts.target_value, acts.unit, acts.period, acts.comparator, strict=True)],
        t("ro.col.expected", lang): [indicator_text.number(e, lang) for e in acts.expected],
        t("ro.col.actual", lang): [indicator_text.number(v, lang) for v in acts.actual_value],
        t("ro.col.flag", lang): [t("up.mismatch", lang, pct=fmt.num(round(s * 100), lang)) if m else None
                                 for m, s in zip(acts.mismatch, acts.share, strict=True)],
    })
    table(ctx, rows)

if office and not r.closed:
    if st.button(t("ro.close_btn", lang), icon=":material/lock:", key="ro_close"):
        try:
            access.close_round(who, r.round_id)
            st.session_state["_ro_msg"] = ("success", fmt.plain(t("ro.closed_done", lang, label=r.label)))
            st.rerun()
        except (access.Denied, ValueError) as exc:
            st.error(fmt.plain(t("up.error", lang, error=exc)))
elif not office:
    st.caption(t("ro.need_office", lang))
    editor.login(lang, "rounds")
