"""Figure helpers every page uses (style, wrapping, heatmaps, Gantt rows, bar geometry): data frame in, plotly
figure out. A page's own figures live in its module, analytics/pages/<page>.py."""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.i18n import t
from analytics.theme import FONT, RECURRENCE_COLOURS


def plain(text: str) -> str:
    """Text from the documents as plotly shows it literally: its HTML-like tags (<b>, <a>) are not markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap(text: str, width: int = 38, max_lines: int = 3) -> str:
    """Break a long Azerbaijani label over lines instead of cutting it (full text stays in the hover)."""
    lines = textwrap.wrap(plain(str(text)), width, break_long_words=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "<br>".join(lines)


def style(
    fig: go.Figure,
    title: str,
    x: str | None = None,
    y: str | None = None,
    height: int | None = None,
    legend: bool = True,
    lang: str = "az",
) -> go.Figure:
    """Shared look: title at the top (wrapped, so it fits a phone's width), the legend at the bottom
    (it grows downwards as it wraps and never runs into the title), locale number separators."""
    height = height or 450
    fig.update_layout(
        title={
            "text": wrap(title, 38, 3),
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "yref": "paper",
            "y": 1,
            "yanchor": "bottom",
            "pad": {"b": 12, "l": 8},
            "font": {"size": 17},
            "automargin": True,
        },
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 24, "t": 48, "b": 48},
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "x": 0,
            "xanchor": "left",
            "title": None,
            "traceorder": "normal",
        },
        showlegend=legend,
        height=height,
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=",." if lang == "az" else ".,",
        hoverlabel={"font": {"family": FONT}},
    )
    # A value written beside its bar may run past the axis end: draw it, never cut it ("50" read as "5").
    fig.update_traces(cliponaxis=False, selector={"type": "bar"})
    if any(getattr(tr, "textposition", None) == "outside" for tr in fig.data):
        fig.update_layout(margin={"r": 64})
    fig.update_xaxes(title_text=x, automargin=True, gridcolor="#E5E7EB")
    fig.update_yaxes(title_text=y, automargin=True, gridcolor="#E5E7EB")
    return fig


def action_label(institution: str, goal_no, target_no, action_no, goal_ref=None) -> str:
    """'QKU 1.2.3'; NDU rows carry the strategy reference as written ('NDU 3 / 2-1.3')."""
    if goal_ref is not None and not pd.isna(goal_ref):
        return f"{institution} {int(goal_no)} / {goal_ref}"
    parts = [str(int(x)) for x in (goal_no, target_no, action_no) if x is not None and not pd.isna(x)]
    return f"{institution} {'.'.join(parts)}"


def heatmap(
    z: pd.DataFrame,
    title: str,
    x_title: str,
    y_labels: list[str],
    hover_y: list[str],
    lang: str,
    colorscale: str = "Blues",
    column_hover: list[str] | None = None,
) -> go.Figure:
    """A count heatmap: a cell that cannot exist is NaN in `z` and drawn as no cell; a zero is a pale cell
    without a number (zeros in a row of numbers ran together at phone width); the hover says both."""
    cols = column_hover or [str(c) for c in z.columns]
    text = [["" if pd.isna(v) or v == 0 else fmt.num(int(v), lang) for v in row] for row in z.values]
    fig = go.Figure(
        go.Heatmap(
            z=z.values,
            x=[str(c) for c in z.columns],
            y=y_labels,
            colorscale=colorscale,
            zmin=0,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 11},
            customdata=[[[plain(h), c] for c in cols] for h in hover_y],
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}: %{z}<extra></extra>",
            showscale=False,  # every cell carries its number; a colour bar would take a phone's width
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    fig.update_xaxes(type="category")
    return style(fig, title, x_title, None, height=max(320, 30 * len(y_labels) + 140), legend=False, lang=lang)


MAX_PLAN_COLUMNS = 4  # more plans than this: goal columns are summed over the plans (and the axis says so)


def goal_columns(df: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, str]:
    """Goal column labels: 'QKU 1' for a few plans; 'Məqsəd 1' summed over plans at national scale."""
    df = df.copy()
    plans = df.institution.nunique()
    if plans > MAX_PLAN_COLUMNS:
        df["goal"] = [t("c.goal_n", lang, n=int(g)) if not pd.isna(g) else "—" for g in df.goal_no]
        return df, t("c.goal_summed", lang, n=plans)
    df["goal"] = [
        f"{i} {int(g)}" if not pd.isna(g) else f"{i} —" for i, g in zip(df.institution, df.goal_no, strict=True)
    ]
    return df, t("c.goal", lang)


def zeros_where_possible(z: pd.DataFrame, df: pd.DataFrame, row: str, summed: bool) -> pd.DataFrame:
    """Rows × goal columns of counts with NaN where nothing was counted: a 0 where the row's university has that
    goal's plan (a real zero), NaN (no cell) where it cannot exist; with goals summed over plans, 0 everywhere."""
    if summed:
        return z.fillna(0)
    plan_of = dict(zip(df.goal, df.institution, strict=True))
    plans_of = df.groupby(row)["institution"].agg(set)
    possible = pd.DataFrame([[plan_of[g] in plans_of[r] for g in z.columns] for r in z.index],
                            index=z.index, columns=z.columns)
    return z.where(z.notna() | ~possible, 0)


# ------------------------------------------------------------------ deadlines
def top_axis_room(fig: go.Figure, px: int = 26) -> go.Figure:
    """style() puts the title just above the plot area, where an x axis on top has its labels: the
    title's bottom padding leaves them room."""
    fig.update_layout(title_pad_b=(fig.layout.title.pad.b or 0) + px)
    return fig


def unique(labels: list[str]) -> list[str]:
    """Category labels made unique (two rows never merge into one): repeats get invisible suffixes."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label, 0)
        seen[label] = n + 1
        out.append(label + "\u200b" * n)
    return out


def _action_number(goal_no, target_no, action_no, goal_ref=None) -> str:
    """'1.2.3'; NDU rows carry the strategy reference as written ('3 / 2-1.3')."""
    if goal_ref is not None and not pd.isna(goal_ref) and not pd.isna(goal_no):
        return f"{int(goal_no)} / {goal_ref}"
    return ".".join(str(int(x)) for x in (goal_no, target_no, action_no) if x is not None and not pd.isna(x))


def _gantt_kind(recurrence, start_year, deadline_raw) -> str:
    if isinstance(recurrence, str) and not pd.isna(start_year):
        return recurrence
    return "unknown" if isinstance(deadline_raw, str) and deadline_raw else "none"


ROW_PX = 34  # a row of a Gantt: its label on a line of its own over the bar
ROW_LABEL_CHARS = 50  # a label fits a phone's width (390 px) on one line, inside a fold too; the hover has it whole
UNIT_LABEL_CHARS = 26
BAR_Y, BAR_WIDTH = -0.22, 0.36  # a bar in the lower part of its row (rows are 1 apart, the first on top)


def rows_layout(fig: go.Figure, labels_: list[str]) -> None:
    """Rows numbered from the top (n … 1), each label over its bar across the whole plot width, so that
    at phone width the bars keep the width and the labels are not squeezed into a narrow column."""
    n = len(labels_)
    fig.update_layout(annotations=[  # one update: adding them one by one costs quadratic time
        {"x": 0, "xref": "paper", "xanchor": "left", "y": n - i + 0.02, "yanchor": "bottom", "text": text,
         "showarrow": False, "align": "left", "font": {"size": 11, "color": "#374151"},
         "bgcolor": "rgba(255,255,255,0.85)"} for i, text in enumerate(labels_)])
    fig.update_yaxes(range=[0.45, n + 0.55], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)


def row_label(text: str, chars: int = ROW_LABEL_CHARS, head: str = "") -> str:
    """A row's label on one line of at most `chars` characters: '<b>head</b> text', the text shortened
    with an ellipsis but a trailing '(QKU)' kept (it tells two universities' units apart)."""
    text = " ".join(str(text).split())
    room = chars - len(head) - (1 if head else 0)
    suffix = re.search(r"\s\([^()]{1,12}\)$", text) if len(text) > room else None
    if suffix:
        body = textwrap.shorten(text[: suffix.start()], max(room - len(suffix.group()), 8), placeholder="…")
        text = body + suffix.group()
    elif len(text) > room:
        text = textwrap.shorten(text, max(room, 8), placeholder="…")
    return f"<b>{plain(head)}</b> {plain(text)}" if head else plain(text)


def count_ticks(fig: go.Figure, top: float, axis: str = "x") -> None:
    """A count axis with a few round ticks that stand upright side by side at a phone's width too
    ('0 10 20 30' jammed together before): a step of 1, 2, 5, 10 … giving at most five ticks."""
    top = max(float(top or 0), 1.0)
    magnitude = 10 ** int(math.floor(math.log10(top / 4))) if top > 4 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if top / (m * magnitude) <= 4)
    fig.update_layout({f"{axis}axis": {"dtick": step, "tick0": 0, "tickangle": 0}})


def rows_height(n: int, px: int = ROW_PX) -> int:
    return max(260, px * n + 190)


def year_ticks(lo: int, hi: int) -> dict:
    """Year names in the middle of their years (every second or fifth year on long spans, so that they
    never overlap at phone width), a grid line where each year begins."""
    years = list(range(lo, hi + 1))
    step = 1 if len(years) <= 8 else 2 if len(years) <= 16 else 5
    return {"tickmode": "array", "tickvals": [dt.date(y, 7, 1) for y in years[::step]],
            "ticktext": [str(y) for y in years[::step]], "ticks": "", "showgrid": False, "tickangle": 0,
            "minor": {"tickmode": "array", "tickvals": [dt.date(y, 1, 1) for y in range(lo, hi + 2)],
                      "showgrid": True, "gridcolor": "#D1D5DB"}}


def gantt(df: pd.DataFrame, lang: str, title: str | None = None, with_plan: bool = True,
          today: dt.date | None = None) -> go.Figure:
    """One row per action (a page of them), in plan order, the year axis on top. Dated actions are solid
    bars, regular ones hatched bars over their years, annual and semester ones a dot per year (per
    semester); a deadline that was not understood, or none, is a grey bar over the plan's period. `today`:
    a dashed line on that day (the axis reaches it when it falls up to two years after the last bar).
    `df`: plan_label, goal_no, target_no, action_no, goal_ref, title, deadline (as the reader sees it),
    recurrence, deadline_raw, start/end year and month, active_from, active_to."""
    fig = go.Figure()
    df = df.copy()
    labels_ = []
    for r in df.itertuples():
        head = " ".join(filter(None, [r.plan_label if with_plan else "", _action_number(r.goal_no, r.target_no,
                                                                                         r.action_no, r.goal_ref)]))
        short = plain(textwrap.shorten(str(r.title), ROW_LABEL_CHARS - len(head), placeholder="…"))
        labels_.append(f"<b>{plain(head)}</b> {short}" if head else short)
    df["y"] = [len(df) - i + BAR_Y for i in range(len(df))]
    df["kind"] = [_gantt_kind(k, y, raw) for k, y, raw in zip(df.recurrence, df.start_year, df.deadline_raw,
                                                               strict=True)]
    first = [int(a if pd.isna(y) else y) for y, a in zip(df.start_year, df.active_from, strict=True)]
    last = [int(b if pd.isna(y) else y) for y, b in zip(df.end_year, df.active_to, strict=True)]
    df["y0"], df["y1"] = first, last
    hover = "%{customdata[0]}<br>%{customdata[1]}<extra></extra>"
    bars = (("period", "rec.dated", ""), ("once", "rec.once", ""), ("regular", "rec.regular", "/"),
            ("unknown", "rec.unknown", "."), ("none", "rec.none", "."))
    for kind, name, pattern in bars:
        part = df[df.kind == kind]
        if part.empty:
            continue
        start = [dt.date(y, 1 if pd.isna(m) else int(m), 1) for y, m in zip(part.y0, part.start_month, strict=True)]
        end = [dt.date(y, 12 if pd.isna(m) else int(m), 28) for y, m in zip(part.y1, part.end_month, strict=True)]
        fig.add_bar(
            base=start,
            x=[(e - s).days * 86400000 + 3 * 86400000 for s, e in zip(start, end, strict=True)],
            y=part["y"],
            width=BAR_WIDTH,
            orientation="h",
            name=t(name, lang),
            marker={"color": RECURRENCE_COLOURS[kind], "line": {"width": 0}, "pattern": {"shape": pattern}},
            customdata=[[plain(str(a)), plain(str(b))] for a, b in zip(part.title, part.deadline, strict=True)],
            hovertemplate=hover,
        )
    # Recurring actions: a dot per year (in its month when the plan names one), or per semester.
    for kind, symbol, dates in (("annual", "diamond", ((6, 30),)), ("semester", "circle", ((3, 15), (10, 15)))):
        part = df[df.kind == kind]
        if part.empty:
            continue
        xs, ys, cd = [], [], []
        for r in part.itertuples():
            days = ((int(r.start_month), 15),) if kind == "annual" and not pd.isna(r.start_month) else dates
            for y in range(r.y0, r.y1 + 1):
                for m, d in days:
                    xs.append(dt.date(y, m, d))
                    ys.append(r.y)
                    cd.append([plain(str(r.title)), plain(str(r.deadline))])
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="markers",
            name=t(f"rec.{kind}", lang),
            marker={"color": RECURRENCE_COLOURS[kind], "size": 10 if kind == "annual" else 8, "symbol": symbol},
            customdata=cd,
            hovertemplate=hover,
        )
    lo, hi = min(first), max(last)
    if today is not None and lo <= today.year <= hi + 2:
        hi = max(hi, today.year)
        fig.add_vline(x=today.isoformat(), line={"color": "#B91C1C", "width": 2, "dash": "dash"})
    fig.update_xaxes(type="date", side="top", range=[dt.date(lo, 1, 1), dt.date(hi, 12, 31)], **year_ticks(lo, hi))
    rows_layout(fig, labels_)  # sets the annotations: the today label comes after
    if today is not None and lo <= today.year <= hi:
        fig.add_annotation(x=today.isoformat(), y=0.45, yanchor="bottom", xanchor="right",  # at the foot: the
                           text=t("gantt.today", lang), showarrow=False, font={"size": 11, "color": "#B91C1C"},
                           bgcolor="rgba(255,255,255,0.85)")  # year names on top stay readable
    fig.update_layout(barmode="overlay")
    return top_axis_room(style(fig, title or t("dl.chart.gantt", lang), None, None,
                                height=max(260, ROW_PX * len(df) + 190), lang=lang))


