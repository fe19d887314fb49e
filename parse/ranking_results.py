"""Ranking results as users write them: a place ("628"), a band ("801-850", "1001–1500") or an open
band ("601+": 601st or lower, the lower end unknown), read from the form or the template's
'ranking_results' sheet and recorded in the user store by state/ranking_results.py.

A result is stored as rank_best and rank_worst: "628" is 628/628, "801-850" is 801/850 and "601+" is
601/NULL. An open band is never shown as a place: format_rank gives "601+" back.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Collection

from parse.errors import LoadError
from parse.text_utils import squash

SHEET = "ranking_results"
COLUMNS = ["institution", "ranking", "year", "result", "source"]
REQUIRED = ["institution", "ranking", "year", "result"]
MAX_PLACE = 100_000
YEAR_MIN = 1990
MAX_ROWS = 50_000
EXPECTED = "a place such as 628, a band such as 801-850 or an open band such as 601+"
FORMULA = "a formula (formulas are not evaluated; type the value)"

_NUMBER = r"\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+"  # 1001, 1,001, 1 001
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"   # hyphen, en dash, em dash, minus sign ...
_RANK_RE = re.compile(rf"^[=#№]?\s*(?P<best>{_NUMBER})\s*(?:(?P<plus>\+)|[{_DASH}]\s*(?P<worst>{_NUMBER}))?$")


def _place(digits: str) -> int:
    return int(re.sub(r"[,\u00a0 ]", "", digits))


def parse_rank(text: str | int) -> tuple[int, int | None]:
    """'628' -> (628, 628); '801-850' and '801–850' -> (801, 850); '601+' -> (601, None);
    '=45' and '#45' (a shared place) -> (45, 45). Anything else raises ValueError saying what was expected."""
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise ValueError(f"expected {EXPECTED}, found {text!r}")
    raw = str(text)
    m = _RANK_RE.match(squash(raw).strip())
    if not m:
        raise ValueError(f"expected {EXPECTED}, found {raw!r}")
    best = _place(m["best"])
    worst = None if m["plus"] else _place(m["worst"]) if m["worst"] else best
    if best < 1:
        raise ValueError(f"expected a place of 1 or more, found {raw!r}")
    if worst is not None and worst < best:
        raise ValueError(f"expected a band with the better place first (such as 801-850), found {raw!r}")
    if max(best, worst or 0) > MAX_PLACE:
        raise ValueError(f"expected a place of at most {MAX_PLACE:,}, found {raw!r}")
    return best, worst


def _missing(value: object) -> bool:
    """None, NaN, or pandas' own missing values (only a loaded pandas can have made those: the parsing process
    that reads an upload does not load it)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pd = sys.modules.get("pandas")
    return pd is not None and bool(pd.api.types.is_scalar(value) and pd.isna(value))


def format_rank(best: int | None, worst: int | None) -> str:
    """(628, 628) -> '628'; (601, None) -> '601+'; (1001, 1500) -> '1001–1500'; no place -> '—'."""
    if _missing(best):
        return "—" if _missing(worst) else f"–{int(worst)}"  # type: ignore[arg-type]
    best = int(best)  # type: ignore[arg-type]
    if _missing(worst):
        return f"{best}+"
    worst = int(worst)  # type: ignore[arg-type]
    return str(best) if worst == best else f"{best}–{worst}"


# ------------------------------------------------------------------ the template sheet
def formula_cells(ws) -> set[tuple[int, int]]:
    """(row, column) of the cells holding a formula.

    The importer opens workbooks with cached values only (data_only=True): a formula nobody has
    calculated (saved by a script, not by Excel) then reads as an empty cell. The sheet's XML still
    has the formula, so a read-only sheet is parsed once more for it."""
    out: set[tuple[int, int]] = set()
    get_source = getattr(ws, "_get_source", None)
    if get_source is None:  # a workbook loaded in full: formulas show as '=…' when data_only is off
        return out
    try:
        from openpyxl.worksheet._reader import WorkSheetParser

        with get_source() as src:
            parser = WorkSheetParser(src, getattr(ws, "_shared_strings", []), data_only=False)
            for idx, cells in parser.parse():
                for cell in cells:
                    if cell.get("data_type") == "f":
                        out.add((idx, cell["column"]))
    except Exception:  # noqa: BLE001 - best effort: without it such a cell reads as empty
        return set()
    return out


