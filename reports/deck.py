"""PowerPoint deck (python-pptx) of a filtered view: title, key figures, one slide per chart.

Charts are drawn at the slide's size in points (reports.images.for_slide), so their text is at least
images.SLIDE_MIN_FONT points on the slide; a chart slide carries at most images.SLIDE_ROWS rows (the
largest, and the title says how many more there are); a table follows a chart only when it has
TABLE_MIN_ROWS to TABLE_MAX_ROWS rows, under a headline of its own ('In figures: ...'). The deck follows the
filters: one university's deck shows its plans, rankings, CBHE projects and courses only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

import paths
from analytics import charts, fmt, labels, views
from analytics import filters as flt
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.pages import cbhe
from analytics.theme import MUTED, PRIMARY, VICE_RECTOR_COLOURS
from reports import images
from reports.packs import key_figures, sections, source_line, sources_for, university_name

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
FONT = "Arial"  # has ə ş ğ ı ö ü ç; LibreOffice maps it to Liberation Sans, which has them too
DARK = RGBColor(0x1F, 0x29, 0x33)
GREY = RGBColor(0x6B, 0x72, 0x80)
BLUE = RGBColor.from_string(PRIMARY.lstrip("#"))
TABLE_MIN_ROWS = 4  # fewer rows than this: the chart says it all
TABLE_MAX_ROWS = 10
TABLE_MAX_CHARS = 70
CHART_TOP = Inches(1.35)
CHART_BOTTOM = HEIGHT - Inches(0.66)  # the source line below
PICTURE_SCALE = 2  # pixels per point in the chart pictures: 1776 px across, a projector's width
PAGED = ("overview-actions-per-goal", "deadlines-overview", "deadlines-timeline", "deadlines-months",
         "status-by-goal", "coverage-goals")  # rows in plan order: over two slides rather than cut
MIN_ROWS = 4
SURE_ROOM = 240  # points of a chart's height that title, axes and a legend of three lines take at most


def _text(
    slide,
    left,
    top,
    width,
    height,
    text: str,
    size: int,
    bold: bool = False,
    color=DARK,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    lines = text.split("\n")
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = color
    return box


def _footer(slide, number: int, source: str) -> None:
    _text(slide, Inches(0.5), HEIGHT - Inches(0.62), Inches(11.3), Inches(0.5), source, 10, color=GREY,
          anchor=MSO_ANCHOR.BOTTOM)
    _text(
        slide,
        WIDTH - Inches(1.3),
        HEIGHT - Inches(0.5),
        Inches(0.8),
        Inches(0.35),
        str(number),
        10,
        color=GREY,
        align=PP_ALIGN.RIGHT,
    )


def _title(slide, text: str) -> None:
    size = 24 if len(text) <= 70 else 20 if len(text) <= 120 else 18  # two lines at most
    _text(
        slide, Inches(0.5), Inches(0.3), WIDTH - Inches(1.0), Inches(0.9), text, size, bold=True,
        anchor=MSO_ANCHOR.MIDDLE
    )
    bar = slide.shapes.add_shape(1, Inches(0.5), Inches(1.25), Inches(1.2), Emu(40000))
    bar.fill.solid()
    bar.fill.fore_color.rgb = BLUE
    bar.line.fill.background()


def _cell_text(value, lang: str) -> str:
    if isinstance(value, list | tuple):
        text = ", ".join(map(str, value))
    elif value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return "—"
    elif isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        text = fmt.day(value, lang)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, float):
        text = fmt.num(value, lang)
    else:
        text = str(value)
    return text if len(text) <= TABLE_MAX_CHARS else text[: TABLE_MAX_CHARS - 1] + "…"


def _shown_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as a table slide shows them: in English, a column of dates as the documents wrote them
    in Azerbaijani ('Dekabr 2023 - Noyabr 2026') is left out where other columns carry the dates."""
    if lang != "en" or len(rows.columns) < 2:
        return rows
    months = re.compile(r"\b(" + "|".join(m for m in fmt.month_names("az", "wide") if m.lower() != "may") + r")\b",
                        re.IGNORECASE)
    written = [c for c in rows.columns if rows[c].map(lambda v: isinstance(v, str) and bool(months.search(v))).any()]
    return rows.drop(columns=written) if len(written) < len(rows.columns) else rows


