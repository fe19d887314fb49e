"""Vice-rector oversight: portfolios by goal, units, load and shared oversight."""
from __future__ import annotations

import streamlit as st

from analytics import fmt, labels
from analytics.db import query
from analytics.i18n import t
from analytics.pages import oversight as oversight_core
from ui.page import SHOWN, chart_of, context, downloads, empty, header, lead, table

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.oversight", "vr.question")
downloads(ctx, "oversight")


vr_names = labels.vice_rector_names(lang)


def label(key):
    return labels.vice_rector(key, lang, vr_names)


load = query("vr_load", **p)
if load.empty:
    empty(ctx)
    st.stop()
shared = query("vr_shared", **p)
none = query("vr_none", **p)
specs = oversight_core.oversight(ctx.f)
if specs:
    lead(specs[0].headline)
c = st.columns(3)
c[0].metric(t("wl.m.actions", lang), fmt.num(int(query("key_figures", **p).iloc[0].actions), lang))
c[1].metric(t("vr.m.shared", lang), fmt.num(len(shared), lang))
c[2].metric(t("vr.m.none", lang), fmt.num(len(none), lang))

for i, spec in enumerate(specs):
    chart_of(ctx, spec, folded=i >= SHOWN)

st.subheader(t("vr.shared", lang))
if shared.empty:
    st.caption(t("c.no_data", lang))
else:
    shared["vice_rectors"] = [", ".join(label(k) for k in v) for v in shared.vice_rectors]
    shared.columns = [t("c.institution", lang), t("c.goal", lang), t("c.target", lang), t("c.number", lang),
                      t("c.title", lang), t("c.vice_rector", lang)]
    table(ctx, shared)

st.subheader(t("vr.none", lang))
if none.empty:
    st.caption(t("c.no_data", lang))
else:
    names = [t("c.institution", lang), t("c.goal", lang), t("c.target", lang), t("c.number", lang), t("c.title", lang)]
    if none.note_raw.isna().all():  # no plan in view has a note column: no column of "not given"
        none = none.drop(columns=["note_raw"])
    else:  # an action without a note: an empty cell
        names.append(t("c.note", lang))
        none = none.assign(note_raw=none.note_raw.fillna(""))
    none.columns = names
    table(ctx, none)
