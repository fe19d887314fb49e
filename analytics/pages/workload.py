"""The workload page's core: actions per unit as lead and partner, unit × year and unit × goal heatmaps.

Used by the page's screen (screens/workload.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics import labels
from analytics.charts import (
    BAR_WIDTH,
    BAR_Y,
    MAX_PLAN_COLUMNS,
    UNIT_LABEL_CHARS,
    count_ticks,
    goal_columns,
    heatmap,
    plain,
    row_label,
    rows_height,
    rows_layout,
    style,
    unique,
    wrap,
    zeros_where_possible,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import ROLE_COLOURS
from analytics.views import (
    AnySpec,
    ChartSpec,
    Later,
    built,
    lead_sentence,
    leaders,
    shared,
)


@dataclass(frozen=True)
class WorkloadSummary:
    units: int  # (university, unit) pairs in view
    several: bool  # more than one university in view
    lead_links: int
    partner_links: int
    any_new: bool  # a unit name no reference knows yet is in view
    busiest: list[tuple[str, str]]  # the `pick` busiest (university, unit) pairs, busiest first


@shared
def workload_summary(f: Filters, pick: int) -> WorkloadSummary | None:
    """The workload page's figures and unit list, once per view (at national scale listing 12,000 units and
    scanning 40,000 rows on every page load was a third of the page's server time)."""
    wl = query("unit_workload", **f.params())
    if wl.empty:
        return None
    names = labels.unit_names(f.lang)
    # A unit is a unit of its university: (institution, unit) pairs, never two offices added together.
    totals = wl.groupby(["institution", "unit_name"])["actions"].sum().sort_values(ascending=False)
    new = {u for u in wl.unit_name.unique() if names.get(u, "").endswith(labels.NEW_MARK)}
    return WorkloadSummary(len(totals), wl.institution.nunique() > 1, int(wl[wl.role == "lead"].actions.sum()),
                           int(wl[wl.role == "partner"].actions.sum()), bool(new), totals.index[:pick].tolist())


@shared
def workload(f: Filters, top: int = 25, heat_top: int | None = None) -> list[AnySpec]:
    lang, p = f.lang, f.params()
    heat_top = heat_top or top  # never every unit of a country in one heatmap
    names: dict[str, str] = {}  # the frames below carry display labels already
    wl = labels.units_by_university(query("unit_workload", **p), lang).drop(columns="institution")
    if wl.empty:
        return []
    out = []
    lead = wl[wl.role == "lead"].set_index("unit_name")["actions"].sort_values(ascending=False)
    n_actions = int(query("key_figures", **p).iloc[0].actions)
    rows = wl.pivot_table(index="unit_name", columns="role", values="actions", aggfunc="sum", fill_value=0)
    rows = rows.reset_index()
    rows.insert(0, "unit", [names.get(u, u) for u in rows.unit_name])
    rows = rows.drop(columns="unit_name").rename(
        columns={"unit": t("c.unit", lang), "lead": t("role.lead", lang), "partner": t("role.partner", lang)}
    )
    top_units, most = leaders(lead)
    headline = (lead_sentence("h.unit_top", top_units, lang, n=most, total=n_actions) if len(lead)
                else t("wl.chart.units", lang))
    out.append(ChartSpec("workload-units", "workload", unit_workload(wl, lang, names, top), rows, headline))
    uy = labels.units_by_university(query("unit_year", **p), lang)
    # the years a unit's university has actions in: outside them a unit × year cell cannot exist (no cell, not 0)
    spans = uy.groupby("institution")["year"].agg(["min", "max"])
    spans_of = {u: (int(spans.at[i, "min"]), int(spans.at[i, "max"])) for u, i in zip(uy.unit_name, uy.institution,
                                                                                      strict=True)}
    uy = uy.drop(columns="institution")
    if not uy.empty:
        years = sorted(int(y) for y in uy.year.unique())  # exactly the years that have actions
        per_year = uy.groupby("year")["actions"].sum()
        rows = uy.pivot_table(index="unit_name", columns="year", values="actions", fill_value=0).reset_index()
        rows["unit_name"] = [names.get(u, u) for u in rows.unit_name]
        rows.columns = [t("c.unit", lang), *[int(c) for c in rows.columns[1:]]]  # years stay numbers
        out.append(
            ChartSpec(
                "workload-unit-year",
                "workload",
                unit_year_heatmap(uy, lang, names, years, heat_top, spans_of),
                rows,
                t("h.busiest_year", lang, year=int(per_year.idxmax()), n=int(per_year.max())),
            )
        )

    def unit_goal() -> ChartSpec | None:
        ug = labels.units_by_university(query("unit_goal", **p), lang)
        ug = ug.assign(institution=ug.plan_label).drop(columns="plan_label")  # goals are per plan: 'GDU 2019-2022 1'
        if ug.empty:
            return None
        spread = ug.groupby("unit_name").size().sort_values(ascending=False)
        rows = ug.assign(unit_name=[names.get(u, u) for u in ug.unit_name])[
            ["unit_name", "institution", "goal_no", "goal_title", "actions"]]
        rows.columns = [t("c.unit", lang), t("c.institution", lang), t("c.goal", lang), t("c.goal_title", lang),
                        t("c.actions", lang)]
        return ChartSpec(
            "workload-unit-goal",
            "workload",
            unit_goal_heatmap(ug, lang, names, heat_top),
            rows,
            lead_sentence("h.unit_spread", *leaders(spread)[:1], lang, n=leaders(spread)[1]),
        )

    out.append(Later("workload-unit-goal", "workload", t("wl.chart.goal", lang), unit_goal))
    return out


