"""Excel workbook (openpyxl) of a filtered view: one sheet per table, a Filters sheet, safe cells."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import urlencode

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

import paths
from analytics import filters as flt
from analytics import fmt, labels
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import M, t
from reports.packs import sections

HEADER_FILL = PatternFill("solid", fgColor="DCE8F3")
EUR_FORMAT = '#,##0 "€"'
YEAR_COLUMNS = re.compile(r"(year|il|il\b|start|end|başlanğıc|son)", re.IGNORECASE)
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# words a cut name must not end on (it would read as cut): conjunctions, prepositions, symbols
DANGLING = {"və", "ya", "ilə", "üçün", "üzrə", "hər", "and", "or", "of", "the", "a", "an", "that", "each", "per",
            "in", "on", "at", "as", "for", "to", "with", "by", "from", "under", "over", "into", "×", "·", "-", "–",
            "—", "=", "+"}


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's 31 characters, cut at a word boundary (never mid-word, no double spaces, no dangling
    'and' or '×' at the end); a title's colon (not allowed in a sheet name) becomes a dash, and where
    the part before it is a name of its own it is the sheet's name."""
    text = " ".join(name.replace("<br>", " ").split())
    head, sep, _ = text.partition(": ")
    text = text.replace(": ", " - ")
    clean = " ".join(INVALID_SHEET_CHARS.sub(" ", text).split())
    if len(clean) > 31:
        if sep and 12 <= len(head) <= 31 and not INVALID_SHEET_CHARS.search(head):
            clean = head
        else:
            cut = clean[:32]
            clean = cut[: cut.rfind(" ")] if " " in cut[:31] and len(clean) > 31 else cut[:31]
            if clean.count("(") > clean.count(")"):  # no half-open bracket: drop the cut bracketed part
                clean = clean[: clean.rfind("(")]
            words = clean.rstrip(" ,;:–-·(").split(" ")
            while len(words) > 1 and words[-1].lower().strip(",;") in DANGLING:
                words.pop()
            clean = " ".join(words).rstrip(" ,;:–-·(")
    base = clean or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)].rstrip() + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _value(value):
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
        return "; ".join(map(str, value)) if isinstance(value, list) else value
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()  # a project date is a date, not midnight
    return value


def _is_year(label: object) -> bool:
    return isinstance(label, int | np.integer) and not isinstance(label, bool) and 1900 <= int(label) <= 2200


