"""Ranking figures: target bands with each university's own results, and results without a band by year.

A result is a place (628), a band (801–850) or an open band (601+: 601st or lower, the lower end
unknown). Bands are drawn as ranges from the better to the worse place; an open band as a marker
with a bar to the end of the axis, labelled "601+", never as the place 601.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from analytics.charts import BAR_WIDTH, BAR_Y, plain, rows_layout, style, unique, wrap
from analytics.i18n import t
from parse.ranking_results import format_rank

BAND_COLOUR = "#9BC8E8"
RESULT_COLOUR = "#D55E00"
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F", "#F0E442"]
SERIES_SYMBOLS = ["circle", "square", "diamond", "cross", "x", "pentagon", "hexagon", "star"]
OPEN_SYMBOL = {"x": "triangle-right", "y": "triangle-down"}  # points to the worse places


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _axis_end(values: list[int | None]) -> int:
    """The worse end of the place axis: a little beyond the worst place drawn, rounded."""
    top = max([v for v in values if v is not None] or [10])
    step = 10 ** max(int(math.log10(max(top, 1))) - 1, 0)
    return int(math.ceil(top * 1.1 / step) * step)


def _place_ticks(end: int) -> list[int]:
    """Place ticks that start at 1 (there is no place 0): 1, 200, 400 ..."""
    raw = end / 5
    magnitude = 10 ** int(math.log10(max(raw, 1)))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return [1] + [v for v in range(step, end + 1, step) if v > 1]


def _open_segments(xs: list, ys: list, end: int, vertical: bool) -> tuple[list, list]:
    """Dotted segments from each open band's best place to the end of the axis (None between them)."""
    a, b = [], []
    for x, y in zip(xs, ys, strict=True):
        if vertical:
            a += [x, x, None]
            b += [y, end, None]
        else:
            a += [x, end, None]
            b += [y, y, None]
    return a, b


ROW_PX = 56  # a target row: its label over the band, the results' years under their markers
LABEL_CHARS = 48


def _row_label(institution: str, ranking_name: str) -> str:
    """'<b>QKU</b> · UI GreenMetric World University Rankings' on one line (shortened with an ellipsis)."""
    name = textwrap.shorten(str(ranking_name), LABEL_CHARS - len(institution) - 3, placeholder="…")
    return f"<b>{plain(institution)}</b> · {plain(name)}"


