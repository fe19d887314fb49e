"""PowerPoint deck (python-pptx) of a filtered view: title, key figures, one slide per chart."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pandas as pd
from babel.dates import format_date
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analytics import filters as flt
from analytics import fmt
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.theme import PRIMARY
from reports import images
from reports.packs import Section, key_figures, sections

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
FONT = "Arial"  # has ə ş ğ ı ö ü ç; LibreOffice maps it to Liberation Sans, which has them too
DARK = RGBColor(0x1F, 0x29, 0x33)
GREY = RGBColor(0x6B, 0x72, 0x80)
BLUE = RGBColor.from_string(PRIMARY.lstrip("#"))
TABLE_MAX_ROWS = 10
TABLE_MAX_CHARS = 70


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
    _text(slide, Inches(0.5), HEIGHT - Inches(0.5), Inches(10.5), Inches(0.35), source, 10, color=GREY)
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
    _text(
        slide, Inches(0.5), Inches(0.3), WIDTH - Inches(1.0), Inches(0.9), text, 24, bold=True, anchor=MSO_ANCHOR.MIDDLE
    )
    bar = slide.shapes.add_shape(1, Inches(0.5), Inches(1.2), Inches(1.2), Emu(40000))
    bar.fill.solid()
    bar.fill.fore_color.rgb = BLUE
    bar.line.fill.background()


def _source_line(section: Section, lang: str, as_of: str) -> str:
    label = "Mənbə" if lang == "az" else "Source"
    state = "vəziyyət" if lang == "az" else "as of"
    return f"{label}: {', '.join(section.sources) or '—'} · {state} {as_of}"


def _cell_text(value) -> str:
    if isinstance(value, list | tuple):
        text = ", ".join(map(str, value))
    elif value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return "—"
    elif isinstance(value, pd.Timestamp | dt.datetime):
        text = value.date().isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return text if len(text) <= TABLE_MAX_CHARS else text[: TABLE_MAX_CHARS - 1] + "…"


def _fits_table(rows: pd.DataFrame) -> bool:
    """A table slide only where the rows fit on one slide (few rows, short cells)."""
    if not 0 < len(rows) <= TABLE_MAX_ROWS or len(rows.columns) > 8:
        return False
    lines = sum(max(1, max(len(_cell_text(v)) for v in row) // 28 + 1) for row in rows.itertuples(index=False))
    return lines <= 14


def build_deck(f: Filters, pages: list[str], progress: Callable[[float, str], None] | None = None) -> bytes:
    """The deck as bytes. Raises images.ExportError when no browser can draw the charts."""
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
    plan = (opts.plans.get(f.plan, f.plan) if f.plan else opts.universities.get(f.uni, f.uni) if f.uni
            else t("f.plan.all", lang))
    _text(slide, Inches(0.8), Inches(1.6), Inches(11.7), Inches(1.4), t("app.title", lang), 40, bold=True)
    _text(slide, Inches(0.8), Inches(3.0), Inches(11.7), Inches(0.6), plan, 24, color=BLUE)
    active = flt.describe(f, opts) or [t("f.none", lang)]
    _text(slide, Inches(0.8), Inches(3.8), Inches(11.7), Inches(2.0), "\n".join(active), 16, color=GREY)
    _text(
        slide,
        Inches(0.8),
        Inches(6.0),
        Inches(11.7),
        Inches(0.5),
        format_date(dt.date.today(), "d MMMM y", locale=lang),
        16,
    )
    _footer(slide, n, f"{'Məlumat bazası' if lang == 'az' else 'Database'}: {as_of}")

    # key figures
    slide, n = new_slide()
    k = key_figures(f)
    cbhe = query("cbhe_projects", y0=None, y1=None)
    known = cbhe[cbhe.budget_eur.notna()]
    figures = [
        ("ov.m.actions", fmt.num(k.actions, lang)),
        ("ov.m.goals", fmt.num(k.goals, lang)),
        ("ov.m.units", fmt.num(k.units, lang)),
        ("ov.m.vrs", fmt.num(k.vice_rectors, lang)),
        ("ov.m.ongoing", fmt.num(k.ongoing, lang)),
        ("ov.m.dated", fmt.num(k.dated, lang)),
        ("ov.m.cbhe", fmt.eur(float(known.budget_eur.sum()), lang) if len(known) else fmt.eur(None, lang)),
        ("ov.m.rankings", fmt.num(k.ranking_targets, lang)),
    ]
    _title(slide, "Əsas göstəricilər" if lang == "az" else "Key figures")
    for i, (key, value) in enumerate(figures):
        left = Inches(0.6 + (i % 4) * 3.1)
        top = Inches(1.8 + (i // 4) * 2.2)
        _text(slide, left, top, Inches(2.9), Inches(0.5), t(key, lang), 16, color=GREY)
        _text(slide, left, top + Inches(0.5), Inches(2.9), Inches(1.0), value, 36, bold=True, color=BLUE)
    missing = cbhe[cbhe.budget_eur.isna()]
    note = t("ov.m.cbhe.help", lang, n=len(known), missing=len(missing), names=", ".join(missing.acronym))
    _text(slide, Inches(0.6), Inches(6.2), Inches(12), Inches(0.5), note if len(missing) else "", 12, color=GREY)
    _footer(slide, n, _source_line(secs[0], lang, as_of) if secs else as_of)

    # one slide per chart (and a table slide where a chart has few rows)
    charts = [(s, c) for s in secs for c in s.charts]
    for i, (section, spec) in enumerate(charts):
        if progress:
            progress(0.3 + 0.7 * i / max(len(charts), 1), spec.key)
        slide, n = new_slide()
        _title(slide, spec.headline)
        fig = spec.figure
        fig.update_layout(title_text=fig.layout.title.text)  # the chart keeps its own title
        area_w, area_h = WIDTH - Inches(1.0), HEIGHT - Inches(2.2)
        px_w = 1600
        px_h = int(px_w * area_h / area_w)  # the slide's shape: text keeps its size
        picture = images.png(fig, width=px_w, height=px_h, scale=2)
        ratio = min(area_w / px_w, area_h / px_h)
        pic_w, pic_h = int(px_w * ratio), int(px_h * ratio)
        slide.shapes.add_picture(io.BytesIO(picture), int((WIDTH - pic_w) / 2), Inches(1.4), pic_w, pic_h)
        _footer(slide, n, _source_line(section, lang, as_of))
        rows = spec.rows
        if _fits_table(rows):
            slide, n = new_slide()
            _title(slide, spec.headline)
            shape = slide.shapes.add_table(
                len(rows) + 1,
                len(rows.columns),
                Inches(0.5),
                Inches(1.5),
                WIDTH - Inches(1.0),
                Inches(0.4) * (len(rows) + 1),
            )
            table = shape.table
            for j, col in enumerate(rows.columns):
                table.cell(0, j).text = str(col)
            for r, row in enumerate(rows.itertuples(index=False), start=1):
                for j, value in enumerate(row):
                    table.cell(r, j).text = _cell_text(value)
            for cell in (table.cell(r, j) for r in range(len(rows) + 1) for j in range(len(rows.columns))):
                for para in cell.text_frame.paragraphs:
                    for run in para.runs:
                        run.font.size, run.font.name = Pt(12), FONT
            _footer(slide, n, _source_line(section, lang, as_of))
    if progress:
        progress(1.0, "done")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
