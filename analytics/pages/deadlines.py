"""The deadlines page's core: goal × year overview, the Gantt per choice, the year flow, monthly plans.

Used by the page's screen (screens/deadlines.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import dataclasses
import functools
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

import paths
from analytics import charts, fmt, labels, timeline
from analytics.charts import (
    BAR_WIDTH,
    BAR_Y,
    ROW_LABEL_CHARS,
    ROW_PX,
    plain,
    rows_layout,
    style,
    top_axis_room,
    unique,
    wrap,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import PRIMARY
from analytics.views import (
    AnySpec,
    ChartSpec,
    Later,
    built,
    count_sentence,
    goal_label,
    headline_year,
    shared,
    years_text,
)

DEADLINE_ROWS = 20  # goals (targets) on the deadline overview; the rest are summed in one row that says so


GANTT_ROWS = 40  # actions per page of the deadline Gantt


GANTT_CAP = 5000  # actions of one Gantt choice (a plan's goal, a unit of a university) read at most


def deadline_rows(f: Filters, top: int = DEADLINE_ROWS) -> tuple[pd.DataFrame, str | None]:
    """The rows of the deadline overview, per goal (per target when a goal is chosen) and year: row (label),
    hover (full label), year, running, starting, ending; in plan order. Up to MAX_PLAN_COLUMNS plans,
    a row is one plan's goal ('QKU 1 · title'); with more plans, goals of one number are summed over the
    plans ('Goal 1'), and the axis title says so (returned with the rows; None otherwise). At most `top`
    rows (the most action-years), the rest summed in one last row."""
    lang, p = f.lang, f.params()
    by_target = f.goal is not None
    df = query("deadline_target_years" if by_target else "deadline_goal_years", **p)
    if df.empty:
        return pd.DataFrame(columns=["row", "hover", "year", "running", "starting", "ending"]), None
    if not by_target:
        df = df.assign(target_no=None, target_title=None)
    plans = df.document_id.nunique()
    summed = plans > charts.MAX_PLAN_COLUMNS
    if summed:
        df = df.assign(plan_label=None, document_id=None, goal_title=None, target_title=None)
        df = df.sort_values(["goal_no", "target_no"], na_position="last", kind="stable")
    keys = ["goal_no", "target_no"] if summed else ["document_id", "goal_no", "target_no"]
    grouped = df.groupby([*keys, "year"], sort=False, dropna=False, as_index=False).agg(
        plan_label=("plan_label", "first"), goal_title=("goal_title", "first"),
        target_title=("target_title", "first"), running=("running", "sum"), starting=("starting", "sum"),
        ending=("ending", "sum"))
    grouped["key"] = grouped.groupby(keys, sort=False, dropna=False).ngroup()  # in plan (goal) order
    first = grouped.drop_duplicates("key")
    label = {k: goal_label(pl if plans > 1 and not summed else None, g, tt if by_target else gt, lang, tg, by_target)
             for k, pl, g, tg, gt, tt in zip(first.key, first.plan_label, first.goal_no, first.target_no,
                                            first.goal_title, first.target_title, strict=True)}
    grouped["hover"] = grouped.key.map(label)
    totals = grouped.groupby("key", sort=False)["running"].sum()
    if len(totals) > top:
        keep = set(totals.nlargest(top, keep="first").index)
        rest = grouped[~grouped.key.isin(keep)]
        other = count_sentence("dl.other_targets" if by_target else "dl.other_goals", len(totals) - top, lang)
        rest = rest.groupby("year", as_index=False)[["running", "starting", "ending"]].sum().assign(
            key=len(totals), hover=other)  # the last row
        grouped = pd.concat([grouped[grouped.key.isin(keep)], rest], ignore_index=True)
    grouped = grouped.sort_values(["key", "year"], kind="stable")
    grouped["row"] = grouped.hover
    axis = (t("dl.target_summed" if by_target else "c.goal_summed", lang, n=fmt.num(plans, lang))
            if summed else None)
    return grouped[["row", "hover", "year", "running", "starting", "ending"]], axis


@shared
def deadline_overview(f: Filters) -> ChartSpec | None:
    """The first chart of the deadlines page: a goal (target) × year table of actions in progress,
    starting and ending, with the year's headline ('In 2025, 19 actions start and 73 end; ...')."""
    lang = f.lang
    frame, axis = deadline_rows(f)
    if frame.empty:
        return None
    per_year = frame.groupby("year")[["running", "starting", "ending"]].sum()
    year = headline_year(per_year.index)
    r = per_year.loc[year]
    when = {"present": "", "past": ".past", "future": ".future"}[timeline.tense(year)]  # spoken from today
    headline = t("dl.lead", lang, year=year, start=count_sentence(f"dl.n.start{when}", int(r.starting), lang),
                 end=count_sentence(f"dl.n.end{when}", int(r.ending), lang),
                 run=count_sentence(f"dl.n.run{when}", int(r.running), lang))
    title = (t("dl.chart.target_years", lang, goal=f.goal) if f.goal is not None
             else t("dl.chart.goal_years", lang))
    rows = frame[["hover", "year", "running", "starting", "ending"]].copy()
    rows.columns = [t("c.target" if f.goal is not None else "c.goal", lang), t("c.year", lang),
                    t("dl.col.running", lang), t("dl.col.starting", lang), t("dl.col.ending", lang)]
    spec = ChartSpec("deadlines-overview", "deadlines", goal_year_heatmap(frame, lang, title, axis), rows,
                     headline)
    spec.rows.attrs.update(year=year, running=int(r.running), starting=int(r.starting), ending=int(r.ending))
    return spec


