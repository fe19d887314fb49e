"""CSV that Excel opens safely: UTF-8 with BOM (so ə shows), and no cell that runs as a formula."""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number written as text ("-5", "+2.5", "-12,5 %") is read by a spreadsheet as that number, never
# as a formula: it keeps its sign (a table's gap-filled number column holds such text).
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:\s?%)?")


def is_formula(text: str) -> bool:
    """Text a spreadsheet would run as a formula (OWASP's CSV injection starters)."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    if isinstance(value, list | tuple):
        return "; ".join(str(neutralise(v)) for v in value)
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("string", "str")):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    # CRLF rows: a cell holding a bare CR is then quoted, so a spreadsheet cannot start a new row inside it
    # (an unquoted "'\r=1+1" would put "=1+1" alone on the next line, a formula again)
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
