"""The oversight page's core: actions per vice-rector's portfolio, per goal and per unit.

Used by the page's screen (screens/oversight.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt, labels
from analytics.charts import (
    MAX_PLAN_COLUMNS,
    goal_columns,
    heatmap,
    style,
    wrap,
    zeros_where_possible,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import MUTED, VICE_RECTOR_COLOURS
from analytics.views import (
    AnySpec,
    ChartSpec,
    Later,
    lead_sentence,
    leaders,
    shared,
    vr_label,
)


@shared
def oversight(f: Filters) -> list[AnySpec]:
    lang, p = f.lang, f.params()
    names: dict[str, str] = {}  # vr_units carries display labels
    label = vr_label(lang)
    load = query("vr_load", **p)
    if load.empty:
        return []
    out = []
    named = load[load.vice_rector.notna()].sort_values("actions", ascending=False)
    total = int(query("key_figures", **p).iloc[0].actions)
    if len(named):  # "no vice-rector named" is not a portfolio: counted in the page's figures, not drawn as a bar
        overseen = total - int(load[load.vice_rector.isna()].actions.sum())
        bars = int(named.actions.sum())
        axis = (t("vr.axis.joint", lang, bars=fmt.num(bars, lang), n=fmt.num(overseen, lang)) if bars > overseen
                else t("c.actions", lang))  # a joint action counts under each of its vice-rectors: say so
        several = named.institution.nunique() > 1  # one post per university: 'International Relations (QKU)'
        named = named.assign(shown=[f"{label(k)} ({i})" if several else label(k)
                                    for k, i in zip(named.vice_rector, named.institution, strict=True)])
        rows = named[["shown", "actions"]].copy()
        rows.columns = [t("c.vice_rector", lang), t("c.actions", lang)]
        top_vrs, most = leaders(named.set_index("shown")["actions"])
        headline = lead_sentence("h.vr_top", top_vrs, lang, "vr", n=most, total=total)
        out.append(ChartSpec("oversight-load", "oversight", vr_load(named, lang, label, axis), rows,
                             headline))
    vg = query("vr_goal", **p)
    if not vg.empty:
        top = vg.sort_values("actions", ascending=False).iloc[0]
        rows = vg.assign(vice_rector=[label(k) for k in vg.vice_rector])
        rows.columns = [t("c.vice_rector", lang), t("c.institution", lang), t("c.goal", lang), t("c.actions", lang)]
        out.append(
            ChartSpec(
                "oversight-goal",
                "oversight",
                vr_goal(vg, lang, label),
                rows,
                t(
                    "h.vr_goal",
                    lang,
                    vr=label(top.vice_rector),
                    plan=top.institution,
                    goal=int(top.goal_no),
                    n=int(top.actions),
                ),
            )
        )

    def units_spec() -> ChartSpec | None:
        vu = labels.units_by_university(query("vr_units", **p), lang)
        vu = vu.groupby(["vice_rector", "unit_name"], as_index=False, sort=False)["actions"].sum()
        if vu.empty:
            return None
        spread = vu.groupby("unit_name")["vice_rector"].nunique().sort_values(ascending=False)
        rows = vu.assign(
            vice_rector=[label(k) for k in vu.vice_rector], unit_name=[names.get(u, u) for u in vu.unit_name]
        )
        rows.columns = [t("c.vice_rector", lang), t("c.unit", lang), t("c.actions", lang)]
        return ChartSpec(
            "oversight-units",
            "oversight",
            vr_units(vu, lang, label, names),
            rows,
            lead_sentence("h.unit_portfolios", *leaders(spread)[:1], lang, n=leaders(spread)[1]),
        )

    out.append(Later("oversight-units", "oversight", t("vr.chart.units", lang), units_spec))
    return out


view = oversight  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)


# Figures: data frame in, plotly figure out.


# ------------------------------------------------------------------ oversight
def vr_load(df: pd.DataFrame, lang: str, label, x_title: str | None = None) -> go.Figure:
    """Actions per vice-rector portfolio; `x_title` says when joint actions count under several."""
    df = df.sort_values("actions", kind="stable")
    keys = [None if pd.isna(k) else k for k in df.vice_rector]
    fig = go.Figure(
        go.Bar(
            x=df["actions"],
            y=df["shown"].tolist() if "shown" in df else [label(k) for k in keys],  # 'shown': with its university
            orientation="h",
            marker_color=[VICE_RECTOR_COLOURS.get(k, MUTED) for k in keys],
            text=df["actions"],
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    return style(
        fig,
        t("vr.chart.load", lang),
        x_title or t("c.actions", lang),
        None,
        height=max(300, 40 * len(df) + 120),
        legend=False,
        lang=lang,
    )


def vr_goal(df: pd.DataFrame, lang: str, label) -> go.Figure:
    """Portfolios × goals; a portfolio and a goal of a university where it oversees nothing: no cell."""
    summed = df.institution.nunique() > MAX_PLAN_COLUMNS
    df, x_title = goal_columns(df, lang)
    z = df.pivot_table(index="vice_rector", columns="goal", values="actions", aggfunc="sum")
    z = zeros_where_possible(z, df, "vice_rector", summed)
    z = z.loc[z.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    return heatmap(
        z,
        t("vr.chart.goal", lang),
        x_title,
        [label(k) for k in z.index],
        [label(k) for k in z.index],
        lang,
        colorscale="Purples",
    )


UNITS_PER_PORTFOLIO = 12


def vr_units(df: pd.DataFrame, lang: str, label, names: dict[str, str]) -> go.Figure:
    ids, parents, labels_, values, colours = [], [], [], [], []
    for vr, part in df.groupby("vice_rector", sort=False):
        ids.append(vr)
        parents.append("")
        labels_.append(label(vr))
        values.append(int(part["actions"].sum()))
        colours.append(VICE_RECTOR_COLOURS.get(vr, MUTED))
        part = part.sort_values("actions", ascending=False, kind="stable")
        if len(part) > UNITS_PER_PORTFOLIO:  # the rest of a portfolio's units as one slice, said so
            rest = part.iloc[UNITS_PER_PORTFOLIO:]
            part = pd.concat([part.iloc[:UNITS_PER_PORTFOLIO], pd.DataFrame([{
                "unit_name": t("vr.other_units", lang, n=fmt.num(len(rest), lang)),
                "actions": int(rest["actions"].sum())}])], ignore_index=True)
        for r in part.itertuples():
            ids.append(f"{vr}/{r.unit_name}")
            parents.append(vr)
            labels_.append(wrap(names.get(r.unit_name, r.unit_name), 22, 3))
            values.append(int(r.actions))
            colours.append(VICE_RECTOR_COLOURS.get(vr, MUTED))
    fig = go.Figure(
        go.Sunburst(
            ids=ids,
            parents=parents,
            labels=labels_,
            values=values,
            branchvalues="total",
            marker={"colors": colours},
            insidetextorientation="radial",
            hovertemplate="%{label}: %{value}<extra></extra>",
        )
    )
    return style(fig, t("vr.chart.units", lang), height=640, legend=False, lang=lang)
