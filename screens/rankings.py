"""Rankings: targets as bands with each university's own results on its row; results without a
target band by year; every recorded result as recorded ("601+", never 601)."""
from __future__ import annotations

import streamlit as st

from analytics import fmt
from analytics.db import query
from analytics.i18n import t
from analytics.pages import rankings as ranking_views
from ui.page import SHOWN, chart_of, context, downloads, empty, header, lead, table

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.rankings", "rk.question")
downloads(ctx, "rankings")

institution = ranking_views.resolve_institution(getattr(ctx.f, "uni", None) or ctx.f.plan)
targets = query("ranking_targets", **p)
results = ranking_views.results_of(institution)
if targets.empty and results.empty:
    empty(ctx)
    st.stop()
numeric = targets[targets.best_rank.notna()]
specs = ranking_views.ranking_specs(ctx.f, institution)
if specs:  # the page's answer in one sentence, as on every page
    lead(specs[0].headline)
c = st.columns(4)
c[0].metric(t("rk.m.targets", lang), fmt.num(len(targets), lang))
c[1].metric(t("rk.m.rankings", lang), fmt.num(targets.ranking.nunique(), lang))
c[2].metric(t("rk.m.numeric", lang), fmt.num(len(numeric), lang))
c[3].metric(t("rk.m.results", lang), fmt.num(len(results), lang))

if numeric.empty:
    st.info(t("rk.no_band", lang), icon=":material/info:")
for i, spec in enumerate(specs):
    chart_of(ctx, spec, folded=i >= SHOWN)
if not targets.empty and numeric.empty:  # with target bands the same rows are behind the chart: not twice
    st.subheader(t("rk.targets", lang))
    table(ctx, ranking_views.target_rows(targets, results, lang))
st.subheader(t("rk.results", lang))
if results.empty:
    st.info(t("rk.no_results", lang), icon=":material/info:")
else:
    table(ctx, ranking_views.result_rows(results, ranking_views.targets_all(), lang))
