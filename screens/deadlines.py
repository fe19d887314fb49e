"""Deadlines: per goal (per target when a goal is chosen) and year, how many actions are in progress, start
and end; then the actions of one chosen goal, target or unit one by one (a page of 40 at a time); then
the year flow and the yearly plans by month."""
from __future__ import annotations

import hashlib
import textwrap

import pandas as pd
import streamlit as st

import paths
from analytics import fmt, labels, views
from analytics.db import query
from analytics.i18n import t
from analytics.pages import deadlines as deadlines_core
from ui.page import TABLE_ROWS, chart, chart_of, context, downloads, empty, header, lead, table, time_note

ctx = context()
f = ctx.f
lang, p = ctx.lang, f.params()
flow = query("year_flow", **p)
header(ctx, "nav.deadlines", "dl.question", suffix=views.years_text(flow.year) if len(flow) else None)
downloads(ctx, "deadlines")

kf = query("key_figures", **p).iloc[0]
specs = {s.key: s for s in deadlines_core.deadlines(f, page_size=deadlines_core.GANTT_ROWS)} if kf.actions else {}
if "deadlines-overview" not in specs:
    empty(ctx)
    st.stop()

overview = specs["deadlines-overview"]
year = overview.rows.attrs["year"]
lead(overview.headline)
time_note(ctx)
c = st.columns(4)
c[0].metric(t("ov.m.actions", lang), fmt.num(int(kf.actions), lang))
c[1].metric(t("ov.m.ongoing", lang), fmt.num(int(kf.ongoing), lang))
past = int(year) < paths.today().year  # a year behind today is spoken of in the past, as the headline is
c[2].metric(t("dl.m.started" if past else "dl.m.starting", lang, year=year),
            fmt.num(overview.rows.attrs["starting"], lang))
c[3].metric(t("dl.m.ended" if past else "dl.m.ending", lang, year=year), fmt.num(overview.rows.attrs["ending"], lang))
chart(ctx, overview.figure, overview.rows, overview.key)


def key(*parts: object) -> str:
    """A widget key that changes with the filters (and the choice), so a choice that no longer exists
    is never kept."""
    return "dl_" + hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


def count(n: int) -> str:
    return t("dl.pick.n.one" if n == 1 else "dl.pick.n.other", lang, n=fmt.num(n, lang))


def short(text: str, width: int = 90) -> str:
    return textwrap.shorten(text, width, placeholder="…")


PICK_MAX = 300  # choices a list offers at most (national scale: thousands of plan goals and units)


def capped(frame: pd.DataFrame) -> pd.DataFrame:
    if len(frame) > PICK_MAX:
        st.caption(t("dl.pick.capped", lang, shown=fmt.num(PICK_MAX, lang), total=fmt.num(len(frame), lang)))
    return frame.head(PICK_MAX).reset_index(drop=True)


# ---------------------------------------------------------------- the actions of one choice, one by one
st.subheader(t("dl.pick.title", lang), anchor=False)
st.caption(t("dl.pick.help", lang))
state = (f.plan, f.uni, f.goal, f.units, f.unit_role, f.vrs, f.year_from, f.year_to)
by = st.radio(t("dl.pick.by", lang), ["goal", "unit"], horizontal=True, key="dl_by",
              format_func=lambda k: t(f"dl.pick.by_{k}", lang))
