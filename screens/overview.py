"""Overview: the plan at a glance."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from analytics import fmt
from analytics.db import query
from analytics.i18n import t
from analytics.pages import cbhe as cbhe_core
from analytics.pages import overview as overview_core
from analytics.pages import progress as progress_core
from app_pages import PAGES
from ui.page import SHOWN, chart_of, context, downloads, empty, header, lead, meeting_pack, time_note

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.overview", "ov.question")
downloads(ctx, "overview")

k = query("key_figures", **p).iloc[0]
uni = ctx.f.uni  # resolved with the plan (analytics.filters.resolve)
# the projects of the university in view (the country's without one), whatever the plan years
cbhe, _ = cbhe_core.cbhe_frames(replace(ctx.f, uni=uni, year_from=None, year_to=None))
known = cbhe[cbhe.budget_eur.notna()]
missing = cbhe[cbhe.budget_eur.isna()]
if k.actions:
    scope = ctx.opts.plan_name(ctx.f.plan, lang) if ctx.f.plan else ctx.opts.university(ctx.f.uni, lang) if ctx.f.uni \
        else t("ov.scope.all", lang, n=len(ctx.opts.universities))
    lead(t("ov.lead", lang, scope=scope, actions=fmt.num(k.actions, lang), goals=fmt.num(k.goals, lang),
           units=fmt.num(k.units, lang)))
time_note(ctx)  # where each plan stands today: ended, running or ahead
c = st.columns(4)
c[0].metric(t("ov.m.actions", lang), fmt.num(k.actions, lang))
c[1].metric(t("ov.m.goals", lang), fmt.num(k.goals, lang))
c[2].metric(t("ov.m.units", lang), fmt.num(k.units, lang))
c[3].metric(t("ov.m.vrs", lang), fmt.num(k.vice_rectors, lang))
c = st.columns(4)
c[0].metric(t("ov.m.ongoing", lang), fmt.num(k.ongoing, lang))
c[1].metric(t("ov.m.dated", lang), fmt.num(k.dated, lang))
if uni and cbhe.empty:  # a university that takes part in no project: no budget to sum, say so
    c[2].metric(t("ov.m.cbhe", lang), t("ov.m.cbhe.none", lang), help=t("ov.m.cbhe.none_help", lang, uni=uni))
else:
    c[2].metric(t("ov.m.cbhe", lang),
                fmt.eur(float(known.budget_eur.sum()), lang) if len(known) else fmt.eur(None, lang),
                help=t("ov.m.cbhe.help", lang, n=len(known), missing=len(missing), names=", ".join(missing.acronym))
                if len(missing) else None)
c[3].metric(t("ov.m.rankings", lang), fmt.num(k.ranking_targets, lang))
sf = progress_core.summary(ctx.f)  # the progress page's figures
if sf.ended_unrecorded:  # the rector's first question: what ended with nothing said about it
    st.warning(t("pr.ended_unrecorded", lang, n=fmt.num(sf.ended_unrecorded, lang)), icon=":material/history:")
if sf.recorded:
    c = st.columns(4)
    c[0].metric(t("pr.m.recorded", lang), f"{fmt.num(sf.recorded, lang)} / {fmt.num(sf.actions, lang)}")
    c[1].metric(t("pr.m.done", lang), fmt.num(sf.done, lang))
    c[2].metric(t("pr.m.at_risk", lang), fmt.num(sf.at_risk, lang))
    c[3].metric(t("pr.m.overdue", lang), fmt.num(sf.overdue, lang))
if k.no_deadline:
    st.caption(t("ov.no_deadline", lang, n=int(k.no_deadline)))
if k.as_written:
    st.caption(t("ov.as_written", lang, n=int(k.as_written)))

specs = overview_core.overview(ctx.f)
if not specs:
    empty(ctx)
for i, spec in enumerate(specs):
    chart_of(ctx, spec, folded=i >= SHOWN)

meeting_pack(ctx)

st.subheader(t("ov.links", lang))
cols = st.columns(3)
others = [p for p in PAGES if p.url != "overview"]  # from the one page registry, in the sidebar's order
per_column = -(-len(others) // 3)
for i, page in enumerate(others):  # down each column first: the phone's single column keeps the order
    cols[i // per_column].page_link(page.path, label=t(page.title_key, lang), icon=page.icon,
                                    query_params=ctx.f.query_params())
