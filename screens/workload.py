"""Workload per unit: who carries the most of the plan, by role, year and goal."""
from __future__ import annotations

import streamlit as st

from analytics import fmt, labels
from analytics.db import query
from analytics.i18n import t
from analytics.pages import workload as workload_core
from ui.page import SHOWN, TABLE_ROWS, chart_of, context, downloads, empty, header, lead, table

TOP = 25
PICK = 200
ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.workload", "wl.question")
downloads(ctx, "workload")
names = labels.unit_names(lang)

summary = workload_core.workload_summary(ctx.f, PICK)
if summary is None:
    empty(ctx)
    st.stop()


def unit_label(key: tuple[str, str]) -> str:
    return f"{names.get(key[1], key[1])} ({key[0]})" if summary.several else names.get(key[1], key[1])


specs = workload_core.workload(ctx.f, TOP)
lead(specs[0].headline)
c = st.columns(4)
c[0].metric(t("wl.m.actions", lang), fmt.num(int(query("key_figures", **p).iloc[0].actions), lang))
c[1].metric(t("wl.m.units", lang), fmt.num(summary.units, lang))
c[2].metric(t("wl.m.lead_links", lang), fmt.num(summary.lead_links, lang))
c[3].metric(t("wl.m.partner_links", lang), fmt.num(summary.partner_links, lang))

if summary.any_new:
    st.caption(fmt.plain(t("wl.new_mark", lang)))  # a leading "*" would start a Markdown list
if summary.units > TOP:
    st.caption(t("wl.more_rows", lang, n=TOP))
for i, spec in enumerate(specs):
    if spec.key == "workload-unit-year":
        st.caption(t("wl.heatmap.note", lang))
    chart_of(ctx, spec, folded=i >= SHOWN)

st.subheader(t("wl.pick", lang))
keys = list(summary.busiest)
chosen = [k for k in keys if ctx.f.units and k[1] == ctx.f.units[0]][:1]
if not chosen and ctx.f.units:  # the filtered unit may be beyond the busiest listed
    chosen = [k for k in workload_core.workload_summary(ctx.f, summary.units).busiest if k[1] == ctx.f.units[0]][:1]
if summary.units > PICK:  # a country's every unit would be 12,000 choices (0.5 MB with every page load)
    st.caption(t("wl.pick.top", lang, n=PICK))
keys += [k for k in chosen if k not in keys]
default = chosen[0] if chosen else keys[0]
inst, unit = st.selectbox(t("c.unit", lang), keys, index=keys.index(default), format_func=unit_label,
                          key="workload_unit")
acts = query("unit_actions", unit=unit, inst=inst, limit=TABLE_ROWS + 1, **p)
acts["role"] = [t(f"role.{r}", lang) for r in acts.role]
acts["deadline_raw"] = labels.deadlines_of(acts, lang)
acts = acts[["institution", "goal_no", "target_no", "action_no", "title", "deadline_raw", "role"]]
acts.columns = [t("c.institution", lang), t("c.goal", lang), t("c.target", lang), t("c.number", lang),
                t("c.title", lang), t("c.deadline", lang), t("c.role", lang)]
table(ctx, acts)
