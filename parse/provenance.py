"""Where an action came from (file, page or sheet, table, row or line) and why a person should check it.

Every reader fills `Action.source` with a Source and `Action.uncertain` with reasons (UNCERTAIN); the plan
database keeps both (actions.source_*, actions.uncertain), the action page and the explorer say them in words
and the import preview lists the uncertain rows first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from parse.tables import RawTable

# Reasons to check an action, in the order they are shown: the table was read from a page image, a column's role
# was guessed from its content (no known header named it), a unit cell was split into several names (at "və" or
# at a line break) where the names are not known units.
UNCERTAIN = ("ocr", "inferred_role", "split_name")
# how the text was read: PDF ruled lines or word positions, a Word table or paragraphs, a sheet, OCR, plain text
METHODS = ("lines", "words", "docx", "paragraphs", "xlsx", "ocr", "text")
IMPORTED_PREFIX_RE = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{8}__")  # plandb.importer names a kept upload so
PAGE_RE = re.compile(r"\bpage (\d+)")
TABLE_RE = re.compile(r"\btable (\d+)")
SHEET_RE = re.compile(r"\bsheet '(.*)'")


@dataclass(frozen=True)
class Source:
    """One action's place in its document; None where the document has no such thing (a sheet has no page)."""
    file: str  # the file's own name, never a path
    page: int | None = None
    sheet: str | None = None
    table: int | None = None
    row: int | None = None  # the row in the table or on the sheet, as the document numbers it
    line: int | None = None  # the line of a text document
    paragraph: int | None = None  # the paragraph of a Word plan without a table
    method: str = ""  # one of METHODS


def file_name(path: str) -> str:
    """The name people know the file by: no folder, no import-id prefix of a kept upload."""
    return IMPORTED_PREFIX_RE.sub("", PurePath(str(path)).name)


def text_line(file: str, line: int | None) -> Source:
    """A line of a text document (the bundled plans are text extracted from their originals)."""
    return Source(file_name(file), line=line, method="text")


def sheet_row(file: str, sheet: str, row: int | None) -> Source:
    """A row of an Excel sheet (the template)."""
    return Source(file_name(file), sheet=sheet, row=row, method="xlsx")


def row_number(t: RawTable, i: int) -> int:
    """The source's number of the table's row i (as RawTable.row_where counts it)."""
    return t.row_numbers[i] if i < len(t.row_numbers) else t.first_row_ref + i


def table_row(t: RawTable, i: int) -> Source:
    """Row i of a table read from a PDF, Word or Excel file, placed by the table's `where` ('page 3, table 2',
    'table 2', "sheet 'Plan'")."""
    page, table, sheet = PAGE_RE.search(t.where), TABLE_RE.search(t.where), SHEET_RE.search(t.where)
    number = row_number(t, i)
    if t.method == "paragraphs":
        return Source(file_name(t.source), paragraph=number, method="paragraphs")
    return Source(file_name(t.source), page=int(page.group(1)) if page else None,
                  sheet=sheet.group(1) if sheet else None, table=int(table.group(1)) if table else None, row=number,
                  method=t.method or "")


def add_reason(reasons: list[str], reason: str) -> None:
    """Add a reason once, keeping UNCERTAIN's order."""
    if reason not in reasons:
        reasons.append(reason)
        reasons.sort(key=lambda r: UNCERTAIN.index(r) if r in UNCERTAIN else len(UNCERTAIN))


__all__ = ["METHODS", "UNCERTAIN", "Source", "add_reason", "file_name", "sheet_row", "table_row", "text_line"]
