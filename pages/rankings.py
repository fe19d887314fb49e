"""Rankings: targets as bands, with deadline, action and responsible unit; results against the band."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, fmt, labels
from ui.data import query
from ui.i18n import t
from ui.page import chart, context, empty, header, table

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.rankings", "rk.question")
names = labels.unit_names(lang)

targets = query("ranking_targets", **p)
results = query("ranking_results", plan=ctx.f.plan)
if targets.empty:
    empty(ctx)
    st.stop()
numeric = targets[targets.best_rank.notna()]
c = st.columns(3)
c[0].metric(t("rk.m.targets", lang), fmt.num(len(targets), lang))
c[1].metric(t("rk.m.rankings", lang), fmt.num(targets.ranking.nunique(), lang))
c[2].metric(t("rk.m.numeric", lang), fmt.num(len(numeric), lang))


def band(best, worst) -> str:
    if pd.isna(best):
        return t("rk.no_band", lang)
    return t("rk.top", lang, n=int(worst)) if int(best) == 1 else f"{int(best)}–{int(worst)}"


rows = targets.assign(
    band=[band(b, w) for b, w in zip(targets.best_rank, targets.worst_rank, strict=True)],
    action=[charts.action_label(i, g, tg, a) for i, g, tg, a in zip(
        targets.institution, targets.goal_no, targets.target_no, targets.action_no, strict=True)],
    lead_units=[", ".join(names.get(u, u) for u in us) for us in targets.lead_units],
)[["institution", "ranking_name", "band", "deadline_raw", "action", "action_title", "lead_units"]]
rows.columns = [t("c.institution", lang), t("rk.axis.ranking", lang), t("rk.band", lang), t("c.deadline", lang),
                t("c.number", lang), t("c.action", lang), t("c.lead_units", lang)]
if numeric.empty:
    st.info(t("rk.no_band", lang))
else:
    chart(ctx, charts.ranking_bands(targets, results, lang), rows, "rankings-bands")
table(ctx, rows)
if results.empty:
    st.info(t("rk.no_results", lang), icon=":material/info:")
else:
    table(ctx, results)
