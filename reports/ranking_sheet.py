"""The template's 'ranking_results' sheet: one row per result (university, ranking, year, result as
published, source), read back by loaders.ranking_results.read_sheet.

Drop-down lists offer the known universities and rankings; a value not in a list only warns
(errorStyle "warning"), so a new university code can be typed, and the import checks the ranking.
The result column is formatted as text, so Excel keeps "801-850" and "601+" as written.
"""
from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from parse.ranking_results import format_rank

RANKING_SHEET = ("ranking_results", ["institution", "ranking", "year", "result", "source"])
LIST_SHEET = "ranking_lists"
HEADER_FILL = PatternFill("solid", fgColor="DCE8F3")
NOTE_FILL = PatternFill("solid", fgColor="FFF4CE")
WIDTHS = {"institution": 14, "ranking": 22, "year": 8, "result": 14, "source": 60}
EMPTY_ROWS = 500  # rows below the data that carry the drop-downs and the text format
PROMPTS = {
    "institution": "Universitet kodu / university code (QKU, NDU …)",
    "ranking": "Reytinq açarı / ranking key (qs_world …)",
    "year": "Reytinqin ili / year of the edition",
    "result": "628 · 801-850 · 1001-1500 · 601+ (601-ci və ya aşağı / 601st or lower)",
    "source": "Mənbə (link, nəşr) / source (link, edition)",
}


def _text_cell(cell, value) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=…" stays text: nothing runs when the file is opened


def _result_text(row: dict) -> str | None:
    if row.get("result") not in (None, ""):
        return str(row["result"])
    if row.get("rank_best") is None and row.get("rank_worst") is None:
        return None
    return format_rank(row.get("rank_best"), row.get("rank_worst")).replace("–", "-")


def write_sheet(wb, rankings: list[str], institutions: list[str], rows: list[dict]) -> None:
    """Add the 'ranking_results' sheet (and its hidden list sheet) to an openpyxl workbook.

    rankings: ranking keys of the reference list; institutions: university codes; rows: recorded
    results, each with institution, ranking, year, source and either result ("601+") or rank_best and
    rank_worst (None for an open band)."""
    name, columns = RANKING_SHEET
    for old in (name, LIST_SHEET):
        if old in wb.sheetnames:
            del wb[old]
    ws = wb.create_sheet(name)
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = NOTE_FILL if cell.value in ("institution", "ranking", "result") else HEADER_FILL
        cell.alignment = Alignment(vertical="top")
    for r, row in enumerate(rows, start=2):
        values = {"institution": row.get("institution"), "ranking": row.get("ranking"),
                  "year": None if row.get("year") is None else int(row["year"]), "result": _result_text(row),
                  "source": row.get("source") or None}
        for j, col in enumerate(columns, start=1):
            _text_cell(ws.cell(r, j), values[col])
    last = max(len(rows) + 1 + EMPTY_ROWS, 1000)
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS[col]
    result_col = get_column_letter(columns.index("result") + 1)
    for r in range(2, last + 1):
        ws[f"{result_col}{r}"].number_format = "@"  # typed "1-12" stays text, never a date
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 1)}"

    lists = wb.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"

    def column_range(j: int, values: list[str]) -> str | None:
        letter = get_column_letter(j)
        lists.cell(1, j, ["institutions", "rankings"][j - 1]).font = Font(bold=True)
        for i, value in enumerate(values, start=2):
            _text_cell(lists.cell(i, j), value)
        return f"={LIST_SHEET}!${letter}$2:${letter}${len(values) + 1}" if values else None

    def validate(col: str, dv: DataValidation) -> None:
        letter = get_column_letter(columns.index(col) + 1)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{last}")

    for j, (col, values) in enumerate((("institution", list(institutions)), ("ranking", list(rankings))), start=1):
        formula = column_range(j, values)
        if formula:
            validate(col, DataValidation(
                type="list", formula1=formula, allow_blank=True, showErrorMessage=True, errorStyle="warning",
                errorTitle="Siyahıda yoxdur / Not listed",
                error="Yeni dəyər yükləmədə yoxlanılacaq. A new value is checked on import.",
                showInputMessage=True, prompt=PROMPTS[col]))
    validate("year", DataValidation(type="whole", operator="between", formula1="1990", formula2="2100",
                                    allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                    error="İl / a year (1990-2100)", showInputMessage=True, prompt=PROMPTS["year"]))
    for cell in ws[1]:
        cell.comment = Comment(PROMPTS[cell.value], "template")
