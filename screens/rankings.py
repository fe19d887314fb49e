"""Rankings: targets as bands, with deadline, action and responsible unit; results against the band."""
from __future__ import annotations

import streamlit as st

from ui import fmt, views
from ui.data import query, ranking_results
from ui.i18n import t
from ui.page import chart, context, downloads, empty, header, table

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.rankings", "rk.question")
downloads(ctx, "rankings")

targets = query("ranking_targets", **p)
results = ranking_results(ctx.f.plan)
if targets.empty:
    empty(ctx)
    st.stop()
numeric = targets[targets.best_rank.notna()]
c = st.columns(3)
c[0].metric(t("rk.m.targets", lang), fmt.num(len(targets), lang))
c[1].metric(t("rk.m.rankings", lang), fmt.num(targets.ranking.nunique(), lang))
c[2].metric(t("rk.m.numeric", lang), fmt.num(len(numeric), lang))


rows = views.ranking_rows(targets, lang)
specs = views.rankings(ctx.f)
if not specs:
    st.info(t("rk.no_band", lang))
for spec in specs:
    chart(ctx, spec.figure, spec.rows, spec.key)
table(ctx, rows)
if results.empty:
    st.info(t("rk.no_results", lang), icon=":material/info:")
else:
    table(ctx, results)
