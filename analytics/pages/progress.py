"""The progress page's core: recorded status per unit, vice-rector and goal; the headline figures;
the deck's progress slides (the same view, with the round's and the indicators' slides).

Used by the page's screen (screens/progress.py) and by decks and workbooks (reports/packs.py), so a slide says what
the page says.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

import paths
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
    unique,
)
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import PRIMARY
from analytics.views import (
    DRAWN_AT_ONCE,
    AnySpec,
    ChartSpec,
    Later,
    shared,
)

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


STALE_DAYS = 90  # a recorded status older than this is stale
DECK_TOP = 200  # bars of a progress slide: the deck's pictures keep what fits (as workload's do)


@dataclass(frozen=True)
class Summary:
    """The page's key figures (queries/status_figures.sql), the same on the page, the overview and the deck."""

    actions: int
    recorded: int
    done: int
    at_risk: int
    overdue: int
    stale: int
    ended_unrecorded: int  # dated actions past their end year with no status ever recorded


def summary(f: Filters) -> Summary:
    day = paths.today()
    k = query("status_figures", this_year=day.year, today=day, stale_days=STALE_DAYS, **f.params()).iloc[0]
    return Summary(*(int(k[name]) for name in ("actions", "recorded", "done", "at_risk", "overdue", "stale",
                                                 "ended_unrecorded")))


def headline(s: Summary, lang: str) -> str:
    """The page's first sentence: what recorded statuses say; with none, what ended unreported (else '')."""
    def num(v: int) -> str:
        return fmt.num(v, lang)

    if s.recorded:
        return t("pr.lead", lang, recorded=num(s.recorded), n=num(s.actions), done=num(s.done),
                 at_risk=num(s.at_risk), overdue=num(s.overdue))
    return t("pr.ended_unrecorded", lang, n=num(s.ended_unrecorded)) if s.ended_unrecorded else ""


def completion_spec(f: Filters, name: str, top: int = PROGRESS_TOP, recorded_only: bool = False) -> ChartSpec | None:
    """Recorded status per unit, vice-rector or goal (`name`: status_by_unit | status_by_vr | status_by_goal): the
    chart, its rows and the finding ('Most done: …'); None without rows (or, recorded_only, with nothing recorded)."""
    lang = f.lang
    key = dict(PROGRESS)[name]
    names = labels.unit_names(lang)
    label = {"status_by_unit": lambda x: names.get(x, x), "status_by_vr": lambda x: labels.vice_rector(x, lang),
             "status_by_goal": str}[name]
    df = query(name, **f.params()).drop(columns=["period_start", "institution", "goal_no"], errors="ignore")
    if df.empty or (recorded_only and not df.recorded.sum()):
        return None
    df = df.assign(label=[label(x) for x in df.label])
    if "unit_institution" in df:  # a unit is a unit of its university: 'İKT Şöbəsi (QKU)' with several
        if df.unit_institution.nunique() > 1:
            df["label"] = [f"{x} ({i})" for x, i in zip(df.label, df.unit_institution, strict=True)]
        df = df.drop(columns="unit_institution")
    title = t(key, lang)
    if len(df) > top + 1:  # one row left over is drawn, not summed as "the other 1"
        rest = fmt.num(len(df) - top, lang)
        title = t("pr.chart.top", lang, title=title, n=top, rest=rest)
        df = _top_progress(df, top, t("pr.other_rows", lang, n=rest))
    finding = title
    if df.recorded.sum():
        best = df.sort_values(["done", "recorded"], ascending=False, kind="stable").iloc[0]
        finding = t("deck.h.progress", lang, label=best.label, done=fmt.num(int(best.done), lang),
                    n=fmt.num(int(best.actions), lang))
    head = {"status_by_unit": "c.unit", "status_by_vr": "c.vice_rector", "status_by_goal": "c.goal"}[name]
    rows = df.rename(columns={"label": t(head, lang), "actions": t("c.actions", lang),
                              "recorded": t("pr.m.recorded", lang), "done": t("st.done", lang),
                              "at_risk": t("st.at_risk", lang), "done_pct": t("deck.done_pct", lang)})
    return ChartSpec(name.replace("_", "-"), "progress", completion(df, title, df.label.tolist(), lang), rows, finding)


@shared
def progress(f: Filters, top: int = PROGRESS_TOP) -> list[AnySpec]:
    """Recorded status per unit, vice-rector and goal: done, at risk, other, nothing recorded."""
    out: list[AnySpec] = []
    for name, key in PROGRESS:
        if len(out) < DRAWN_AT_ONCE:
            spec = completion_spec(f, name, top)
            if spec is not None:
                out.append(spec)
        else:
            out.append(Later(name.replace("_", "-"), "progress", t(key, f.lang),
                             functools.partial(completion_spec, f, name, top)))
    return out