def write_frame(ws, df: pd.DataFrame) -> None:
    """Header in bold and frozen, autofilter, widths, number formats; text is always stored as text."""
    ws.append([int(c) if _is_year(c) else str(c) for c in df.columns])  # a year column's header is a number
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in df.itertuples(index=False):
        ws.append([_value(v) for v in row])
    for col_idx, col in enumerate(df.columns, start=1):
        letter = get_column_letter(col_idx)
        name = str(col).lower()
        is_eur = "eur" in name and pd.api.types.is_numeric_dtype(df[col])
        is_year = bool(YEAR_COLUMNS.search(name)) and pd.api.types.is_numeric_dtype(df[col])
        width = max([len(str(col))] + [len(str(c.value)) for c in ws[letter][1:200] if c.value is not None])
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        for cell in ws[letter][1:]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=..." stays text: no formula runs when the file is opened
                if len(cell.value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif is_eur and isinstance(cell.value, int | float):
                cell.number_format = EUR_FORMAT
            elif is_year and isinstance(cell.value, int | float):
                cell.number_format = "0"
        for cell in ws[letter][1:]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"  # a time of day that was recorded
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    if len(df.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{max(len(df) + 1, 1)}"
    print_setup(ws)


def print_setup(ws) -> None:
    """Printing: A4 landscape, one page wide (as many pages down as it takes), the header row on every
    page, the sheet's name and 'page n of m' in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "&P / &N"


def actions_table(f: Filters) -> pd.DataFrame:
    lang = f.lang
    names = labels.unit_names(lang)
    vr_names = labels.vice_rector_names(lang)
    acts = query("filtered_actions", **f.params())
    out = pd.DataFrame(
        {
            t("c.institution", lang): acts.institution,
            t("c.goal", lang): acts.goal_no,
            t("c.target", lang): acts.target_no,
            t("c.number", lang): acts.action_no,
            t("c.goal_ref", lang): acts.goal_ref,
            t("c.title", lang): acts.title,
            t("c.deadline", lang): acts.deadline_raw,
            t("c.recurrence", lang): [labels.recurrence(r, lang) for r in acts.recurrence],
            t("c.start_year", lang): acts.start_year,
            t("c.end_year", lang): acts.end_year,
            t("c.lead_units", lang): [[names.get(u, u) for u in us] for us in acts.lead_units],
            t("c.partner_units", lang): [[names.get(u, u) for u in us] for us in acts.partner_units],
            t("c.vice_rector", lang): [[vr_names.get(v, v) for v in vs] for vs in acts.vice_rectors],
            t("c.people", lang): acts.people,
            t("c.note", lang): acts.note_raw,
        }
    )
    return out


def plan_to_plan_sheet(wb: Workbook, f: Filters, taken: set[str]) -> None:
    """The filters' university's consecutive plans matched action by action (analytics.plan_match), when it has
    two; nothing otherwise."""
    from analytics import plan_match

    rows = plan_match.sheet_rows(f)
    if len(rows):
        write_frame(wb.create_sheet(_sheet_name(t("pp.sheet", f.lang), taken)), rows)


def build_workbook(f: Filters, pages: list[str]) -> bytes:
    lang = f.lang
    opts = flt.options()
    wb = Workbook()
    ws = wb.active
    ws.title = "Filters" if lang == "en" else "Filtrlər"
    taken = {ws.title.lower()}
    rows = [(t("f.active", lang), "")] + [(line, "") for line in (flt.describe(f, opts) or [t("f.none", lang)])]
    legend = labels.untranslated_legend(f.scope, lang)  # what '[az]' before a title means, in English
    rows += [("", ""), (legend, "")] if legend else []
    query = urlencode([(k, v) for k, vs in f.query_params().items() for v in (vs if isinstance(vs, list) else [vs])])
    base = paths.public_url()
    address = f"{base}/?{query}" if base and query else base or t("wb.address_relative", lang, query=f"?{query}")
    rows += [
        ("", ""),
        ("Yaradılıb" if lang == "az" else "Created", fmt.date_time(dt.datetime.now(), lang)),
        (t("wb.address", lang), address),
    ]
    ws.append(["", ""])
    for a, b in rows:
        ws.append([a, b])
    if base:  # a link people can click, to the same view in the dashboard
        ws.cell(ws.max_row, 2).hyperlink = address
        ws.cell(ws.max_row, 2).style = "Hyperlink"
    ws["A1"], ws["A2"].font = t("app.title", lang), Font(bold=True)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws["A"] + ws["B"]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 70, 40
    write_frame(wb.create_sheet(_sheet_name(t("c.actions", lang), taken)), actions_table(f))
    written: set[str] = set()  # two charts drawn from the same rows (a map and a bar chart) give one sheet
    for section in sections(f, pages, for_deck=False):
        for spec in section.charts:
            fingerprint = spec.rows.to_csv(index=False)
            if fingerprint in written:
                continue
            written.add(fingerprint)
            short = f"sheet.{spec.key}"  # a sheet name said in full, not a chart title cut at 31 characters
            name = _sheet_name(t(short, lang) if short in M else str(spec.figure.layout.title.text or spec.key), taken)
            write_frame(wb.create_sheet(name), spec.rows)
    if "progress" in pages:  # indicators: baseline, target, and per round expected, actual and computed state
        from analytics import indicators_view

        indicators = indicators_view.assessed(f)
        if not indicators.empty:
            write_frame(wb.create_sheet(_sheet_name(t("sheet.indicators", lang), taken)),
                        indicators_view.table(indicators, lang))
    if "coverage" in pages:  # every reference of the yearly plans, as written and as read, with its state
        from analytics.pages import coverage

        write_frame(wb.create_sheet(_sheet_name(t("cov.sheet.refs", lang), taken)), coverage.reference_rows(f))
    plan_to_plan_sheet(wb, f, taken)
    out = io.BytesIO()
    for ws in wb.worksheets:
        print_setup(ws)
    wb.save(out)
    return out.getvalue()
