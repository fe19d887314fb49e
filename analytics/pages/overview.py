"""The overview page's core: actions per goal (or per plan at a country's scale) and its headline.

Used by the page's screen (screens/overview.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt, labels
from analytics.charts import (
    BAR_WIDTH,
    BAR_Y,
    count_ticks,
    plain,
    row_label,
    rows_height,
    rows_layout,
    style,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import RECURRENCE_COLOURS
from analytics.views import (
    ChartSpec,
    shared,
)

MAX_GOAL_BARS = 40  # more goals than this in view: bars per plan instead


TOP_PLANS = 20


def per_plan(per_goal: pd.DataFrame, lang: str, top: int = TOP_PLANS) -> pd.DataFrame:
    """Actions per plan and deadline kind: the `top` largest plans, the others summed in one bar."""
    by_plan = per_goal.groupby(["institution", "deadline_kind"], as_index=False)["actions"].sum()
    size = by_plan.groupby("institution")["actions"].sum().sort_values(ascending=False, kind="stable")
    keep = set(size.index[:top])
    other = t("ov.other_plans", lang, n=fmt.num(len(size) - len(keep), lang))
    by_plan["institution"] = [i if i in keep else other for i in by_plan.institution]
    out = by_plan.groupby(["institution", "deadline_kind"], as_index=False, sort=False)["actions"].sum()
    order = {name: n for n, name in enumerate([*size.index[:top], other])}
    out = out.sort_values(by=["institution"], key=lambda c: c.map(order), kind="stable")
    return out.assign(goal_no=None, goal_title=None)


@shared
def overview(f: Filters) -> list[ChartSpec]:
    lang = f.lang
    per_goal = query("actions_per_goal", **f.params())
    if per_goal.empty:
        return []
    totals = per_goal.groupby(["institution", "goal_no"], sort=False)["actions"].sum()
    (inst, goal), top = totals.idxmax(), int(totals.max())
    rows = per_goal.drop(columns="period_start").assign(
        deadline_kind=[labels.recurrence(x, lang) for x in per_goal.deadline_kind]
    )
    if len(totals) > MAX_GOAL_BARS:  # a country's plans: one bar per plan, the largest first, the rest summed
        figure = actions_per_goal(per_plan(per_goal, lang), lang,
                                         t("ov.chart.per_plan", lang, n=min(TOP_PLANS, per_goal.institution.nunique())))
    else:
        figure = actions_per_goal(per_goal, lang)
    rows.columns = [
        t("c.institution", lang),
        t("c.goal", lang),
        t("c.title", lang),
        t("c.recurrence", lang),
        t("c.actions", lang),
    ]
    return [
        ChartSpec(
            "overview-actions-per-goal",
            "overview",
            figure,
            rows,
            t("h.per_goal", lang, plan=inst, goal=int(goal), n=top, total=int(totals.sum())),
        )
    ]


view = overview  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)


# Figures: data frame in, plotly figure out.


# ------------------------------------------------------------------ overview
def actions_per_goal(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Stacked bars per plan goal; rows without a goal number are whole plans (the national view). Each
    row's label on a line over its bar (the Gantt's layout): at a phone's width the bars keep the width."""
    fig = go.Figure()
    df = df.copy()
    df["label"] = [
        row_label(str(i)) if pd.isna(g)
        else row_label(gt, head=f"{i} {int(g)}") if isinstance(gt, str) and gt
        else row_label(t("c.goal_n", lang, n=int(g)), head=str(i))
        for i, g, gt in zip(df.institution, df.goal_no, df.goal_title, strict=True)
    ]
    df["key"] = [f"{i}\x00{g}" for i, g in zip(df.institution, df.goal_no, strict=True)]
    keys = df.drop_duplicates("key")
    row_of = {k: len(keys) - n + BAR_Y for n, k in enumerate(keys["key"])}
    for kind in ("regular", "annual", "dated", "unknown", "none"):
        part = df[df.deadline_kind == kind]
        if part.empty:
            continue
        fig.add_bar(
            x=part["actions"],
            y=[row_of[k] for k in part["key"]],
            width=BAR_WIDTH,
            orientation="h",
            name=t(f"rec.{kind}", lang),
            marker_color=RECURRENCE_COLOURS[kind],
            customdata=[[plain(str(i) if pd.isna(g) else f"{i} {int(g)}"), plain(x)]
                        for i, g, x in zip(part.institution, part.goal_no, part["goal_title"].fillna(""),
                                           strict=True)],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{x}<extra>" + t(f"rec.{kind}", lang)
                          + "</extra>",
        )
    fig.update_layout(barmode="stack")
    rows_layout(fig, keys["label"].tolist())
    count_ticks(fig, df.groupby("key")["actions"].sum().max())
    return style(
        fig,
        title or t("ov.chart.per_goal", lang),
        t("c.actions", lang),
        None,
        height=rows_height(len(keys)),
        lang=lang,
    )
