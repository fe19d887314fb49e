"""Progress: recorded status per unit, vice-rector and goal; overdue and stale actions; recording."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import access
import paths
from analytics import charts, fmt, indicators_view, labels
from analytics.db import query
from analytics.i18n import t
from analytics.pages import progress as progress_core
from state.user_store import STATUSES
from ui import auth, editor, tables
from ui.page import SHOWN, TABLE_ROWS, chart, chart_of, context, downloads, empty, header, lead, table, time_note

EDIT_ROWS = 500  # rows of the status editor at once
ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.progress", "pr.question")
downloads(ctx, "progress")
names = labels.unit_names(lang)
day = paths.today()
this_year = day.year

acts = query("status_actions", this_year=this_year, today=day, stale_days=progress_core.STALE_DAYS, **p)
if acts.empty:
    empty(ctx)
    st.stop()
figs = progress_core.summary(ctx.f)  # the figures the overview and the deck give too
time_note(ctx)
ended = acts[acts.ended_unrecorded]
if figs.ended_unrecorded:  # the headline a rector needs first: what ended with nothing said about it
    st.warning(t("pr.ended_unrecorded", lang, n=fmt.num(figs.ended_unrecorded, lang)), icon=":material/history:")
if figs.recorded:
    lead(progress_core.headline(figs, lang))
    c = st.columns(5)
    c[0].metric(t("pr.m.recorded", lang), f"{fmt.num(figs.recorded, lang)} / {fmt.num(figs.actions, lang)}")
    c[1].metric(t("pr.m.done", lang), fmt.num(figs.done, lang))
    c[2].metric(t("pr.m.at_risk", lang), fmt.num(figs.at_risk, lang))
    c[3].metric(t("pr.m.overdue", lang), fmt.num(figs.overdue, lang))
    c[4].metric(t("pr.m.stale", lang, days=progress_core.STALE_DAYS), fmt.num(figs.stale, lang))
else:  # nothing assessed yet: no alarming zeros, say how to start
    lead(t("pr.lead.none", lang, n=fmt.num(figs.actions, lang)))
    st.metric(t("pr.m.not_assessed", lang), fmt.num(figs.actions, lang))
    st.info(t("pr.none", lang), icon=":material/info:")

for i, spec in enumerate(progress_core.progress(ctx.f)):
    chart_of(ctx, spec, folded=i >= SHOWN)

st.subheader(t("ind.section", lang))  # indicators: baseline, target, and per round expected, actual, state
indicators = indicators_view.assessed(ctx.f)
if indicators.empty:
    st.caption(t("ind.none", lang))
else:
    st.caption(fmt.plain(indicators_view.headline(indicators, lang)))
    measured = indicators_view.chart(indicators, lang)
    if measured is not None:
        chart(ctx, measured, indicators_view.table(indicators, lang), "progress-indicators")
    else:
        table(ctx, indicators_view.table(indicators, lang))
    multiples = indicators_view.small_multiples(indicators, lang) if ctx.f.goal is not None else None
    if multiples is not None:  # a goal chosen: each indicator over the rounds, side by side
        chart(ctx, multiples, indicators_view.table(indicators, lang), "progress-indicators-goal")


def listing(df: pd.DataFrame) -> pd.DataFrame:
    out = df.assign(number=[charts.action_label(i, g, tg, a, r) for i, g, tg, a, r in zip(
        df.institution, df.goal_no, df.target_no, df.action_no, df.goal_ref, strict=True)],
        status=[t(f"st.{s}", lang) if isinstance(s, str) else t("st.none", lang) for s in df.status],
        deadline_raw=labels.deadlines_of(df, lang), as_of=[fmt.day(d, lang) for d in df.as_of],
        recorded_by=auth.shown_names(df.recorded_by))  # e-mails for signed-in readers only
    out = out[["number", "title", "deadline_raw", "status", "progress_pct", "as_of", "recorded_by"]]
    out.columns = [t("c.number", lang), t("c.title", lang), t("c.deadline", lang), t("c.status", lang),
                   t("c.progress", lang), t("c.as_of", lang), t("c.recorded_by", lang)]
    return out


if len(ended):
    st.subheader(t("pr.ended_list", lang))
    table(ctx, listing(ended.head(TABLE_ROWS)), total=len(ended))
if figs.recorded:  # overdue and stale speak of recorded statuses: with none, the list above says it all
    st.subheader(t("pr.overdue", lang))
    overdue = acts[acts.overdue]
    table(ctx, listing(overdue.head(TABLE_ROWS)), total=len(overdue))  # labels only for the rows shown
    st.subheader(t("pr.stale", lang))
    stale = acts[acts.stale]
    table(ctx, listing(stale.head(TABLE_ROWS)), total=len(stale))

def _given(value: object) -> object:
    """A cleared or empty editor cell is no value."""
    return None if value is None or value == "" or (pd.api.types.is_scalar(value) and pd.isna(value)) else value


st.subheader(t("pr.editor", lang))
who = editor.login(lang, "progress")
user = editor.current_user()


def _status_editor(who: str | None, user: object) -> None:
    """The status editor of a signed-in editor: the actions this person may record, saved through
    access.record_status (checked, written and audited at once)."""
    st.caption(t("pr.history_note", lang))
    mine = acts
    if who and not access.is_admin(user):  # the editor holds only the actions this person may record
        mine = acts[acts.action_key.isin(access.writable_actions(user, acts.action_key))]
        st.caption(fmt.plain(t("au.scope", lang, scope=auth.role_text(user, lang), n=len(mine), total=len(acts))))
        if mine.empty:
            who = None
            mine = acts
    if len(mine) > EDIT_ROWS:
        st.caption(t("c.rows_capped", lang, shown=EDIT_ROWS, total=len(mine)))
    edit = mine.head(EDIT_ROWS)[["action_key", "institution", "goal_no", "target_no", "action_no", "goal_ref", "title",
                                 "status", "progress_pct", "comment", "evidence_url"]].copy()
    edit.insert(0, "number", [charts.action_label(i, g, tg, a, r) for i, g, tg, a, r in zip(
        edit.institution, edit.goal_no, edit.target_no, edit.action_no, edit.goal_ref, strict=True)])
    edit = edit.drop(columns=["institution", "goal_no", "target_no", "action_no", "goal_ref"]).set_index("action_key")
    for col in ("status", "comment", "evidence_url"):  # an empty cell reads empty, never "None"
        edit[col] = edit[col].astype(object).where(edit[col].notna(), "")
    edited = tables.editor(
        edit, key="status_editor", disabled=who is None or ["number", "title"], width="stretch", height=420,
        hide_index=True,  # the internal action key stays the row's index, out of sight
        placeholder="",  # a progress nobody has recorded is an empty cell, not Streamlit's grey "None"
        column_config={
            "number": st.column_config.TextColumn(t("c.number", lang), width="small"),
            "title": st.column_config.TextColumn(t("c.title", lang), width="large"),
            "status": st.column_config.SelectboxColumn(t("c.status", lang), options=["", *STATUSES],
                                                       format_func=lambda s: t(f"st.{s}", lang) if s else ""),
            "progress_pct": st.column_config.NumberColumn(t("c.progress", lang), min_value=0, max_value=100, step=5),
            "comment": st.column_config.TextColumn(t("c.comment", lang)),
            "evidence_url": st.column_config.LinkColumn(t("c.evidence", lang)),
        })
    fields = ["status", "progress_pct", "comment", "evidence_url"]
    before, after = edit[fields].astype(object), edited[fields].astype(object)
    changed = [key for key in after.index if not after.loc[key].equals(before.loc[key])]
    if changed:  # a new edit: the message of the last save has been read
        st.session_state.pop("_pr_saved", None)
    if who and st.button(t("pr.save", lang), icon=":material/save:", key="save_status"):
        st.session_state.pop("_pr_saved", None)
        rows = [{"action_key": key, **{f: _given(after.at[key, f]) for f in fields}} for key in changed]
        implied = 0
        for row in rows:  # progress, a comment or a link typed without a status: the action is in progress
            if not isinstance(row["status"], str):
                row["status"] = "in_progress"
                implied += 1
        if rows:
            try:
                n = access.record_status(user, rows)  # checks every row's action against the role, audited
                note = t("pr.saved", lang, n=n) + (" " + t("pr.implied", lang, n=implied) if implied else "")
                st.session_state["_pr_saved"] = note  # shown after the rerun, until the next action
                st.rerun()
            except access.Denied as exc:
                st.error(fmt.plain(t("au.denied", lang, error=exc)), icon=":material/block:")
            except ValueError as exc:
                st.error(fmt.plain(str(exc)))
        else:
            st.info(t("pr.no_change", lang))
    if st.session_state.get("_pr_saved"):  # stays through reruns (a folded chart opened) until the next edit or save
        st.success(st.session_state["_pr_saved"], icon=":material/check_circle:")


if who:  # a viewer sees the sign-in box, not an editor of empty cells
    _status_editor(who, user)


if who and access.can_record_ranking(user, user.institution if user else None):
    st.subheader(t("pr.results", lang))  # shown with its form only: a viewer gets no empty heading
    from analytics.pages import rankings as ranking_views  # choices and saving of the form live with the rankings code

    unis, ranks = ranking_views.form_options(lang)
    unis = {k: v for k, v in unis.items() if access.can_record_ranking(user, k)}  # a university editor: its own
    scope = ranking_views.resolve_institution(getattr(ctx.f, "uni", None) or ctx.f.plan)
    with st.form("ranking_result"):
        st.caption(t("rk.form.help", lang))
        cols = st.columns([2, 3])
        inst = cols[0].selectbox(t("c.institution", lang), list(unis), format_func=unis.get,
                                 index=list(unis).index(scope) if scope in unis else 0)
        ranking = cols[1].selectbox(t("rk.axis.ranking", lang), list(ranks), format_func=ranks.get)
        cols = st.columns([1, 1, 2])
        year = cols[0].number_input(t("c.year", lang), 2000, this_year + 1, this_year - 1)
        result = cols[1].text_input(t("rk.form.result", lang), placeholder="628 · 801-850 · 601+",
                                    help=t("rk.form.result_help", lang))
        source = cols[2].text_input(t("pr.source", lang))
        if st.form_submit_button(t("pr.save", lang)) and inst and ranking:
            checked = ranking_views.check_result(inst, ranking, int(year), result, source, lang)
            if isinstance(checked[0], str):
                kind, message = checked  # type: ignore[misc]
            else:
                best, worst, src = checked
                try:
                    access.record_ranking_result(user, inst, ranking, int(year), best, worst, src,
                                                 valid_rankings=set(ranks))  # checked, written and audited at once
                    kind = "success"
                    message = ranking_views.saved_message(inst, ranking, int(year), best, worst, lang)
                except access.Denied:
                    kind, message = "error", fmt.plain(t("au.denied", lang, error=inst))
                except ValueError as exc:
                    kind, message = "error", t("rk.form.error", lang, error=exc)
            {"success": st.success, "info": st.info, "error": st.error}[kind](message)

# who changed what (e-mail addresses only for signed-in readers)
auth.changes_section(ctx, (access.STATUS, access.RANKING), ctx.f.uni)