@dataclass(frozen=True)
class GanttChoice:
    """What the deadline Gantt shows: a plan's goal (doc, goal_no; goal_no None: the plan's actions
    without a goal number), optionally one of its targets; or a unit of a university (unit, inst).
    `label` names the choice in the chart title."""

    doc: str | None = None
    goal_no: int | None = None
    target_no: int | None = None
    unit: str | None = None
    inst: str | None = None
    label: str = ""


@shared
def deadline_gantt(f: Filters, choice: GanttChoice, page_no: int = 1, page_size: int = GANTT_ROWS) -> ChartSpec | None:
    """One page (at most `page_size` rows) of the row-per-action Gantt for one choice, within the filters.
    rows.attrs: total (actions of the choice), pages, page_no, first (row number of the page's first)."""
    if choice.unit is None:  # one plan's goal: the filter narrowed to it
        f = dataclasses.replace(f, plan=choice.doc, goal=choice.goal_no)
    lang, p = f.lang, f.params()
    df = query("deadline_gantt", unit=choice.unit, inst=choice.inst, limit=GANTT_CAP, **p)
    if choice.unit is None and choice.goal_no is None:
        df = df[df.goal_no.isna()]
    if choice.unit is None and choice.target_no is not None:
        df = df[df.target_no == choice.target_no]
    total = len(df)
    if not total:
        return None
    pages = (total - 1) // page_size + 1
    page_no = min(max(1, int(page_no)), pages)
    part = df.iloc[(page_no - 1) * page_size : page_no * page_size].copy()
    part["deadline"] = labels.deadlines_of(part, lang)
    with_plan = choice.unit is not None and df.plan_label.nunique() > 1
    title = t("dl.chart.gantt_of", lang, what=choice.label)
    if pages > 1:
        title += " " + t("dl.chart.page", lang, n=page_no, pages=pages)
    rows = part[["plan_label", "goal_no", "target_no", "action_no", "title", "deadline", "recurrence", "start_year",
                 "end_year"]].assign(recurrence=[labels.recurrence(r, lang) for r in part.recurrence])
    rows.columns = [t("c.institution", lang), t("c.goal", lang), t("c.target", lang), t("c.number", lang),
                    t("c.title", lang), t("c.deadline", lang), t("c.recurrence", lang), t("c.start_year", lang),
                    t("c.end_year", lang)]
    spec = ChartSpec("deadlines-timeline", "deadlines", charts.gantt(part, lang, title, with_plan, paths.today()), rows,
                     title)
    spec.rows.attrs.update(total=total, pages=pages, page_no=page_no, first=(page_no - 1) * page_size + 1)
    return spec


