"""Figure builders shared by the pages and the exports: data frame in, plotly figure out."""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.i18n import t
from analytics.theme import FONT, MUTED, PRIMARY, RECURRENCE_COLOURS, ROLE_COLOURS, VICE_RECTOR_COLOURS


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


# ------------------------------------------------------------------ overview
def actions_per_goal(df: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """Stacked bars per plan goal; rows without a goal number are whole plans (the national view). Each
    row's label on a line over its bar (the Gantt's layout): at a phone's width the bars keep the width."""
    fig = go.Figure()
    df = df.copy()
    df["label"] = [
        _row_label(str(i)) if pd.isna(g)
        else _row_label(gt, head=f"{i} {int(g)}") if isinstance(gt, str) and gt
        else _row_label(t("c.goal_n", lang, n=int(g)), head=str(i))
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
    _rows_layout(fig, keys["label"].tolist())
    _count_ticks(fig, df.groupby("key")["actions"].sum().max())
    return style(
        fig,
        title or t("ov.chart.per_goal", lang),
        t("c.actions", lang),
        None,
        height=_rows_height(len(keys)),
        lang=lang,
    )


# ------------------------------------------------------------------ workload
def unit_workload(df: pd.DataFrame, lang: str, names: dict[str, str], top: int = 25) -> go.Figure:
    """Actions per unit, led and as partner, stacked; a row each, its label over its bar."""
    wide = df.pivot_table(index="unit_name", columns="role", values="actions", aggfunc="sum", fill_value=0)
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
    _rows_layout(fig, _unique([_row_label(names.get(u, u)) for u in wide.index]))
    _count_ticks(fig, wide["total"].max() if len(wide) else 1)
    return style(fig, t("wl.chart.units", lang), t("c.actions", lang), None, height=_rows_height(len(wide)),
                 lang=lang)


def _heatmap(
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


# A unit's name on two lines of at most this many characters (the hover has it whole): at a phone's 390 px
# the labels then take under half the width and the cells keep room for their numbers (at 42 the labels
# took 270 px, the cells were 12 px wide and the longest name ran off the left edge).
UNIT_LABEL_CHARS = 26


def unit_year_heatmap(
    df: pd.DataFrame, lang: str, names: dict[str, str], years: list[int], top: int | None = None,
    spans: dict[str, tuple[int, int]] | None = None,
) -> go.Figure:
    """Units × years. `spans`: the years each unit's university has actions in; a year outside them has no
    cell (it cannot exist: the plan does not run then), a year inside without an action is a 0."""
    z = df.pivot_table(index="unit_name", columns="year", values="actions", aggfunc="sum")
    z = z.reindex(columns=years)
    if spans is None:
        z = z.fillna(0)
    else:
        inside = pd.DataFrame([[spans[u][0] <= y <= spans[u][1] if u in spans else True for y in years]
                               for u in z.index], index=z.index, columns=z.columns)
        z = z.where(z.notna() | ~inside, 0)
    z = z.loc[z.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    return _heatmap(
        z,
        t("wl.chart.heatmap", lang),
        t("c.year", lang),
        _unique([wrap(names.get(u, u), UNIT_LABEL_CHARS, 2) for u in z.index]),
        [names.get(u, u) for u in z.index],
        lang,
    )


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


def _zeros_where_possible(z: pd.DataFrame, df: pd.DataFrame, row: str, summed: bool) -> pd.DataFrame:
    """Rows × goal columns of counts with NaN where nothing was counted: a 0 where the row's university has that
    goal's plan (a real zero), NaN (no cell) where it cannot exist; with goals summed over plans, 0 everywhere."""
    if summed:
        return z.fillna(0)
    plan_of = dict(zip(df.goal, df.institution, strict=True))
    plans_of = df.groupby(row)["institution"].agg(set)
    possible = pd.DataFrame([[plan_of[g] in plans_of[r] for g in z.columns] for r in z.index],
                            index=z.index, columns=z.columns)
    return z.where(z.notna() | ~possible, 0)


def unit_goal_heatmap(df: pd.DataFrame, lang: str, names: dict[str, str], top: int | None = None) -> go.Figure:
    """Units × goals. A unit and a goal of another university's plan cannot meet: no cell (not a 0); a goal
    of the unit's own plan it has no action under: a pale cell without a number. The hover names the goal."""
    summed = df.institution.nunique() > MAX_PLAN_COLUMNS
    df, x_title = goal_columns(df, lang)
    z = df.pivot_table(index="unit_name", columns="goal", values="actions", aggfunc="sum", sort=False)
    order = df.sort_values(["institution", "goal_no"], kind="stable", na_position="last").goal
    z = z.reindex(columns=list(dict.fromkeys(order)))  # plans by name, goals in number order (2 before 10)
    z = _zeros_where_possible(z, df, "unit_name", summed)  # summed over many plans: every goal number is possible
    z = z.loc[z.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    titles = {} if "goal_title" not in df else {
        g: plain(str(ti)) for g, ti in zip(df.goal, df.goal_title, strict=True) if isinstance(ti, str) and ti.strip()}
    return _heatmap(
        z,
        t("wl.chart.goal", lang),
        x_title,
        _unique([wrap(names.get(u, u), UNIT_LABEL_CHARS, 2) for u in z.index]),
        [names.get(u, u) for u in z.index],
        lang,
        colorscale="Oranges",
        column_hover=[f"{g} · {textwrap.shorten(titles[g], 80, placeholder='…')}" if g in titles else str(g)
                      for g in z.columns],
    )


# ------------------------------------------------------------------ deadlines
def _top_axis_room(fig: go.Figure, px: int = 26) -> go.Figure:
    """style() puts the title just above the plot area, where an x axis on top has its labels: the
    title's bottom padding leaves them room."""
    fig.update_layout(title_pad_b=(fig.layout.title.pad.b or 0) + px)
    return fig


def _unique(labels: list[str]) -> list[str]:
    """Category labels made unique (two rows never merge into one): repeats get invisible suffixes."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label, 0)
        seen[label] = n + 1
        out.append(label + "\u200b" * n)
    return out


def _flow_cell(running: int, starting: int, ending: int, lang: str) -> str:
    """'<b>30</b><br>▲12<br>▼5': in progress, then the dated actions starting and ending, a line each
    (zeros left out), so that a cell stays narrow at phone width."""
    if not running:
        return ""
    return "<br>".join([f"<b>{fmt.num(running, lang)}</b>"] + ([f"▲{fmt.num(starting, lang)}"] if starting else [])
                       + ([f"▼{fmt.num(ending, lang)}"] if ending else []))


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
            y=_unique([wrap(r, 22, 3) for r in order]),
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
    return _top_axis_room(style(fig, title, None, y_title, height=max(300, 46 * len(order) + 150), legend=False,
                                lang=lang), 26 if upright else 44)


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
BAR_Y, BAR_WIDTH = -0.22, 0.36  # a bar in the lower part of its row (rows are 1 apart, the first on top)


def _rows_layout(fig: go.Figure, labels_: list[str]) -> None:
    """Rows numbered from the top (n … 1), each label over its bar across the whole plot width, so that
    at phone width the bars keep the width and the labels are not squeezed into a narrow column."""
    n = len(labels_)
    fig.update_layout(annotations=[  # one update: adding them one by one costs quadratic time
        {"x": 0, "xref": "paper", "xanchor": "left", "y": n - i + 0.02, "yanchor": "bottom", "text": text,
         "showarrow": False, "align": "left", "font": {"size": 11, "color": "#374151"},
         "bgcolor": "rgba(255,255,255,0.85)"} for i, text in enumerate(labels_)])
    fig.update_yaxes(range=[0.45, n + 0.55], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)


def _row_label(text: str, chars: int = ROW_LABEL_CHARS, head: str = "") -> str:
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


def _count_ticks(fig: go.Figure, top: float, axis: str = "x") -> None:
    """A count axis with a few round ticks that stand upright side by side at a phone's width too
    ('0 10 20 30' jammed together before): a step of 1, 2, 5, 10 … giving at most five ticks."""
    top = max(float(top or 0), 1.0)
    magnitude = 10 ** int(math.floor(math.log10(top / 4))) if top > 4 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if top / (m * magnitude) <= 4)
    fig.update_layout({f"{axis}axis": {"dtick": step, "tick0": 0, "tickangle": 0}})


def _rows_height(n: int, px: int = ROW_PX) -> int:
    return max(260, px * n + 190)


def _year_ticks(lo: int, hi: int) -> dict:
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
    fig.update_xaxes(type="date", side="top", range=[dt.date(lo, 1, 1), dt.date(hi, 12, 31)], **_year_ticks(lo, hi))
    _rows_layout(fig, labels_)  # sets the annotations: the today label comes after
    if today is not None and lo <= today.year <= hi:
        fig.add_annotation(x=today.isoformat(), y=0.45, yanchor="bottom", xanchor="right",  # at the foot: the
                           text=t("gantt.today", lang), showarrow=False, font={"size": 11, "color": "#B91C1C"},
                           bgcolor="rgba(255,255,255,0.85)")  # year names on top stay readable
    fig.update_layout(barmode="overlay")
    return _top_axis_room(style(fig, title or t("dl.chart.gantt", lang), None, None,
                                height=max(260, ROW_PX * len(df) + 190), lang=lang))


def year_flow(df: pd.DataFrame, lang: str) -> go.Figure:
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
    _rows_layout(fig, [f"<b>{plain(i)}</b> " + plain(textwrap.shorten(str(ti), ROW_LABEL_CHARS - len(i),
                                                                       placeholder="…"))
                       for i, ti in zip(df.institution, df.title, strict=True)])
    fig.update_layout(barmode="overlay")
    return _top_axis_room(style(fig, t("dl.chart.months", lang, years=years), None, None,
                                height=max(260, ROW_PX * len(df) + 190), lang=lang))


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
    z = _zeros_where_possible(z, df, "vice_rector", summed)
    z = z.loc[z.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    return _heatmap(
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


# ------------------------------------------------------------------ CBHE
def cbhe_budget(df: pd.DataFrame, lang: str) -> go.Figure:
    """Budget per project as a bar a row (the acronyms are short: they fit at the left at a phone's width),
    the amount beside its bar at a readable size; a project without a budget says so on its own empty row,
    where the note cannot run onto another project's bar."""
    known = df["budget_eur"].notna()
    top = float(df["budget_eur"].max()) if known.any() else 1.0
    fig = go.Figure(
        go.Bar(
            x=df["budget_eur"].astype(float),
            y=df["acronym"],
            orientation="h",
            marker_color=PRIMARY,
            text=[fmt.eur(v, lang) if k else "" for v, k in zip(df.budget_eur, known, strict=True)],
            textposition="outside",
            textfont={"size": 12},
            constraintext="none",
            customdata=df["title"],
            hovertemplate="%{y}<br>%{customdata}<br>%{text}<extra></extra>",
        )
    )
    for acronym in df.loc[~known, "acronym"]:
        fig.add_annotation(
            x=0,
            xanchor="left",
            y=acronym,
            yref="y",
            text=t("cb.no_budget", lang),
            showarrow=False,
            font={"color": "#B91C1C", "size": 12},
        )
    # room beyond the longest bar for its amount ('€1,234,567' at 12 px) at a phone's width too
    fig.update_xaxes(range=[0, top * 1.45], tickformat="~s", nticks=4, tickangle=0)
    fig.update_yaxes(autorange="reversed", type="category")
    return style(
        fig,
        t("cb.chart.budget", lang),
        t("cb.axis.budget", lang),
        t("cb.axis.project", lang),
        height=max(300, 40 * len(df) + 160),
        legend=False,
        lang=lang,
    )


def cbhe_countries(df: pd.DataFrame, lang: str) -> go.Figure:
    col = "country_en" if lang == "en" else "country_az"
    g = df.groupby([col, "role"]).size().unstack(fill_value=0)
    for role in ("coordinator", "partner"):
        if role not in g:
            g[role] = 0
    g = g.loc[g.sum(axis=1).sort_values().index]
    fig = go.Figure()
    for role in ("coordinator", "partner"):
        fig.add_bar(
            x=g[role], y=g.index, orientation="h", name=t(f"role.{role}", lang), marker_color=ROLE_COLOURS[role]
        )
    fig.update_layout(barmode="stack")
    return style(
        fig,
        t("cb.chart.countries", lang),
        t("cb.axis.participants", lang),
        None,
        height=max(320, 28 * len(g) + 140),
        lang=lang,
    )


def cbhe_map(df: pd.DataFrame, lang: str) -> go.Figure:
    """Participants per country on a map drawn from the bundled topojson (static/topojson): no CDN."""
    col = "country_en" if lang == "en" else "country_az"
    g = df.groupby(["iso3", col]).size().reset_index(name="n")
    fig = go.Figure(
        go.Choropleth(
            locations=g["iso3"],
            z=g["n"],
            locationmode="ISO-3",
            text=g[col],
            colorscale="Blues",
            marker_line_color="#6B7280",
            marker_line_width=0.5,
            colorbar={"title": t("cb.axis.participants", lang)},
            hovertemplate="%{text}: %{z}<extra></extra>",
        )
    )
    fig.update_geos(
        fitbounds="locations",
        showcountries=True,
        countrycolor="#9CA3AF",
        showframe=False,
        projection_type="natural earth",
        landcolor="#F3F4F6",
        showland=True,
    )
    return style(fig, t("cb.chart.map", lang), height=520, legend=False, lang=lang)


def cbhe_az_matrix(df: pd.DataFrame, projects: list[str], lang: str) -> go.Figure:
    az = df[df.country == "AZ"]
    orgs = az.groupby("organisation").size().sort_values(ascending=False).index.tolist()
    z = [[0] * len(projects) for _ in orgs]
    text = [[""] * len(projects) for _ in orgs]
    for r in az.itertuples():
        i, j = orgs.index(r.organisation), projects.index(r.acronym)
        z[i][j] = 2 if r.role == "coordinator" else 1
        text[i][j] = t(f"cb.letter.{r.role}", lang)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=projects,
            y=_unique([wrap(o, UNIT_LABEL_CHARS, 2) for o in orgs]),  # a phone keeps room for the cells
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#F3F4F6"], [0.5, "#9BC8E8"], [1, "#D55E00"]],
            zmin=0,
            zmax=2,
            showscale=False,
            xgap=2,
            ygap=2,
            customdata=[[plain(o)] * len(projects) for o in orgs],  # the whole name (the axis may cut it)
            hovertemplate="%{customdata}<br>%{x}<extra></extra>",
        )
    )
    listed = set(df.acronym)
    for acronym in projects:
        if acronym not in listed:  # REFRESH: the compendium lists no participants
            fig.add_annotation(  # upright along its own empty column: at a phone's width the column is narrow
                x=acronym,
                y=0.5,
                yref="paper",
                text=t("cb.no_participants", lang),
                textangle=-90,
                showarrow=False,
                font={"color": "#B91C1C", "size": 12},
            )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    return style(
        fig,
        t("cb.chart.az", lang),
        t("cb.axis.project", lang),
        None,
        height=max(360, 30 * len(orgs) + 140),
        legend=False,
        lang=lang,
    )


def cbhe_periods(df: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            base=pd.to_datetime(df["start_date"]),
            x=[
                (e - s).days * 86400000
                for s, e in zip(pd.to_datetime(df.start_date), pd.to_datetime(df.end_date), strict=True)
            ],
            y=df["acronym"],
            orientation="h",
            marker_color=PRIMARY,
            customdata=df["period_raw"],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(type="date", dtick="M12", tickformat="%Y")
    fig.update_yaxes(autorange="reversed")
    return style(fig, t("cb.chart.periods", lang), t("c.year", lang), None, height=360, legend=False, lang=lang)


# ------------------------------------------------------------------ courses
def course_hours(course: pd.Series, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=[t("co.lecture", lang), t("co.seminar", lang)],
            y=[course["hours_lecture"], course["hours_seminar"]],
            marker_color=[PRIMARY, "#E69F00"],
            text=[course["hours_lecture"], course["hours_seminar"]],
            textposition="outside",
        )
    )
    return style(fig, t("co.chart.hours", lang), None, t("co.axis.hours", lang), height=360, legend=False, lang=lang)


def course_assessment(df: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=df["points"],
            y=df["component"],
            orientation="h",
            marker_color=PRIMARY,
            text=[f"{p} ({pc:g}%)" for p, pc in zip(df.points, df.percent, strict=True)],
            textposition="outside",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(df["points"]) * 1.3])
    return style(
        fig, t("co.chart.assessment", lang), t("co.axis.points", lang), None, height=320, legend=False, lang=lang
    )


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
    _rows_layout(fig, _unique([_row_label(x) for x in labels_]))
    _count_ticks(fig, df["actions"].max() if len(df) else 1)
    return style(fig, title, t("pr.axis.share", lang), None, height=_rows_height(len(df)), lang=lang)
