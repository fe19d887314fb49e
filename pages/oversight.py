"""Vice-rector oversight: portfolios by goal, units, load and shared oversight."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, fmt, labels
from ui.data import query
from ui.i18n import t
from ui.page import chart, context, empty, header, table

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.oversight", "vr.question")
names = labels.unit_names(lang)


def label(key):
    return labels.vice_rector(None if pd.isna(key) else key, lang)


load = query("vr_load", **p)
if load.empty:
    empty(ctx)
    st.stop()
shared = query("vr_shared", **p)
none = query("vr_none", **p)
named = load[load.vice_rector.notna()].sort_values("actions", ascending=False)
c = st.columns(3)
if len(named):
    c[0].metric(t("vr.m.top", lang), fmt.num(int(named.iloc[0].actions), lang))
    c[0].caption(label(named.iloc[0].vice_rector))
c[1].metric(t("vr.m.shared", lang), fmt.num(len(shared), lang))
c[2].metric(t("vr.m.none", lang), fmt.num(len(none), lang))

rows = load.assign(vice_rector=[label(k) for k in load.vice_rector])
rows.columns = [t("c.vice_rector", lang), t("c.actions", lang)]
chart(ctx, charts.vr_load(load, lang, label), rows, "oversight-load")

vg = query("vr_goal", **p)
if not vg.empty:
    rows = vg.assign(vice_rector=[label(k) for k in vg.vice_rector])
    rows.columns = [t("c.vice_rector", lang), t("c.institution", lang), t("c.goal", lang), t("c.actions", lang)]
    chart(ctx, charts.vr_goal(vg, lang, label), rows, "oversight-goal")

vu = query("vr_units", **p)
if not vu.empty:
    rows = vu.assign(vice_rector=[label(k) for k in vu.vice_rector], unit_name=[names.get(u, u) for u in vu.unit_name])
    rows.columns = [t("c.vice_rector", lang), t("c.unit", lang), t("c.actions", lang)]
    chart(ctx, charts.vr_units(vu, lang, label, names), rows, "oversight-units")

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
    none.columns = [t("c.institution", lang), t("c.goal", lang), t("c.target", lang), t("c.number", lang),
                    t("c.title", lang), "note"]
    table(ctx, none)