@shared
def deadlines(f: Filters, page_size: int = 200, page_no: int = 1, include_regular: bool = True) -> list[AnySpec]:
    """The deadlines page for the page, the deck and the workbook: first the goal (target) × year overview,
    then the year flow and the yearly plans by month (first `page_size` activities), both Later: the page
    shows them folded. The row-per-action Gantt is deadline_gantt(), for one chosen goal, target or unit.
    (page_no and include_regular are accepted for older callers; the overview counts every action.)"""
    lang = f.lang
    first = deadline_overview(f)
    if first is None:
        return []
    return [first,
            Later("deadlines-per-year", "deadlines", t("dl.chart.flow", lang), functools.partial(year_flow, f)),
            Later("deadlines-months", "deadlines", t("dl.chart.months_any", lang),
                  functools.partial(monthly_plan, f, page_size))]


def year_flow(f: Filters) -> ChartSpec | None:
    """Per year: the dated actions that start, run and end, and the ongoing ones."""
    lang = f.lang
    flow = query("year_flow", **f.params())
    if flow.empty:
        return None
    peak = flow.set_index("year")["ending"]
    rows = flow.rename(
        columns={
            "year": t("c.year", lang),
            **{k: t(f"dl.flow.{k}", lang) for k in ("starting", "running", "ending", "ongoing", "unknown")},
        }
    )
    return ChartSpec("deadlines-per-year", "deadlines", year_flow_figure(flow, lang), rows,
                     t("h.ending_peak", lang, year=int(peak.idxmax()), n=int(peak.max())))


def monthly_plan(f: Filters, page_size: int) -> ChartSpec | None:
    """The activities of the yearly plans that give months (the first `page_size`); rows.attrs carry how
    many give months in all (months_total) and how many give none (without_months)."""
    lang = f.lang
    with_months = query("monthly_plan", limit=page_size, **f.params())
    if with_months.empty:
        return None
    months_total, without = int(with_months.with_months.iloc[0]), int(with_months.without_months.iloc[0])
    years = years_text(with_months.start_year)
    with_months = with_months.assign(deadline=labels.deadlines_of(with_months, lang))
    names = fmt.month_names(lang, "wide")
    rows = with_months[["institution", "title", "deadline", "start_month", "end_month"]].assign(
        start_month=[names[int(m) - 1] for m in with_months.start_month],
        end_month=[names[int(m) - 1] for m in with_months.end_month],
    )
    rows.columns = [
        t("c.institution", lang),
        t("c.title", lang),
        t("c.deadline", lang),
        t("c.start_month", lang),
        t("c.end_month", lang),
    ]
    spec = ChartSpec(
        "deadlines-months",
        "deadlines",
        monthly(with_months, lang, years),
        rows,
        t("h.months", lang, n=months_total, total=months_total + without, years=years),
    )
    spec.rows.attrs.update(months_total=months_total, without_months=without)
    return spec


DECK_PAGE_ROWS = 12  # rows of a chart slide (reports.images.SLIDE_ROWS): the monthly plans read two slides' worth
view = deadlines


def deck_charts(f: Filters) -> list[ChartSpec]:
    """The goal × year overview, the year flow, and up to two slides of monthly plans."""
    return built(deadlines(f, 2 * DECK_PAGE_ROWS))


# Figures: data frame in, plotly figure out.