def target_bands(targets: pd.DataFrame, results: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """One row per numeric target (university · ranking), the band as a bar, and on that row only the
    results of that university in that ranking (matched by university AND ranking).

    targets: queries/ranking_targets.sql; results: institution, ranking, year, rank_best, rank_worst,
    source (loaders.user_store.ranking_results)."""
    df = targets[targets.best_rank.notna()].drop_duplicates(["institution", "ranking", "best_rank", "worst_rank"])
    df = df.copy()
    several = df.groupby(["institution", "ranking"])["best_rank"].transform("size") > 1
    df["plain_label"] = [
        f"{i} · {n}" + (f" ({format_rank(b, w)})" if s else "")
        for i, n, b, w, s in zip(df.institution, df.ranking_name, df.best_rank, df.worst_rank, several, strict=True)
    ]
    df["label"] = [
        _row_label(i, n) + (f" ({format_rank(b, w)})" if s else "")
        for i, n, b, w, s in zip(df.institution, df.ranking_name, df.best_rank, df.worst_rank, several, strict=True)
    ]
    order = df["label"].tolist()
    row_y = [len(order) - n + BAR_Y for n in range(len(order))]  # numbered rows from the top: labels over bars
    rows = {}
    for r, y in zip(df.itertuples(), row_y, strict=True):
        rows.setdefault((r.institution, r.ranking), []).append(y)
    matched = results[[(i, k) in rows for i, k in zip(results.institution, results.ranking, strict=True)]] \
        if not results.empty else results
    end = _axis_end([_int(v) for v in df.worst_rank] + [_int(v) for v in matched.get("rank_best", [])]
                    + [_int(v) for v in matched.get("rank_worst", [])])
    fig = go.Figure()
    fig.add_bar(
        base=[int(b) for b in df.best_rank],
        x=[int(w) - int(b) + 1 for b, w in zip(df.best_rank, df.worst_rank, strict=True)],
        y=row_y,
        width=BAR_WIDTH,
        orientation="h",
        name=t("rk.target_band", lang),
        marker_color=BAND_COLOUR,
        text=[format_rank(b, w) for b, w in zip(df.best_rank, df.worst_rank, strict=True)],
        textposition="outside",
        textangle=0,
        cliponaxis=False,
        customdata=[[plain(lb), plain(str(d)), plain(str(a))] for lb, d, a in zip(
            df.plain_label, df.deadline_raw.fillna(t("c.missing", lang)), df.action_title.fillna(t("c.missing", lang)),
            strict=True)],
        hovertemplate="%{customdata[0]}<br>" + t("rk.target_band", lang) + ": %{text}<br>%{customdata[1]}<br>"
                      "%{customdata[2]}<extra></extra>",
    )
    if not matched.empty:
        xs, ys, plus, texts, symbols, hover, open_x, open_y = [], [], [], [], [], [], [], []
        for r in matched.itertuples():
            best, worst = _int(r.rank_best), _int(r.rank_worst)
            band = format_rank(best, worst)
            source = r.source if isinstance(r.source, str) and r.source else t("c.missing", lang)
            for y in rows[(r.institution, r.ranking)]:
                xs.append(best)
                ys.append(y)
                plus.append(0 if worst is None else worst - best)
                texts.append(str(int(r.year)) if worst is not None else f"{int(r.year)} · {band}")
                symbols.append(OPEN_SYMBOL["x"] if worst is None else "circle")
                hover.append(f"{int(r.year)}: {band}<br>{t('pr.source', lang)}: {source}")
                if worst is None:
                    open_x.append(best)
                    open_y.append(y)
        if open_x:
            sx, sy = _open_segments(open_x, open_y, end, vertical=False)
            fig.add_scatter(x=sx, y=sy, mode="lines", line={"color": RESULT_COLOUR, "width": 2, "dash": "dot"},
                            showlegend=False, hoverinfo="skip")
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=texts,
            textposition="bottom center",  # under the marker: over it is the row's label
            textfont={"size": 11},
            cliponaxis=False,  # '2024 · 601+' at the axis end is drawn whole
            name=t("rk.result_year", lang),
            marker={"color": RESULT_COLOUR, "size": 12, "symbol": symbols, "line": {"width": 1, "color": "white"}},
            error_x={"type": "data", "symmetric": False, "array": plus, "arrayminus": [0] * len(xs),
                     "color": RESULT_COLOUR, "thickness": 2, "width": 4},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    fig.update_xaxes(range=[0, end], tickmode="array", tickvals=_place_ticks(end), tickangle=0)
    rows_layout(fig, unique(order))
    fig.update_layout(barmode="overlay")
    return style(fig, title or t("rk.chart.bands", lang), t("rk.axis.rank", lang), None,
                 height=max(260, ROW_PX * len(order) + 190), lang=lang)


def results_by_year(results: pd.DataFrame, lang: str, institutions: dict[str, str],
                    rankings: dict[str, str]) -> go.Figure:
    """Place over the years, one line per university · ranking; lower is better, so the place axis
    runs from 1 at the top downwards. A band is a vertical range, an open band (601+) a marker with a
    bar to the bottom of the axis; every point is labelled as recorded ("628", "801–850", "601+")."""
    df = results.sort_values(["institution", "ranking", "year"])
    end = _axis_end([_int(v) for v in df.rank_best] + [_int(v) for v in df.rank_worst])
    fig = go.Figure()
    pairs = list(df.groupby(["institution", "ranking"], sort=False))
    spread = min(0.16, 0.6 / max(len(pairs), 1))  # series side by side within a year, never on top of each other
    for n, ((inst, key), part) in enumerate(pairs):
        best = [_int(v) for v in part.rank_best]
        worst = [_int(v) for v in part.rank_worst]
        bands = [format_rank(b, w) for b, w in zip(best, worst, strict=True)]
        name = f"{inst} · {rankings.get(key, key)}"
        sources = [s if isinstance(s, str) and s else t("c.missing", lang) for s in part.source]
        symbol = SERIES_SYMBOLS[n % len(SERIES_SYMBOLS)]
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        shift = n - (len(pairs) - 1) / 2
        xs = [int(y) + shift * spread for y in part.year]
        open_points = [(x, b) for x, b, w in zip(xs, best, worst, strict=True) if w is None]
        if open_points:
            sx, sy = _open_segments([x for x, _ in open_points], [b for _, b in open_points], end, vertical=True)
            fig.add_scatter(x=sx, y=sy, mode="lines", line={"color": colour, "width": 2, "dash": "dot"},
                            legendgroup=name, showlegend=False, hoverinfo="skip")
        fig.add_scatter(
            x=xs,
            y=best,
            mode="lines+markers+text",
            name=wrap(name, 48, 2),
            legendgroup=name,
            text=bands,
            textposition="middle left" if shift < 0 else "middle right" if shift > 0 else "top center",
            line={"color": colour, "width": 2},
            marker={"size": 11, "symbol": [OPEN_SYMBOL["y"] if w is None else symbol for w in worst]},
            error_y={"type": "data", "symmetric": False, "arrayminus": [0] * len(best),
                     "array": [0 if w is None else w - b for b, w in zip(best, worst, strict=True)],
                     "thickness": 2, "width": 6},
            customdata=[[institutions.get(inst, inst), rankings.get(key, key), b, s, int(y)]
                        for b, s, y in zip(bands, sources, part.year, strict=True)],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[4]}: %{customdata[2]}<br>"
                          + t("pr.source", lang) + ": %{customdata[3]}<extra></extra>",
        )
    years = [int(y) for y in df.year]
    lo, hi = (min(years), max(years)) if years else (0, 1)
    fig.update_xaxes(tickmode="linear", dtick=1, tickformat="d", range=[lo - 0.5, hi + 0.9])
    fig.update_yaxes(range=[end, 1 - end * 0.03], tickmode="array", tickvals=_place_ticks(end))
    # the legend under the plot, two columns of wrapped names: it never covers the title or the lines
    legend_rows = math.ceil(len(pairs) / 2)
    lines = max((wrap(f"{i} · {rankings.get(k, k)}", 48, 2).count("<br>") + 1 for (i, k), _ in pairs), default=1)
    legend_h = legend_rows * (18 * lines + 6)
    height = 460 + legend_h
    style(fig, t("rk.chart.no_target", lang), t("c.year", lang), t("rk.axis.rank", lang), height=height, lang=lang)
    fig.update_layout(
        title_subtitle_text=wrap(t("rk.chart.no_target.note", lang), 90, 3),
        title_subtitle_font_size=12,
        margin={"t": 96, "b": 70 + legend_h},
        legend={"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0, "xanchor": "left",
                "entrywidth": 0.5, "entrywidthmode": "fraction", "valign": "top"},
    )
    return fig
