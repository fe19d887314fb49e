"""Deadlines as written ("Müntəzəm", "2023-2025", "Yanvar-Sentyabr 2025", "May ayında") to years and months."""
from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import get_month_names

from loaders.text_utils import az_lower, squash

# CLDR's Azerbaijani month names: yanvar, fevral, ... dekabr.
MONTHS: dict[str, int] = {
    az_lower(name): num for num, name in get_month_names("wide", context="stand-alone", locale="az").items()
}
MONTHS.update({az_lower(name): num for num, name in get_month_names("wide", locale="az").items()})
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

REGULAR_WORDS = ("müntəzəm", "mütamadi", "mütəmadi", "müfəssəl")
ANNUAL_RE = re.compile(r"hər\s+tədris\s+ilinin\s+sonunda")
YEAR_RANGE_RE = re.compile(r"\b(20\d\d)\s*-\s*(20\d\d)\b")
YEAR_RE = re.compile(r"\b(20\d\d)\b")
MONTH_RANGE_RE = re.compile(rf"\b({MONTH_RE})\s*(20\d\d)?\s*-\s*({MONTH_RE})\s*(20\d\d)?")
ONE_MONTH_RE = re.compile(rf"\b({MONTH_RE})\b(?:\s+ayında)?(?:\s+(20\d\d))?")
YEAR_ROUND_RE = re.compile(r"\b(ilboyu|il\s+ərzində|cari\s+il)\b")

# What a deadline cell may start with: used by the QKU parser to find the deadline column.
DEADLINE_PATTERN = re.compile(
    r"(Müntəzəm|Hər\s+tədris\s+ilinin\s+sonunda|\b20\d\d\s*-\s*20\d\d\b)", re.IGNORECASE
)


@dataclass
class Deadline:
    raw: str | None
    start_year: int | None
    end_year: int | None
    recurrence: str | None  # regular | annual | period | once
    start_month: int | None = None
    end_month: int | None = None


def parse_deadline(raw: str | None, plan_start: int, plan_end: int) -> Deadline:
    """Read a deadline cell. Unknown stays None: an empty cell is not 'regular'."""
    if raw is None or not squash(raw):
        return Deadline(None, None, None, None)
    text = squash(raw)
    low = az_lower(text).replace("mütamad i", "mütamadi")
    if any(w in low for w in REGULAR_WORDS):
        return Deadline(text, plan_start, plan_end, "regular")
    if ANNUAL_RE.search(low):
        return Deadline(text, plan_start, plan_end, "annual")
    m = MONTH_RANGE_RE.search(low)
    if m:
        y1 = int(m.group(2) or m.group(4) or plan_end)
        y2 = int(m.group(4) or m.group(2) or plan_end)
        return Deadline(text, y1, y2, "period", MONTHS[m.group(1)], MONTHS[m.group(3)])
    m = YEAR_RANGE_RE.search(low)
    if m:
        return Deadline(text, int(m.group(1)), int(m.group(2)), "period")
    if YEAR_ROUND_RE.search(low):
        y = YEAR_RE.search(low)
        year = int(y.group(1)) if y else plan_end
        return Deadline(text, year, year, "period", 1, 12)
    m = ONE_MONTH_RE.search(low)
    if m:
        year = int(m.group(2) or plan_end)
        month = MONTHS[m.group(1)]
        return Deadline(text, year, year, "once", month, month)
    m = YEAR_RE.search(low)
    if m:
        return Deadline(text, int(m.group(1)), int(m.group(1)), "once")
    return Deadline(text, None, None, None)
