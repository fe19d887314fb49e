"""The charts of every page, built once for the page, the slide deck and the workbook alike.

Each view takes the filters and returns ChartSpecs: the figure, the rows behind it (display
columns), and a headline finding computed from the data (used as the slide title).
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

import paths
from analytics import charts, fmt, labels, ranking_views, timeline
from analytics.db import LRU, db_version, query
from analytics.filters import Filters
from analytics.i18n import t
from state import user_store


@dataclass
class ChartSpec:
    key: str
    page: str
    figure: go.Figure
    rows: pd.DataFrame
    headline: str


class Later:
    """A chart that a page shows folded under its title: the title is known at once, the data is read and
    the figure built only when someone opens it (or a slide or workbook needs it). On a cold page load at
    500 universities a third of the view's time went to charts nobody had opened. Reads like a ChartSpec;
    `spec()` is None when the chart turns out to have no data."""

    def __init__(self, key: str, page: str, title: str, build: Callable[[], ChartSpec | None]) -> None:
        self.key, self.page, self.title = key, page, title
        self._build: Callable[[], ChartSpec | None] | None = build
        self._spec: ChartSpec | None = None
        self._lock = threading.Lock()

    def spec(self) -> ChartSpec | None:
        with self._lock:  # one build, however many sessions open it at once
            if self._build is not None:
                self._spec, self._build = self._build(), None
            return self._spec

    @property
    def built(self) -> bool:
        return self._build is None

    def _part(self, name: str) -> object:
        spec = self.spec()
        if spec is None:
            raise LookupError(f"chart {self.key} has no data; check spec() first")
        return getattr(spec, name)

    figure = property(lambda self: self._part("figure"))
    rows = property(lambda self: self._part("rows"))
    headline = property(lambda self: self._part("headline"))


AnySpec = ChartSpec | Later
DRAWN_AT_ONCE = 2  # charts a page builds and draws at once; the ones after wait (Later)


def built(specs: list[AnySpec]) -> list[ChartSpec]:
    """Every chart with data, built: for slides and workbooks, which show them all."""
    out = []
    for s in specs:
        spec = s.spec() if isinstance(s, Later) else s
        if spec is not None:
            out.append(spec)
    return out


V = TypeVar("V")
VIEW_ENTRIES = 48
_views = LRU(VIEW_ENTRIES)


def shared(fn: Callable[..., V]) -> Callable[..., V]:
    """The same view of the same data for every session: figures and rows are built once per filters,
    database file, recorded statuses and day (figure building was a third of a page's server time),
    at most VIEW_ENTRIES kept. The results are shared, so callers never change them (reports copy a
    figure before restyling it for a slide)."""
    @functools.wraps(fn)
    def view(*args: object, **kwargs: object) -> V:
        key = (fn.__name__, args, tuple(sorted(kwargs.items())), db_version(), user_store.version(),
               paths.today())
        return _views.get(key, lambda: fn(*args, **kwargs))

    return view


def years_text(years: pd.Series) -> str:
    """'2025' or '2024–2025': the years a chart actually shows."""
    ys = sorted({int(y) for y in years.dropna()})
    if not ys:
        return ""
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


def _vr_label(lang: str) -> Callable[[object], str]:
    names = labels.vice_rector_names(lang)
    return lambda key: labels.vice_rector(key, lang, names)


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
        figure = charts.actions_per_goal(per_plan(per_goal, lang), lang,
                                         t("ov.chart.per_plan", lang, n=min(TOP_PLANS, per_goal.institution.nunique())))
    else:
        figure = charts.actions_per_goal(per_goal, lang)
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
    out.append(ChartSpec("workload-units", "workload", charts.unit_workload(wl, lang, names, top), rows, headline))
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
                charts.unit_year_heatmap(uy, lang, names, years, heat_top, spans_of),
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
            charts.unit_goal_heatmap(ug, lang, names, heat_top),
            rows,
            lead_sentence("h.unit_spread", *leaders(spread)[:1], lang, n=leaders(spread)[1]),
        )

    out.append(Later("workload-unit-goal", "workload", t("wl.chart.goal", lang), unit_goal))
    return out


DEADLINE_ROWS = 20  # goals (targets) on the deadline overview; the rest are summed in one row that says so
GANTT_ROWS = 40  # actions per page of the deadline Gantt
GANTT_CAP = 5000  # actions of one Gantt choice (a plan's goal, a unit of a university) read at most


def headline_year(years: object, today: int | None = None) -> int:
    """The year a headline speaks of: this year when the data has it, else the latest year before it
    (the first year when every year of the data lies ahead)."""
    ys = sorted(int(y) for y in years)
    now = today or paths.today().year
    if now in ys:
        return now
    past = [y for y in ys if y < now]
    return past[-1] if past else ys[0]


def _count(key: str, n: int, lang: str) -> str:
    """'1 action starts' / '12 actions start': the key's .one or .other form."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=fmt.num(n, lang))


def leaders(counts: pd.Series) -> tuple[list[str], int]:
    """The labels that share the highest count (in label order) and that count: a tie is said as a tie,
    never broken by the order a language's names happen to sort in."""
    if counts.empty:
        return [], 0
    best = counts.max()
    return sorted(str(x) for x in counts[counts == best].index), int(best)


def lead_sentence(key: str, who: list[str], lang: str, field: str = "unit", **kw: object) -> str:
    """key's sentence for one leader (its `field`: '{unit} leads ...'); with a tie, key + '.tied' ('4 units
    share first place ...: A, B, C, D' — up to four named, else three and how many more)."""
    if len(who) == 1:
        return t(key, lang, **kw, **{field: who[0]})
    shown = ", ".join(who) if len(who) <= 4 else ", ".join(who[:3]) + " " + t("h.tied_more", lang, n=len(who) - 3)
    return t(f"{key}.tied", lang, k=len(who), names=shown, **kw)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def goal_label(plan: str | None, goal_no: object, title: object, lang: str, target_no: object = None,
               target: bool = False) -> str:
    """'QKU 1 · title' (the plan's label only when several plans are in view: pass plan=None otherwise);
    a target: 'QKU 1.2 · title'; without a title 'NDU · Goal 1' / 'Target 1.2'."""
    nums = [str(int(x)) for x in ((goal_no, target_no) if target else (goal_no,)) if not _missing(x)]
    number = ".".join(nums)
    if not _missing(title) and str(title).strip():
        return f"{' '.join(filter(None, [plan, number]))} · {title}"
    if _missing(goal_no):
        name = t("dl.no_goal", lang)
    elif target and _missing(target_no):
        name = t("dl.no_target", lang, goal=int(goal_no))
    else:
        name = t("dl.target_n", lang, n=number) if target else t("c.goal_n", lang, n=number)
    return " · ".join(filter(None, [plan, name]))


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
        other = _count("dl.other_targets" if by_target else "dl.other_goals", len(totals) - top, lang)
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
    headline = t("dl.lead", lang, year=year, start=_count(f"dl.n.start{when}", int(r.starting), lang),
                 end=_count(f"dl.n.end{when}", int(r.ending), lang),
                 run=_count(f"dl.n.run{when}", int(r.running), lang))
    title = (t("dl.chart.target_years", lang, goal=f.goal) if f.goal is not None
             else t("dl.chart.goal_years", lang))
    rows = frame[["hover", "year", "running", "starting", "ending"]].copy()
    rows.columns = [t("c.target" if f.goal is not None else "c.goal", lang), t("c.year", lang),
                    t("dl.col.running", lang), t("dl.col.starting", lang), t("dl.col.ending", lang)]
    spec = ChartSpec("deadlines-overview", "deadlines", charts.goal_year_heatmap(frame, lang, title, axis), rows,
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
    return ChartSpec("deadlines-per-year", "deadlines", charts.year_flow(flow, lang), rows,
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
        charts.monthly(with_months, lang, years),
        rows,
        t("h.months", lang, n=months_total, total=months_total + without, years=years),
    )
    spec.rows.attrs.update(months_total=months_total, without_months=without)
    return spec


@shared
def oversight(f: Filters) -> list[AnySpec]:
    lang, p = f.lang, f.params()
    names: dict[str, str] = {}  # vr_units carries display labels
    label = _vr_label(lang)
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
        out.append(ChartSpec("oversight-load", "oversight", charts.vr_load(named, lang, label, axis), rows,
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
                charts.vr_goal(vg, lang, label),
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

    def vr_units() -> ChartSpec | None:
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
            charts.vr_units(vu, lang, label, names),
            rows,
            lead_sentence("h.unit_portfolios", *leaders(spread)[:1], lang, n=leaders(spread)[1]),
        )

    out.append(Later("oversight-units", "oversight", t("vr.chart.units", lang), vr_units))
    return out


def cbhe_frames(f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CBHE projects and participants in the filter's years; with a university chosen, only the
    projects it takes part in (the national picture is for the view of every university)."""
    y = {"y0": f.year_from, "y1": f.year_to}
    projects = query("cbhe_projects", **y)
    if f.uni:
        own = set(query("cbhe_projects_of", inst=f.uni).project_id)
        projects = projects[projects.project_id.isin(own)]
    parts = query("cbhe_participants", **y)
    return projects, parts[parts.project_id.isin(projects.project_id)]


def own_courses(f: Filters) -> pd.DataFrame:
    """The syllabi loaded; with a university chosen, only its own."""
    courses = query("courses")
    return courses[courses.institution == f.uni] if f.uni else courses


def project_period(raw: object, precision: object, start: object, end: object, lang: str) -> str:
    """A project's period as the compendium wrote it in Azerbaijani; in English from the dates read
    ('December 2023 – November 2026', '2023–2025'); missing says so."""
    if lang != "en" or _missing(start) or _missing(end):
        return t("c.missing", lang) if _missing(raw) else str(raw)
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "month":
        return f"{format_date(a.date(), 'MMMM y', locale='en')} – {format_date(b.date(), 'MMMM y', locale='en')}"
    return str(a.year) if a.year == b.year else f"{a.year}–{b.year}"


@shared
def cbhe(f: Filters) -> list[AnySpec]:
    lang = f.lang
    projects, parts = cbhe_frames(f)
    if projects.empty:
        return []
    projects = projects.assign(period_raw=[project_period(r, p, a, b, lang) for r, p, a, b in zip(
        projects.period_raw, projects.period_precision, projects.start_date, projects.end_date, strict=True)])
    known = projects[projects.budget_eur.notna()]
    missing = projects[projects.budget_eur.isna()]
    rows = projects[
        [
            "acronym",
            "project_id",
            "title",
            "budget_eur",
            "period_raw",
            "coordinator",
            "coordinator_country",
            "partner_count",
            "url",
        ]
    ].copy()
    rows.columns = [t(f"col.{c}", lang) for c in rows.columns]  # budget and partner count stay NULL when unknown
    headline = t("h.cbhe_total", lang, total=fmt.eur(float(known.budget_eur.sum()), lang), n=len(known))
    if len(missing):
        headline += " " + t("h.cbhe_missing", lang, names=", ".join(missing.acronym))
    out = [ChartSpec("cbhe-budget", "cbhe", charts.cbhe_budget(projects, lang), rows, headline)]
    if not parts.empty:
        col = "country_en" if lang == "en" else "country_az"
        by_country = parts.groupby(col).size().sort_values(ascending=False)
        out.append(
            ChartSpec(
                "cbhe-countries",
                "cbhe",
                charts.cbhe_countries(parts, lang),
                _participant_rows(parts, lang),
                t("h.cbhe_country", lang, country=by_country.index[0], n=int(by_country.iloc[0]), total=len(parts)),
            )
        )

        def world() -> ChartSpec:
            return ChartSpec("cbhe-map", "cbhe", charts.cbhe_map(parts, lang), _participant_rows(parts, lang),
                             t("h.cbhe_map", lang, n=parts.country.nunique()))

        out.append(Later("cbhe-map", "cbhe", t("cb.chart.map", lang), world))
        az = parts[parts.country == "AZ"]
        if not az.empty:
            def azerbaijan() -> ChartSpec:
                most = az.groupby("organisation")["project_id"].nunique().sort_values(ascending=False)
                matrix = charts.cbhe_az_matrix(parts, projects.acronym.tolist(), lang)
                return ChartSpec("cbhe-azerbaijan", "cbhe", matrix, _participant_rows(az, lang),
                                 t("h.cbhe_az", lang, org=most.index[0], n=int(most.iloc[0]), k=len(most)))

            out.append(Later("cbhe-azerbaijan", "cbhe", t("cb.chart.az", lang), azerbaijan))

    def periods() -> ChartSpec:
        first, last = pd.to_datetime(projects.start_date).min(), pd.to_datetime(projects.end_date).max()
        return ChartSpec(
            "cbhe-periods",
            "cbhe",
            charts.cbhe_periods(projects, lang),
            projects[["acronym", "period_raw", "start_date", "end_date"]].set_axis(
                [t(f"col.{c}", lang) for c in ("acronym", "period_raw", "start_date", "end_date")], axis=1
            ),
            t("h.cbhe_periods", lang, first=first.year, last=last.year),
        )

    out.append(Later("cbhe-periods", "cbhe", t("cb.chart.periods", lang), periods))
    return out


def _participant_rows(parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = parts[["acronym", "organisation", "country", "country_en" if lang == "en" else "country_az", "role"]]
    rows = rows.assign(role=[t(f"role.{r}", lang) for r in rows.role])
    rows.columns = [t(f"col.{c}", lang) for c in ("acronym", "organisation", "country", "country_name", "role")]
    return rows


@shared
def courses(f: Filters, code: str | None = None) -> list[ChartSpec]:
    lang = f.lang
    all_courses = own_courses(f)
    if all_courses.empty:
        return []
    code = code or all_courses.course_code.iloc[0]
    course = all_courses.set_index("course_code").loc[code]
    assessment = query("course_assessment", course=code)
    assessment["component"] = [labels.word(c, lang) for c in assessment.component]
    top = assessment.sort_values("points", ascending=False).iloc[0]
    rows = assessment.rename(
        columns={"component": t("co.component", lang), "points": t("co.points", lang), "percent": t("co.percent", lang)}
    )
    return [
        ChartSpec(
            "course-hours",
            "courses",
            charts.course_hours(course, lang),
            course[["hours_total", "hours_lecture", "hours_seminar"]]
            .to_frame()
            .T.set_axis([t("co.m.hours", lang), t("co.lecture", lang), t("co.seminar", lang)], axis=1),
            t(
                "h.course_hours",
                lang,
                course=course.title,
                total=int(course.hours_total),
                lecture=int(course.hours_lecture),
                seminar=int(course.hours_seminar),
            ),
        ),
        ChartSpec(
            "course-assessment",
            "courses",
            charts.course_assessment(assessment, lang),
            rows,
            t(
                "h.course_assessment",
                lang,
                component=top.component,
                n=int(top.points),
                total=int(assessment.points.sum()),
            ),
        ),
    ]


VIEWS: dict[str, Callable[[Filters], list[AnySpec]]] = {
    "overview": overview,
    "workload": workload,
    "deadlines": deadlines,
    "oversight": oversight,
    "rankings": ranking_views.rankings,  # results matched by university and ranking
    "cbhe": cbhe,
    "courses": courses,
}


PROGRESS_TOP = 20  # bars per progress chart; the rest are summed in one bar and said so
PROGRESS = (("status_by_unit", "pr.chart.unit"), ("status_by_vr", "pr.chart.vr"), ("status_by_goal", "pr.chart.goal"))


def _top_progress(df: pd.DataFrame, top: int, other: str) -> pd.DataFrame:
    """The `top` rows with most actions in their order, the others summed (share recomputed)."""
    if len(df) <= top:
        return df
    keep = df.nlargest(top, "actions", keep="first").sort_index()
    rest = df.drop(keep.index)
    summed = rest[["actions", "recorded", "done", "at_risk"]].sum()
    row = {"label": other, **{k: int(v) for k, v in summed.items()},
           "done_pct": round(100.0 * summed["done"] / summed["actions"], 1) if summed["recorded"] else None}
    return pd.concat([keep, pd.DataFrame([row])], ignore_index=True)


@shared
def progress(f: Filters, top: int = PROGRESS_TOP) -> list[AnySpec]:
    """Recorded status per unit, vice-rector and goal: done, at risk, other, nothing recorded."""
    lang, p = f.lang, f.params()
    names = labels.unit_names(lang)
    label = {"status_by_unit": lambda x: names.get(x, x), "status_by_vr": lambda x: labels.vice_rector(x, lang),
             "status_by_goal": str}

    def one(name: str, key: str) -> ChartSpec | None:
        df = query(name, **p).drop(columns=["period_start", "institution", "goal_no"], errors="ignore")
        if df.empty:
            return None
        df = df.assign(label=[label[name](x) for x in df.label])
        if "unit_institution" in df:  # a unit is a unit of its university: 'İKT Şöbəsi (QKU)' with several
            if df.unit_institution.nunique() > 1:
                df["label"] = [f"{x} ({i})" for x, i in zip(df.label, df.unit_institution, strict=True)]
            df = df.drop(columns="unit_institution")
        title = t(key, lang)
        if len(df) > top + 1:  # one row left over is drawn, not summed as "the other 1"
            rest = fmt.num(len(df) - top, lang)
            title = t("pr.chart.top", lang, title=title, n=top, rest=rest)
            df = _top_progress(df, top, t("pr.other_rows", lang, n=rest))
        head = {"status_by_unit": "c.unit", "status_by_vr": "c.vice_rector", "status_by_goal": "c.goal"}[name]
        rows = df.rename(columns={"label": t(head, lang), "actions": t("c.actions", lang),
                                  "recorded": t("pr.m.recorded", lang), "done": t("st.done", lang),
                                  "at_risk": t("st.at_risk", lang), "done_pct": t("deck.done_pct", lang)})
        return ChartSpec(name.replace("_", "-"), "progress", charts.completion(df, title, df.label.tolist(), lang),
                         rows, title)

    out: list[AnySpec] = []
    for name, key in PROGRESS:
        if len(out) < DRAWN_AT_ONCE:
            spec = one(name, key)
            if spec is not None:
                out.append(spec)
        else:
            out.append(Later(name.replace("_", "-"), "progress", t(key, lang), functools.partial(one, name, key)))
    return out
