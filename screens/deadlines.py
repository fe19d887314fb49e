"""Deadlines over the years of the loaded plans: what falls due when; ongoing and annual items shown as such."""
from __future__ import annotations

import streamlit as st

from ui import fmt, views
from ui.data import query
from ui.i18n import t
from ui.page import TABLE_ROWS, chart, context, downloads, empty, header, table

PAGE_SIZE = 200
ctx = context()
lang, p = ctx.lang, ctx.f.params()
flow = query("year_flow", **p)
header(ctx, "nav.deadlines", "dl.question", suffix=views.years_text(flow.year) if len(flow) else None)
downloads(ctx, "deadlines")

kf = query("key_figures", **p).iloc[0]
if not kf.actions:
    empty(ctx)
    st.stop()
last = int(flow.year.max())
c = st.columns(4)
c[0].metric(t("ov.m.actions", lang), fmt.num(int(kf.actions), lang))
c[1].metric(t("ov.m.ongoing", lang), fmt.num(int(kf.ongoing), lang))
c[2].metric(t("dl.m.starting", lang, year=last), fmt.num(int(flow.loc[flow.year == last, "starting"].sum()), lang))
c[3].metric(t("dl.m.ending", lang, year=last), fmt.num(int(flow.loc[flow.year == last, "ending"].sum()), lang))

st.caption(t("dl.gantt.note", lang))
n_dated = int(query("timeline_count", with_regular=True, **p).n.iloc[0])
page_no = 1
if n_dated > PAGE_SIZE:  # a timeline of thousands of rows is unreadable: page it and say so
    pages = (n_dated - 1) // PAGE_SIZE + 1
    page_no = st.number_input(t("dl.page", lang), 1, pages, 1, key="gantt_page")
    st.warning(t("dl.gantt.paged", lang, shown=PAGE_SIZE, total=n_dated))
specs = {s.key: s for s in views.deadlines(ctx.f, PAGE_SIZE, page_no)}
for key in ("deadlines-timeline", "deadlines-per-year"):
    if key in specs:
        chart(ctx, specs[key].figure, specs[key].rows, key)
if "deadlines-months" not in specs:
    st.info(t("dl.no_months", lang))
else:
    spec = specs["deadlines-months"]
    if spec.rows.attrs["months_total"] > len(spec.rows):
        st.caption(t("dl.months_capped", lang, shown=len(spec.rows), total=spec.rows.attrs["months_total"]))
    chart(ctx, spec.figure, spec.rows, spec.key)
    if spec.rows.attrs["without_months"]:
        st.caption(t("dl.no_months_listed", lang, n=spec.rows.attrs["without_months"]))
        rows = query("monthly_without", limit=TABLE_ROWS, **p)
        rows.columns = [t("c.institution", lang), t("c.title", lang), t("c.deadline", lang)]
        table(ctx, rows, limit=None)
