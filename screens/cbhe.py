"""Erasmus+ CBHE projects: budgets, partners by country and institution, periods, narrative."""
from __future__ import annotations

import streamlit as st

from analytics import fmt
from analytics.db import query
from analytics.i18n import t
from analytics.pages import cbhe as cbhe_core
from ui.page import SHOWN, chart_of, context, downloads, empty, header, lead

ctx = context()
lang = ctx.lang
header(ctx, "nav.cbhe", "cb.question")
downloads(ctx, "cbhe")
st.caption(t("cb.filters_note.uni" if ctx.f.uni else "cb.filters_note", lang))  # what the filters do here

projects, parts = cbhe_core.cbhe_frames(ctx.f)
if projects.empty:
    if ctx.f.uni:
        st.info(t("cb.none_for_uni", lang, uni=ctx.opts.university(ctx.f.uni, lang)),
                icon=":material/info:")
    else:
        empty(ctx)
    st.stop()
known = projects[projects.budget_eur.notna()]
missing = projects[projects.budget_eur.isna()]
specs = cbhe_core.cbhe(ctx.f)
if specs:  # the page's answer in one sentence, as on every page
    lead(specs[0].headline)
c = st.columns(4)
c[0].metric(t("cb.m.projects", lang), fmt.num(len(projects), lang))
c[1].metric(t("cb.m.total", lang), fmt.eur(float(known.budget_eur.sum()), lang) if len(known) else fmt.eur(None, lang),
            help=t("cb.m.total.help", lang, names=", ".join(missing.acronym)) if len(missing) else None)
c[2].metric(t("cb.m.partners", lang), fmt.num(parts.organisation.nunique(), lang))
c[3].metric(t("cb.m.countries", lang), fmt.num(parts.country.nunique(), lang))
if len(missing):
    st.caption(t("cb.m.total.help", lang, names=", ".join(missing.acronym)))

for i, spec in enumerate(specs):
    chart_of(ctx, spec, folded=i >= SHOWN)

st.subheader(t("cb.narrative", lang))
for r in query("cbhe_narrative").itertuples():
    with st.expander(r.heading if lang == "az" else t("cb.sec." + r.section_key, lang)):
        st.text(r.body)
