"""Deadlines 2021-2025: what falls due when; ongoing and annual items shown as such."""
from __future__ import annotations

import streamlit as st

from ui import charts, fmt, labels
from ui.data import query
from ui.i18n import t
from ui.page import chart, context, empty, header, table

PAGE_SIZE = 200
ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.deadlines", "dl.question")

acts = query("filtered_actions", **p)
if acts.empty:
    empty(ctx)
    st.stop()
flow = query("year_flow", **p)
last = int(flow.year.max())
c = st.columns(4)
c[0].metric(t("ov.m.actions", lang), fmt.num(len(acts), lang))
c[1].metric(t("ov.m.ongoing", lang), fmt.num(int(acts.recurrence.isin(["regular", "annual"]).sum()), lang))
c[2].metric(t("dl.m.starting", lang, year=last), fmt.num(int(flow.loc[flow.year == last, "starting"].sum()), lang))
c[3].metric(t("dl.m.ending", lang, year=last), fmt.num(int(flow.loc[flow.year == last, "ending"].sum()), lang))

plan_order = {inst: i for i, inst in enumerate(dict.fromkeys(acts.institution))}  # query order: QKU, NDU, MDU
dated = acts[acts.start_year.notna()].assign(plan_rank=acts.institution.map(plan_order))
dated = dated.sort_values(["plan_rank", "goal_no", "target_no", "action_no"], kind="stable")
st.caption(t("dl.gantt.note", lang))
if len(dated) > PAGE_SIZE:  # a timeline of thousands of rows is unreadable: page it and say so
    pages = (len(dated) - 1) // PAGE_SIZE + 1
    page_no = st.number_input(t("dl.page", lang), 1, pages, 1, key="gantt_page")
    st.warning(t("dl.gantt.paged", lang, shown=PAGE_SIZE, total=len(dated)))
    dated = dated.iloc[(page_no - 1) * PAGE_SIZE: page_no * PAGE_SIZE]
rows = dated[["institution", "goal_no", "target_no", "action_no", "title", "deadline_raw", "recurrence",
              "start_year", "end_year"]].assign(recurrence=[labels.recurrence(r, lang) for r in dated.recurrence])
rows.columns = [t("c.institution", lang), t("c.goal", lang), t("c.target", lang), t("c.number", lang),
                t("c.title", lang), t("c.deadline", lang), t("c.recurrence", lang), "start", "end"]
chart(ctx, charts.gantt(dated, lang), rows, "deadlines-timeline")

rows = flow.rename(columns={"year": t("c.year", lang), **{k: t(f"dl.flow.{k}", lang) for k in
                                                         ("starting", "running", "ending", "ongoing")}})
chart(ctx, charts.year_flow(flow, lang), rows, "deadlines-per-year")

monthly = query("monthly_plan", **p)
with_months = monthly[monthly.start_month.notna()]
if with_months.empty:
    st.info(t("dl.no_months", lang))
else:
    rows = with_months[["institution", "title", "deadline_raw", "start_month", "end_month"]]
    rows.columns = [t("c.institution", lang), t("c.title", lang), t("c.deadline", lang), "start", "end"]
    chart(ctx, charts.monthly(with_months, lang), rows, "deadlines-2025-months")
    without = monthly[monthly.start_month.isna()]
    if len(without):
        st.caption(t("dl.no_months_listed", lang, n=len(without)))
        rows = without[["institution", "title", "deadline_raw"]]
        rows.columns = [t("c.institution", lang), t("c.title", lang), t("c.deadline", lang)]
        table(ctx, rows)