def _fits_table(rows: pd.DataFrame, lang: str) -> bool:
    """A table slide only where it adds to the chart and fits on one slide: TABLE_MIN_ROWS to
    TABLE_MAX_ROWS rows, a few short columns."""
    if not TABLE_MIN_ROWS <= len(rows) <= TABLE_MAX_ROWS or len(rows.columns) > 8:
        return False
    lines = sum(max(1, max(len(_cell_text(v, lang)) for v in row) // 28 + 1) for row in rows.itertuples(index=False))
    return lines <= 14


def _table_slide(slide, rows: pd.DataFrame, lang: str) -> None:
    shape = slide.shapes.add_table(
        len(rows) + 1, len(rows.columns), Inches(0.5), Inches(1.5), WIDTH - Inches(1.0), Inches(0.4) * (len(rows) + 1)
    )
    table = shape.table
    for j, col in enumerate(rows.columns):
        table.cell(0, j).text = str(col)
    for r, row in enumerate(rows.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            table.cell(r, j).text = _cell_text(value, lang)
    for cell in (table.cell(r, j) for r in range(len(rows) + 1) for j in range(len(rows.columns))):
        for para in cell.text_frame.paragraphs:
            for run in para.runs:
                run.font.size, run.font.name = Pt(14), FONT


def table_headline(spec: views.ChartSpec, lang: str) -> str:
    """A table slide's own headline: the figures behind the chart, named by what the chart draws ('In figures:
    Actions by vice-rector'), never the chart slide's headline again (one slide per message)."""
    drawn = " ".join(str(spec.figure.layout.title.text or "").replace("<br>", " ").split())
    return t("deck.table_head", lang, title=drawn or spec.headline.rstrip("."))


def _figures_slide(slide, figures: list[tuple[str, str]]) -> None:
    per_row = 4 if len(figures) > 3 else len(figures)
    for i, (label, value) in enumerate(figures):
        left = Inches(0.6 + (i % per_row) * 3.1)
        top = Inches(1.8 + (i // per_row) * 2.2)
        _text(slide, left, top, Inches(2.9), Inches(0.5), label, 16, color=GREY)
        size = 36 if len(value) <= 8 else 28 if len(value) <= 11 else 22  # one line in the box
        _text(slide, left, top + Inches(0.5), Inches(2.9), Inches(1.0), value, size, bold=True, color=BLUE)


def _chart_area() -> tuple[int, int]:
    """The chart area below the title, in points: the size the charts are drawn at."""
    return round((WIDTH - Inches(1.0)) / Pt(1)), round((CHART_BOTTOM - CHART_TOP) / Pt(1))


def _portfolio_bars(spec: views.ChartSpec, lang: str) -> go.Figure:
    """The units under each vice-rector's portfolio as bars, the units under most portfolios first: a
    sunburst of dozens of units has no sector wide enough for a readable label on a slide."""
    rows = spec.rows
    vr_col, unit_col, n_col = rows.columns[:3]
    per_unit = rows.groupby(unit_col).agg(k=(vr_col, "nunique"), n=(n_col, "sum"))
    order = per_unit.sort_values(["k", "n"], ascending=False).index.tolist()
    colours = {labels.vice_rector(k, lang): c for k, c in VICE_RECTOR_COLOURS.items()}
    fig = go.Figure()
    for vr, part in rows.groupby(vr_col, sort=False):
        fig.add_bar(x=part[n_col].tolist(), y=part[unit_col].tolist(), orientation="h", name=str(vr),
                    marker_color=colours.get(vr, MUTED))
    fig.update_layout(barmode="stack", meta={"deck_rows": "first"})  # the order is the ranking
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    title = " ".join((spec.figure.layout.title.text or "").replace("<br>", " ").split())
    return charts.style(fig, title, t("c.actions", lang), None, lang=lang)


def chart_slides(spec: views.ChartSpec, lang: str) -> list[tuple[go.Figure, str]]:
    """The chart's slides as (figure drawn at slide size, slide title). At most images.SLIDE_ROWS rows
    a slide, fewer where rows would not get a line of text each: charts in plan order (goals) go over
    two slides, others keep their largest rows and the title says how many more there are."""
    width, height = _chart_area()
    figure = _portfolio_bars(spec, lang) if spec.key == "oversight-units" else images.as_rows(spec.figure)
    n = images.SLIDE_ROWS
    drawn = len(images.rows_in(figure))
    undrawn = max(0, int(spec.rows.attrs.get("months_total", 0)) - drawn)  # rows the view did not draw
    while True:
        if spec.key in PAGED and drawn <= 2 * n and not undrawn:
            parts = images.split_rows(figure, n)
            titles = [spec.headline.rstrip(".") + f" ({i}/{len(parts)})" if len(parts) > 1 else spec.headline
                      for i in range(1, len(parts) + 1)]
        else:
            fig, hidden, by_size = images.keep_top_rows(figure, n)
            hidden += undrawn
            shown = len(images.rows_in(fig))
            more = t("deck.top" if by_size else "deck.first", lang, shown=shown, n=hidden) if hidden else ""
            parts, titles = [fig], [f"{spec.headline.rstrip('.')} ({more})" if more else spec.headline]
        shaped = [images.for_slide(p, width, height) for p in parts]
        need = max(images.row_lines(s) for s in shaped) * images.SLIDE_FONT * images.LINE
        rows = max(len(images.rows_in(s)) for s in shaped)
        if rows * need <= height - SURE_ROOM:  # plenty of room whatever the legend and axes take
            return list(zip(shaped, titles, strict=True))
        pitches = [p for p in (images.row_pitch(s) for s in shaped) if p is not None]
        if not pitches or min(pitches) >= need or n <= MIN_ROWS:
            return list(zip(shaped, titles, strict=True))
        n = max(MIN_ROWS, min(n - 1, int(n * min(pitches) / need)))


def _picture(slide, fig: go.Figure) -> None:
    """A chart drawn at slide size, placed at that size: one layout pixel is one point on the slide."""
    width, height = int(fig.layout.width), int(fig.layout.height)
    picture = images.png(fig, width=width, height=height, scale=PICTURE_SCALE)
    pic = slide.shapes.add_picture(io.BytesIO(picture), Inches(0.5), CHART_TOP, Pt(width), Pt(height))
    title = fig.layout.title.text or ""
    pic._element.nvPicPr.cNvPr.set("descr", " ".join(title.replace("<br>", " ").split()))  # alt text


def _title_label(f: Filters, opts: flt.Options) -> str:
    if f.plan:
        return opts.plan_name(f.plan, f.lang)
    if f.uni:
        return university_name(f.uni, f.lang)
    return t("f.plan.all", f.lang)


def _described(f: Filters, opts: flt.Options) -> list[str]:
    """The active filters, the university by its name in the deck's language."""
    if f.uni:
        opts = dataclasses.replace(opts, universities={**opts.universities, f.uni: university_name(f.uni, f.lang)})
    return flt.describe(f, opts) or [t("f.none", f.lang)]


def build_deck(f: Filters, pages: list[str], progress: Callable[[float, str], None] | None = None) -> bytes:
    """The deck as bytes. Raises images.ExportError when no browser can draw the charts."""
    f = flt.complete(f)
    lang = f.lang
    opts = flt.options()
    secs = sections(f, pages, for_deck=True, progress=(lambda x, p: progress(0.3 * x, p)) if progress else None)
    built = dict(query("build_info").values).get("built_at", "")[:10]
    as_of = format_date(dt.date.fromisoformat(built), "d MMMM y", locale=lang) if built else "—"
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    number = 0

    def new_slide():
        nonlocal number
        number += 1
        return prs.slides.add_slide(blank), number

    # title slide
    slide, n = new_slide()
    _text(slide, Inches(0.8), Inches(1.6), Inches(11.7), Inches(1.4), t("app.title", lang), 40, bold=True)
    _text(slide, Inches(0.8), Inches(3.0), Inches(11.7), Inches(0.6), _title_label(f, opts), 24, color=BLUE)
    _text(slide, Inches(0.8), Inches(3.8), Inches(11.7), Inches(2.0), "\n".join(_described(f, opts)), 16, color=GREY)
    legend = labels.untranslated_legend(f.scope, lang)  # what '[az]' before a title means, in English
    if legend:
        _text(slide, Inches(0.8), Inches(5.2), Inches(11.7), Inches(0.7), legend, 14, color=GREY)
    _text(
        slide,
        Inches(0.8),
        Inches(6.0),
        Inches(11.7),
        Inches(0.5),
        format_date(paths.today(), "d MMMM y", locale=lang),
        16,
    )
    _footer(slide, n, t("deck.database", lang, date=as_of))

    # key figures
    slide, n = new_slide()
    k = key_figures(f)
    projects, _ = cbhe.cbhe_frames(f)
    known = projects[projects.budget_eur.notna()]
    cbhe_value = (fmt.eur(float(known.budget_eur.sum()), lang) if len(known)
                  else t("deck.no_project", lang) if projects.empty else fmt.eur(None, lang))
    figures = [
        (t("ov.m.actions", lang), fmt.num(k.actions, lang)),
        (t("ov.m.goals", lang), fmt.num(k.goals, lang)),
        (t("ov.m.units", lang), fmt.num(k.units, lang)),
        (t("ov.m.vrs", lang), fmt.num(k.vice_rectors, lang)),
        (t("ov.m.ongoing", lang), fmt.num(k.ongoing, lang)),
        (t("ov.m.dated", lang), fmt.num(k.dated, lang)),
        (t("ov.m.cbhe", lang), cbhe_value),
        (t("ov.m.rankings", lang), fmt.num(k.ranking_targets, lang)),
    ]
    _title(slide, t("deck.key_figures", lang))
    _figures_slide(slide, figures)
    missing = projects[projects.budget_eur.isna()]
    if len(missing):
        note = t("ov.m.cbhe.help", lang, n=len(known), missing=len(missing), names=", ".join(missing.acronym))
        _text(slide, Inches(0.6), Inches(6.1), Inches(12), Inches(0.5), note, 12, color=GREY)
    plan_sources = sources_for("overview", f)
    cbhe_sources = sources_for("cbhe", f) if len(projects) else []
    _footer(slide, n, source_line(plan_sources + cbhe_sources, lang))

    # one slide per chart (and a table slide where a chart's rows make a short table)
    every_chart = [c for s in secs for c in s.charts]
    done = 0
    for section in secs:
        source = source_line(section.sources, lang)
        if section.note:  # the filter leaves the page empty: say so once
            slide, n = new_slide()
            _title(slide, section.note)
            if section.page == "cbhe":
                _text(slide, Inches(0.6), Inches(1.8), Inches(12), Inches(1.0), t("deck.no_cbhe.body", lang), 18,
                      color=GREY)
            _footer(slide, n, source)
        if section.figures:
            slide, n = new_slide()
            _title(slide, section.headline)
            _figures_slide(slide, section.figures)
            _footer(slide, n, source)
        for spec in section.charts:
            if progress:
                progress(0.3 + 0.7 * done / max(len(every_chart), 1), spec.key)
            done += 1
            for fig, title in chart_slides(spec, lang):
                slide, n = new_slide()
                _title(slide, title)
                _picture(slide, fig)
                _footer(slide, n, source)
            rows = _shown_rows(spec.rows, lang)
            if _fits_table(rows, lang):
                slide, n = new_slide()
                _title(slide, table_headline(spec, lang))
                _table_slide(slide, rows, lang)
                _footer(slide, n, source)
    if progress:
        progress(1.0, "done")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