def _is_formula(value: object, cell_type: str | None) -> bool:
    if cell_type == "f":
        return True
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _text(value: object, file: str, where: str, max_len: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
        raise LoadError(file, where, "text", type(value).__name__)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = squash(str(value)).strip()
    if len(text) > max_len:
        raise LoadError(file, where, f"at most {max_len} characters", f"{len(text)} characters")
    return text or None


def _year(value: object, file: str, where: str) -> int:
    last = dt.date.today().year + 1
    expected = f"a year between {YEAR_MIN} and {last}"
    if isinstance(value, bool):
        raise LoadError(file, where, expected, repr(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value):
        value = int(value)
    if isinstance(value, dt.date):
        value = value.year
    if not isinstance(value, int) or not YEAR_MIN <= value <= last:
        raise LoadError(file, where, expected, repr(value)[:40])
    return value


def _result(value: object, file: str, where: str) -> tuple[int, int | None]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise LoadError(file, where, EXPECTED, repr(value)[:40])
    try:
        return parse_rank(value)
    except ValueError:
        raise LoadError(file, where, EXPECTED, str(value)[:40]) from None


def read_sheet(wb, file: str, valid_rankings: Collection[str] | None = None) -> list[dict]:
    """The rows of the 'ranking_results' sheet if the workbook has one (else []).

    Each row: institution, ranking, year, rank_best, rank_worst (None for an open band such as 601+),
    source and row (the sheet row, for messages). Every problem raises LoadError naming the sheet,
    row and column. With valid_rankings, a ranking key not in it is refused here too."""
    if SHEET not in wb.sheetnames:
        return []
    ws = wb[SHEET]
    formulas = formula_cells(ws)
    rows = ws.iter_rows()
    first = next(rows, ())
    header = [squash(str(c.value)).strip().lower() if c.value is not None else "" for c in first]
    missing = [c for c in COLUMNS if c not in header and c != "source"]
    if missing:
        raise LoadError(file, f"sheet '{SHEET}', row 1", f"the columns {', '.join(COLUMNS)}",
                        ", ".join(h for h in header if h)[:120] or "an empty row")
    index = {h: i for i, h in enumerate(header) if h in COLUMNS}
    out: list[dict] = []
    for r, cells in enumerate(rows, start=2):
        if r > MAX_ROWS:
            raise LoadError(file, f"sheet '{SHEET}'", f"at most {MAX_ROWS} rows")
        values: dict[str, object] = {}
        for col, i in index.items():
            cell = cells[i] if i < len(cells) else None
            value = getattr(cell, "value", None)
            cell_type = getattr(cell, "data_type", None)
            if _is_formula(value, cell_type) or (value is None and (r, i + 1) in formulas):
                raise LoadError(file, f"sheet '{SHEET}', row {r}, column {col}", "a value", FORMULA)
            if isinstance(value, str) and not value.strip():
                value = None
            values[col] = value
        if all(v is None for v in values.values()):
            continue
        where = f"sheet '{SHEET}', row {r}"
        for col in REQUIRED:
            if values.get(col) is None:
                raise LoadError(file, f"{where}, column {col}", _EXPECTED_IN[col], "an empty cell")
        institution = _text(values["institution"], file, f"{where}, column institution", 40)
        ranking = _text(values["ranking"], file, f"{where}, column ranking", 80)
        if valid_rankings is not None and ranking not in valid_rankings:
            raise LoadError(file, f"{where}, column ranking", "one of " + ", ".join(sorted(valid_rankings)), ranking)
        year = _year(values["year"], file, f"{where}, column year")
        best, worst = _result(values["result"], file, f"{where}, column result")
        source = _text(values.get("source"), file, f"{where}, column source", 500)
        out.append({"row": r, "institution": institution, "ranking": ranking, "year": year, "rank_best": best,
                    "rank_worst": worst, "source": source})
    return out


_EXPECTED_IN = {"institution": "a university code such as QKU", "ranking": "a ranking key such as qs_world",
                "year": "the year of the ranking edition", "result": EXPECTED}


def _key(institution, ranking, year, best, worst, source) -> tuple:
    def clean(v):
        return None if _missing(v) else v

    return (institution, ranking, int(year), None if _missing(best) else int(best),
            None if _missing(worst) else int(worst), clean(source))


def row_key(row: dict) -> tuple:
    """A sheet row or a recorded result in one comparable shape."""
    best, worst = row.get("rank_best"), row.get("rank_worst")
    if _missing(best) and not _missing(row.get("result")):
        best, worst = parse_rank(row["result"])
    return _key(row["institution"], row["ranking"], row["year"], best, worst, row.get("source") or None)