def deck(f: Filters) -> tuple[list[ChartSpec], list[tuple[str, str]], str]:
    """The progress section of a deck or workbook: the page's key figures and first sentence; the page's
    completion charts per goal and per lead unit where statuses are recorded (no alarming zeros); the
    reporting round's slide; the indicators' slides. Nothing when nothing is recorded or ended unreported."""
    lang = f.lang
    s = summary(f)
    reporting_year = [*round_specs(f), *indicator_specs(f)]

    def num(v: int) -> str:
        return fmt.num(v, lang)

    if not s.recorded:  # nothing assessed: no alarming zeros, but what ended unreported is the headline
        figures = [(t("c.actions", lang), num(s.actions)), (t("pr.m.ended_unrecorded", lang), num(s.ended_unrecorded)),
                   (t("pr.m.not_assessed", lang), num(s.actions))] if s.ended_unrecorded else []
        return reporting_year, figures, headline(s, lang)
    figures = [
        (t("pr.m.recorded", lang), f"{num(s.recorded)} / {num(s.actions)}"),
        (t("pr.m.done", lang), num(s.done)),
        (t("pr.m.at_risk", lang), num(s.at_risk)),
        (t("pr.m.overdue", lang), num(s.overdue)),
        (t("pr.m.not_assessed", lang), num(s.actions - s.recorded)),
        (t("pr.m.ended_unrecorded", lang), num(s.ended_unrecorded)),
    ]
    charts_ = [c for c in (completion_spec(f, "status_by_goal", DECK_TOP, recorded_only=True),
                           completion_spec(f, "status_by_unit", DECK_TOP, recorded_only=True)) if c is not None]
    return [*charts_, *reporting_year], figures, headline(s, lang)


def round_specs(f: Filters) -> list[ChartSpec]:
    """The reporting round's slide: per lead unit, actions reported and not yet reported."""
    from analytics import reporting

    found = reporting.round_progress(f.uni, f.lang)
    if found is None:
        return []
    r, acts, prog = found
    prog = prog[prog.key.notna()]
    if prog.empty:
        return []
    names = labels.unit_names(f.lang)
    shown = [names.get(k, k) for k in prog.key]
    fig = go.Figure()
    fig.add_bar(y=shown, x=prog.reported, orientation="h", name=t("ro.col.reported", f.lang), marker_color="#009E73")
    fig.add_bar(y=shown, x=prog.missing, orientation="h", name=t("ro.col.missing", f.lang), marker_color="#D55E00")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig = style(fig, t("ro.chart", f.lang, round=r.label), t("c.actions", f.lang), None,
                height=max(300, 40 * len(prog) + 160), lang=f.lang)
    rows = pd.DataFrame({t("c.unit", f.lang): shown, t("ro.col.due", f.lang): prog.due,
                         t("ro.col.reported", f.lang): prog.reported, t("ro.col.missing", f.lang): prog.missing})
    state = t("ro.state_closed" if r.closed else "ro.state_open", f.lang)
    head = t("ro.lead", f.lang, round=r.label, state=state, n=fmt.num(len(acts), f.lang),
             reported=fmt.num(int(acts.recorded_at.notna().sum()), f.lang), due=fmt.day(r.due_date, f.lang))
    return [ChartSpec("progress-round", "progress", fig, rows, head)]


def indicator_specs(f: Filters) -> list[ChartSpec]:
    """The indicators' slides, one per goal: expected and actual per indicator in the latest measured round."""
    from analytics import indicators_view

    df = indicators_view.assessed(f)
    if df.empty:
        return []
    head = indicators_view.headline(df, f.lang)
    return [ChartSpec(f"progress-indicators-{i}", "progress", fig, rows, f"{head} · {label}")
            for i, (label, fig, rows) in enumerate(indicators_view.per_goal(df, f.lang), start=1)]


view = progress  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)


# Figures: data frame in, plotly figure out.


# ------------------------------------------------------------------ progress
def completion(df: pd.DataFrame, title: str, labels_: list[str], lang: str) -> go.Figure:
    """Per row: done, at risk, other recorded status, and nothing recorded, stacked; each row's label on a
    line over its bar (at a phone's width two-line labels in a column ran into each other)."""
    other = df["recorded"] - df["done"] - df["at_risk"]
    missing = df["actions"] - df["recorded"]
    fig = go.Figure()
    rows = [len(df) - n + BAR_Y for n in range(len(df))]
    hover = [plain(str(x)) for x in labels_]
    for values, key, colour in (
        (df["done"], "st.done", "#009E73"),
        (df["at_risk"], "st.at_risk", "#D55E00"),
        (other, "st.other", PRIMARY),
        (missing, "st.none", "#D1D5DB"),
    ):
        fig.add_bar(
            x=values,
            y=rows,
            width=BAR_WIDTH,
            orientation="h",
            name=t(key, lang),
            marker_color=colour,
            customdata=hover,
            hovertemplate="%{customdata}: %{x}<extra>" + t(key, lang) + "</extra>",
        )
    fig.update_layout(barmode="stack")
    rows_layout(fig, unique([row_label(x) for x in labels_]))
    count_ticks(fig, df["actions"].max() if len(df) else 1)
    return style(fig, title, t("pr.axis.share", lang), None, height=rows_height(len(df)), lang=lang)