def goal_year_heatmap(df: pd.DataFrame, lang: str, title: str, y_title: str | None = None) -> go.Figure:
    """Goals (or targets) in plan order × the years that have actions. A cell's colour and bold number:
    the actions in progress that year; under it ▲ the dated actions starting and ▼ those ending.
    `df` (long): row (label), hover (full label), year, running, starting, ending."""
    years = sorted({int(y) for y in df.year})
    order = df.drop_duplicates("row")["row"].tolist()
    hover = dict(zip(df.row, df.hover, strict=True))

    def grid(col: str) -> pd.DataFrame:
        wide = df.pivot_table(index="row", columns="year", values=col, aggfunc="sum", sort=False)
        return wide.reindex(index=order, columns=years).fillna(0).astype(int)

    run, start, end = grid("running"), grid("starting"), grid("ending")
    text = [[_flow_cell(r, s, e, lang) for r, s, e in zip(rr, ss, ee, strict=True)]
            for rr, ss, ee in zip(run.values, start.values, end.values, strict=True)]
    custom = [[[plain(hover[row]), fmt.num(r, lang), fmt.num(s, lang), fmt.num(e, lang)]
               for r, s, e in zip(rr, ss, ee, strict=True)]
              for row, rr, ss, ee in zip(order, run.values, start.values, end.values, strict=True)]
    fig = go.Figure(
        go.Heatmap(
            z=run.where(run > 0).values,  # a year without actions of the row: no cell
            x=[str(y) for y in years],
            y=unique([wrap(r, 22, 3) for r in order]),
            text=text,
            texttemplate="%{text}",
            textfont={"size": 11},
            customdata=custom,
            colorscale=[[0, "#DCEAF6"], [1, "#08519C"]],
            zmin=0,
            showscale=False,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{customdata[0]}<br>%{x}: "
            + t("dl.hover.cell", lang, run="%{customdata[1]}", start="%{customdata[2]}", end="%{customdata[3]}")
            + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    upright = len(years) <= 6  # more years than fit a phone's width side by side: the year names stand up
    fig.update_xaxes(type="category", side="top", showgrid=False, tickangle=0 if upright else -90)
    return top_axis_room(style(fig, title, None, y_title, height=max(300, 46 * len(order) + 150), legend=False,
                                lang=lang), 26 if upright else 44)


def _flow_cell(running: int, starting: int, ending: int, lang: str) -> str:
    """'<b>30</b><br>▲12<br>▼5': in progress, then the dated actions starting and ending, a line each
    (zeros left out), so that a cell stays narrow at phone width."""
    if not running:
        return ""
    return "<br>".join([f"<b>{fmt.num(running, lang)}</b>"] + ([f"▲{fmt.num(starting, lang)}"] if starting else [])
                       + ([f"▼{fmt.num(ending, lang)}"] if ending else []))


def year_flow_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure()
    colours = {"starting": "#009E73", "running": PRIMARY, "ending": "#D55E00", "ongoing": "#9BC8E8"}
    for col in ("starting", "running", "ending", "ongoing"):
        fig.add_bar(
            x=df["year"].astype(str),
            y=df[col],
            name=t(f"dl.flow.{col}", lang),
            marker_color=colours[col],
            text=df[col],
            textposition="outside",
            textfont={"size": 11},
            cliponaxis=False,
        )
    fig.update_layout(barmode="group", uniformtext={"minsize": 9, "mode": "hide"})
    fig.update_xaxes(type="category")
    if df[["starting", "running", "ending", "ongoing"]].to_numpy().max() <= 5:
        fig.update_yaxes(dtick=1)  # counts: no half actions on the axis
    return style(fig, t("dl.chart.flow", lang), t("c.year", lang), t("c.actions", lang), height=420, lang=lang)


def monthly(df: pd.DataFrame, lang: str, years: str = "") -> go.Figure:
    """Activities of the yearly plans over the months, a row each (its label over its bar), the months on
    top; `df` carries `deadline` (as the reader sees it)."""
    months = fmt.month_names(lang)
    df = df[df.start_month.notna()].reset_index(drop=True)
    df["y"] = [len(df) - i + BAR_Y for i in range(len(df))]
    fig = go.Figure()
    for inst, colour in zip(sorted(df.institution.unique()), ["#0072B2", "#E69F00", "#009E73"], strict=False):
        part = df[df.institution == inst]
        fig.add_bar(
            base=(part.start_month - 0.5).tolist(),
            x=(part.end_month - part.start_month + 1).tolist(),
            y=part["y"],
            width=BAR_WIDTH,
            orientation="h",
            name=inst,
            marker_color=colour,
            customdata=[[plain(str(a)), plain(str(b))] for a, b in zip(part.title, part.deadline, strict=True)],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    fig.update_xaxes(tickvals=list(range(1, 13)), ticktext=months, range=[0.5, 12.5], side="top", tickangle=0,
                     tickfont={"size": 11})
    rows_layout(fig, [f"<b>{plain(i)}</b> " + plain(textwrap.shorten(str(ti), ROW_LABEL_CHARS - len(i),
                                                                       placeholder="…"))
                       for i, ti in zip(df.institution, df.title, strict=True)])
    fig.update_layout(barmode="overlay")
    return top_axis_room(style(fig, t("dl.chart.months", lang, years=years), None, None,
                                height=max(260, ROW_PX * len(df) + 190), lang=lang))
