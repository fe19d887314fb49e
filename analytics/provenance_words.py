"""Where an action came from, and why to check it, in words of the page's language: 'gdu_2026.docx, table 1,
row 6' / 'gdu_2026.docx, cədvəl 1, sətir 6'. The file's own name only (parse.provenance keeps no folder)."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analytics.i18n import t


def _given(value: object) -> bool:
    """A value the database gave (not NULL, NaN or pandas' NA)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return False
    return str(value).strip() != ""


def source(file: object, page: object, sheet: object, table: object, row: object, line: object, paragraph: object,
           method: object, lang: str) -> str:
    """The place in words; an empty string when nothing is known of it."""
    if not _given(file):
        return ""
    parts = [str(file)]
    if _given(sheet):
        parts.append(t("src.sheet", lang, name=str(sheet)))
    if _given(page):
        parts.append(t("src.page", lang, n=int(page)))  # type: ignore[arg-type]
    if _given(table):
        parts.append(t("src.table", lang, n=int(table)))  # type: ignore[arg-type]
    if _given(row):
        parts.append(t("src.row", lang, n=int(row)))  # type: ignore[arg-type]
    elif _given(paragraph):
        parts.append(t("src.paragraph", lang, n=int(paragraph)))  # type: ignore[arg-type]
    elif _given(line):
        parts.append(t("src.line", lang, n=int(line)))  # type: ignore[arg-type]
    text = ", ".join(parts)
    return f"{text} ({t('src.ocr', lang)})" if method == "ocr" else text


def of(src, lang: str, say_method: bool = True) -> str:
    """The words for a parse.provenance.Source (None: empty); `say_method=False` leaves out '(read ... by OCR)'
    where a reason beside it says so already."""
    if src is None:
        return ""
    return source(src.file, src.page, src.sheet, src.table, src.row, src.line, src.paragraph,
                  src.method if say_method else None, lang)


def of_row(a, lang: str) -> str:
    """The words for a row of the actions table (its source_* columns; source_line for the line)."""
    return source(a.source_file, a.source_page, a.source_sheet, a.source_table, a.source_row, a.source_line,
                  a.source_paragraph, a.source_method, lang)


def reasons(keys: Iterable[str] | None, lang: str) -> str:
    """Reasons to check an action, in words, joined with '; '."""
    return "; ".join(t(f"rs.{k}", lang) for k in (keys if keys is not None else []))


__all__ = ["of", "of_row", "reasons", "source"]