DECK_TOP_UNITS = 200  # units drawn for a slide: the deck keeps the busiest that fit and counts the rest
view = workload


def deck_charts(f: Filters) -> list[ChartSpec]:
    """The page's charts sized for slides: the heatmaps cut to the busiest units."""
    return built(workload(f, top=DECK_TOP_UNITS, heat_top=DECK_TOP_UNITS))


# Figures: data frame in, plotly figure out.


# ------------------------------------------------------------------ workload
def unit_workload(df: pd.DataFrame, lang: str, names: dict[str, str], top: int = 25) -> go.Figure:
    """Actions per unit, led and as partner, stacked; a row each, its label over its bar."""
    # ties keep the query's order (by the unit's own name), the same in every language, not the shown name's
    wide = df.pivot_table(index="unit_name", columns="role", values="actions", aggfunc="sum", fill_value=0,
                          sort=False)
    for role in ("lead", "partner"):
        if role not in wide:
            wide[role] = 0
    wide["total"] = wide["lead"] + wide["partner"]
    wide = wide.sort_values(["total", "lead"], ascending=False).head(top)
    rows = [len(wide) - n + BAR_Y for n in range(len(wide))]
    fig = go.Figure()
    for role in ("lead", "partner"):
        fig.add_bar(
            x=wide[role],
            y=rows,
            width=BAR_WIDTH,
            orientation="h",
            name=t(f"role.{role}", lang),
            marker_color=ROLE_COLOURS[role],
            customdata=[plain(names.get(u, u)) for u in wide.index],
            hovertemplate="%{customdata}<br>%{x}<extra>" + t(f"role.{role}", lang) + "</extra>",
        )
    fig.update_layout(barmode="stack")
    rows_layout(fig, unique([row_label(names.get(u, u)) for u in wide.index]))
    count_ticks(fig, wide["total"].max() if len(wide) else 1)
    return style(fig, t("wl.chart.units", lang), t("c.actions", lang), None, height=rows_height(len(wide)),
                 lang=lang)


# A unit's name on two lines of at most this many characters (the hover has it whole): at a phone's 390 px
# the labels then take under half the width and the cells keep room for their numbers (at 42 the labels
# took 270 px, the cells were 12 px wide and the longest name ran off the left edge).


def unit_year_heatmap(
    df: pd.DataFrame, lang: str, names: dict[str, str], years: list[int], top: int | None = None,
    spans: dict[str, tuple[int, int]] | None = None,
) -> go.Figure:
    """Units × years. `spans`: the years each unit's university has actions in; a year outside them has no
    cell (it cannot exist: the plan does not run then), a year inside without an action is a 0."""
    # ties keep the query's order (the unit's own name), the same in every language
    z = df.pivot_table(index="unit_name", columns="year", values="actions", aggfunc="sum", sort=False)
    z = z.reindex(columns=years)
    if spans is None:
        z = z.fillna(0)
    else:
        inside = pd.DataFrame([[spans[u][0] <= y <= spans[u][1] if u in spans else True for y in years]
                               for u in z.index], index=z.index, columns=z.columns)
        z = z.where(z.notna() | ~inside, 0)
    z = z.loc[z.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    return heatmap(
        z,
        t("wl.chart.heatmap", lang),
        t("c.year", lang),
        unique([wrap(names.get(u, u), UNIT_LABEL_CHARS, 2) for u in z.index]),
        [names.get(u, u) for u in z.index],
        lang,
    )


def unit_goal_heatmap(df: pd.DataFrame, lang: str, names: dict[str, str], top: int | None = None) -> go.Figure:
    """Units × goals. A unit and a goal of another university's plan cannot meet: no cell (not a 0); a goal
    of the unit's own plan it has no action under: a pale cell without a number. The hover names the goal."""
    summed = df.institution.nunique() > MAX_PLAN_COLUMNS
    df, x_title = goal_columns(df, lang)
    z = df.pivot_table(index="unit_name", columns="goal", values="actions", aggfunc="sum", sort=False)
    order = df.sort_values(["institution", "goal_no"], kind="stable", na_position="last").goal
    z = z.reindex(columns=list(dict.fromkeys(order)))  # plans by name, goals in number order (2 before 10)
    z = zeros_where_possible(z, df, "unit_name", summed)  # summed over many plans: every goal number is possible
    z = z.loc[z.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    titles = {} if "goal_title" not in df else {
        g: plain(str(ti)) for g, ti in zip(df.goal, df.goal_title, strict=True) if isinstance(ti, str) and ti.strip()}
    return heatmap(
        z,
        t("wl.chart.goal", lang),
        x_title,
        unique([wrap(names.get(u, u), UNIT_LABEL_CHARS, 2) for u in z.index]),
        [names.get(u, u) for u in z.index],
        lang,
        colorscale="Oranges",
        column_hover=[f"{g} · {textwrap.shorten(titles[g], 80, placeholder='…')}" if g in titles else str(g)
                      for g in z.columns],
    )
