"""Erasmus+ CBHE projects: budgets, partners by country and institution, periods, narrative."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, fmt
from ui.data import query
from ui.i18n import t
from ui.page import chart, context, empty, header

ctx = context()
lang = ctx.lang
y = {"y0": ctx.f.year_from, "y1": ctx.f.year_to}
header(ctx, "nav.cbhe", "cb.question")
st.caption(t("cb.filters_note", lang))

projects = query("cbhe_projects", **y)
if projects.empty:
    empty(ctx)
    st.stop()
parts = query("cbhe_participants", **y)
known = projects[projects.budget_eur.notna()]
missing = projects[projects.budget_eur.isna()]
c = st.columns(4)
c[0].metric(t("cb.m.projects", lang), fmt.num(len(projects), lang))
c[1].metric(t("cb.m.total", lang), fmt.eur(float(known.budget_eur.sum()), lang) if len(known) else fmt.eur(None, lang),
            help=t("cb.m.total.help", lang, names=", ".join(missing.acronym)) if len(missing) else None)
c[2].metric(t("cb.m.partners", lang), fmt.num(parts.organisation.nunique(), lang))
c[3].metric(t("cb.m.countries", lang), fmt.num(parts.country.nunique(), lang))
if len(missing):
    st.caption(t("cb.m.total.help", lang, names=", ".join(missing.acronym)))

rows = projects[["acronym", "project_id", "title", "budget_eur", "period_raw", "coordinator", "coordinator_country",
                 "partner_count", "url"]].copy()
rows["budget_eur"] = [fmt.eur(v, lang) for v in rows.budget_eur]
rows["partner_count"] = [t("cb.no_participants", lang) if pd.isna(v) else str(int(v)) for v in rows.partner_count]
chart(ctx, charts.cbhe_budget(projects, lang), rows, "cbhe-budget")

if not parts.empty:
    chart(ctx, charts.cbhe_countries(parts, lang), parts, "cbhe-countries")
    chart(ctx, charts.cbhe_az_matrix(parts, projects.acronym.tolist(), lang), parts[parts.country == "AZ"],
          "cbhe-azerbaijan")
st.caption(t("cb.map_note", lang))
chart(ctx, charts.cbhe_periods(projects, lang), projects[["acronym", "period_raw", "start_date", "end_date"]],
      "cbhe-periods")

st.subheader(t("cb.narrative", lang))
for r in query("cbhe_narrative").itertuples():
    with st.expander(r.heading if lang == "az" else f"{t('cb.sec.' + r.section_key, lang)} — {r.heading}"):
        st.text(r.body)