choice: deadlines_core.GanttChoice | None = None
cols = st.columns(2)
if by == "goal":
    found = query("deadline_choices", **p)
    goals = found.groupby(["document_id", "goal_no"], sort=False, dropna=False).agg(
        plan_label=("plan_label", "first"), goal_title=("goal_title", "first"), actions=("actions", "sum")
    ).reset_index()
    goals = capped(goals)
    several = goals.document_id.nunique() > 1
    wanted = [i for i, g in enumerate(goals.goal_no) if f.goal is not None and g == f.goal]
    gi = cols[0].selectbox(
        t("c.goal", lang), range(len(goals)), index=wanted[0] if wanted else 0, key=key("goal", state),
        format_func=lambda i: short(views.goal_label(goals.plan_label[i] if several else None, goals.goal_no[i],
                                                     goals.goal_title[i], lang)) + f" — {count(goals.actions[i])}")
    goal = goals.iloc[gi]
    same_goal = found.goal_no.isna() if pd.isna(goal.goal_no) else found.goal_no == goal.goal_no
    targets = found[(found.document_id == goal.document_id) & same_goal & found.target_no.notna()].reset_index()
    ti = None
    if len(targets) > 1:
        ti = cols[1].selectbox(
            t("c.target", lang), [None, *range(len(targets))], key=key("target", state, gi),
            format_func=lambda i: t("dl.pick.all_targets", lang) if i is None else short(
                views.goal_label(None, targets.goal_no[i], targets.target_title[i], lang, targets.target_no[i], True))
            + f" — {count(targets.actions[i])}")
    goal_no = None if pd.isna(goal.goal_no) else int(goal.goal_no)
    target_no = None if ti is None else int(targets.target_no[ti])
    choice = deadlines_core.GanttChoice(
        doc=goal.document_id, goal_no=goal_no, target_no=target_no,
        label=views.goal_label(goal.plan_label, goal_no, None, lang, target_no, target_no is not None))
else:
    units = query("deadline_unit_choices", **p)
    if f.units:  # the unit filter is set: its units are the choice
        units = units[units.unit_name.isin(f.units)]
    units = capped(units)  # the busiest first
    names = labels.unit_names(lang)
    several = units.institution.nunique() > 1

    def unit_label(i: int) -> str:
        name = names.get(units.unit_name[i], units.unit_name[i])
        return f"{name} ({units.institution[i]})" if several else name

    if units.empty:
        st.info(t("dl.unit_none", lang))
    else:
        ui = cols[0].selectbox(t("c.unit", lang), range(len(units)), key=key("unit", state),
                               format_func=lambda i: f"{short(unit_label(i))} — {count(units.actions[i])}")
        choice = deadlines_core.GanttChoice(unit=units.unit_name[ui], inst=units.institution[ui], label=unit_label(ui))

if choice is not None:
    spec = deadlines_core.deadline_gantt(f, choice, 1)
    if spec is not None:
        pages = spec.rows.attrs["pages"]
        if pages > 1:
            page_no = st.number_input(t("dl.page", lang), 1, pages, 1, key=key("page", state, choice))
            if page_no != 1:
                spec = deadlines_core.deadline_gantt(f, choice, int(page_no))
        a = spec.rows.attrs
        if pages > 1:
            st.caption(t("dl.gantt.rows", lang, first=fmt.num(a["first"], lang), total=fmt.num(a["total"], lang),
                         last=fmt.num(a["first"] + len(spec.rows) - 1, lang)))
        if a["total"] >= deadlines_core.GANTT_CAP:
            st.caption(t("dl.gantt.capped", lang, n=fmt.num(deadlines_core.GANTT_CAP, lang)))
        st.caption(t("dl.gantt.legend", lang))
        chart(ctx, spec.figure, spec.rows, spec.key)

# ---------------------------------------------------------------- the year flow, the yearly plans by month
# Both wait folded under their titles and are read only once opened.
chart_of(ctx, specs["deadlines-per-year"], folded=True)


def months_capped(spec: views.ChartSpec) -> None:
    if spec.rows.attrs["months_total"] > len(spec.rows):
        st.caption(t("dl.months_capped", lang, shown=len(spec.rows), total=spec.rows.attrs["months_total"]))


def without_months(spec: views.ChartSpec) -> None:
    if spec.rows.attrs["without_months"]:
        st.caption(t("dl.no_months_listed", lang, n=spec.rows.attrs["without_months"]))
        rows = query("monthly_without_rows", limit=TABLE_ROWS, **p)
        rows = pd.DataFrame({t("c.institution", lang): rows.institution, t("c.title", lang): rows.title,
                             t("c.deadline", lang): labels.deadlines_of(rows, lang)})
        table(ctx, rows, limit=None)


chart_of(ctx, specs["deadlines-months"], folded=True, before=months_capped, after=without_months,
         missing=t("dl.no_months", lang))
if kf.as_written:
    n = int(kf.as_written)
    st.caption(t("dl.as_written.one" if n == 1 else "dl.as_written.other", lang, n=fmt.num(n, lang)))
    st.page_link("screens/data.py", label=t("nav.data", lang), query_params=f.query_params(),
                 icon=":material/database:")
