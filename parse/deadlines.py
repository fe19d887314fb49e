"""Deadlines as people write them, in Azerbaijani and English, to years and months.

"Müntəzəm"/"Ongoing" -> regular, "Hər semestr" -> semester, "Hər il, avqust" -> annual, "I rüb 2026", "H2 2026",
"Yanvar-Sentyabr 2025", "İlboyu", "2026-2027" -> period, "15.09.2026", "May ayında", "2026" -> once.
Years come from the text, else from the plan period; text not understood keeps its raw value and gets no years.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import get_month_names

from parse.text_utils import az_lower, squash


def _month_names(width: str, locale: str) -> dict[str, int]:
    return {az_lower(name): num for context in ("format", "stand-alone")
            for num, name in get_month_names(width, context=context, locale=locale).items()}


AZ_MONTHS = _month_names("wide", "az")  # CLDR: yanvar, fevral, ... dekabr
EN_MONTHS = {**_month_names("wide", "en"), **_month_names("abbreviated", "en"), "sept": 9}
# Russian: nominative (март), genitive (марта) and prepositional (в марте) forms
RU_MONTHS = {**_month_names("wide", "ru"), **{n: m for m, n in get_month_names("wide", context="stand-alone",
                                                                                locale="ru").items()}}
RU_MONTHS = {**{az_lower(k): v for k, v in RU_MONTHS.items()},
             **{(n[:-1] if n[-1] in "ьй" else n) + "е": m for m, n in
                ((m, az_lower(n)) for m, n in get_month_names("wide", context="stand-alone", locale="ru").items())}}
MONTHS: dict[str, int] = {**AZ_MONTHS, **EN_MONTHS, **RU_MONTHS}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# What a deadline cell may start with: used by the QKU parser to find the deadline column.
DEADLINE_PATTERN = re.compile(
    r"(Müntəzəm|Hər\s+tədris\s+ilinin\s+sonunda|\b20\d\d\s*-\s*20\d\d\b)", re.IGNORECASE
)

# The patterns below read text folded by _fold: lower case, "ı" -> "i", dashes -> "-".
LETTER = "a-zəöüçşğа-яё"
YEAR = r"(?<!\d)(?:19|20)\d\d(?!\d)"
YEAR_RE = re.compile(YEAR)
REGULAR_RE = re.compile(r"\b(?:müntəzəm|daim|davamli|müt[əa]madi|müfəssəl|continuous|ongoing|permanent|regular)"
                        r"|\bh[əe]r\s+(?:rüb|ay)\b|\b(?:every|each)\s+(?:quarter|month)|\b(?:monthly|quarterly)\b"
                        r"|постоянно|регулярно|ежемесячно|ежеквартально|(?:каждый|каждого)\s+(?:месяц|квартал)"
                        r"|в\s+течение\s+всего\s+периода")
SEMESTER_RE = re.compile(r"\bh[əe]r\s+semestr|\b(?:every|each|per)\s+semester|(?:каждый|каждого)\s+семестр"
                         r"|ежесеместрово")
ANNUAL_RE = re.compile(
    r"\bh[əe]r\s+(?:tədris\s+)?il(?:\b|in)|\bannual|\byearly\b|\b(?:every|each|per)\s+(?:academic\s+)?year\b"
    r"|ежегодно|(?:каждый|каждого)\s+(?:учебн\w+\s+)?год"
)
YEAR_ROUND_RE = re.compile(rf"\bil\s*boyu|\bil(?:in)?\s+ərzində|\bcari\s+il|{YEAR}\s+ərzində|\byear[\s-]round"
                           rf"|\b(?:throughout|during|within)\s+(?:the\s+year\b|{YEAR})|\b(?:current|this)\s+year\b")
YEAR_RANGE_RE = re.compile(rf"({YEAR})\s*[-/]\s*(\d\d(?:\d\d)?)(?!\d)")

ORDINALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "birinci": 1, "ikinci": 2, "üçüncü": 3, "dördüncü": 4,
            "first": 1, "second": 2, "third": 3, "fourth": 4}
AZ_ORD = r"iv|iii|ii|i|[1-4](?:-?c[iuü])?|birinci|ikinci|üçüncü|dördüncü"  # I, 1-ci, birinci
EN_ORD = r"[1-4](?:st|nd|rd|th)?|first|second|third|fourth"
QUARTER_RE = re.compile(rf"\b(?P<a>{AZ_ORD})(?:\s*(?:-|,|və)\s*(?P<b>{AZ_ORD}))?\s*(?:rüb|квартал)"
                        rf"|\bq(?P<q>[1-4])\b|\b(?P<e>{EN_ORD})\s+quarter")
HALF_RE = re.compile(rf"\b(?P<a>{AZ_ORD})\s*(?:yarim\s*il|yarisi)|\bh(?P<h>[12])\b|\b(?P<e>{EN_ORD})\s+half")

AZ_SUFFIX = r"(?:da|də|dan|dən|a|ə|in|un|ün|ina|inə|una|ünə)?(?:dək)?"  # sentyabrda, iyunun, mayadək
AZ_NAMES = "|".join(sorted(AZ_MONTHS, key=len, reverse=True))
EN_NAMES = "|".join(sorted((set(EN_MONTHS) | set(RU_MONTHS)) - set(AZ_MONTHS), key=len, reverse=True))  # "may"
POINT_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})[./](?P<dm>\d{{1,2}})[./](?P<dy>{YEAR})"  # 15.09.2026
    rf"|(?P<iy>{YEAR})-(?P<im>\d{{1,2}})-\d{{1,2}}(?!\d)"  # 2026-09-15
    rf"|(?<![{LETTER}])(?:(?P<az>{AZ_NAMES})(?P<sfx>{AZ_SUFFIX})|(?P<en>{EN_NAMES}))(?![{LETTER}])"
    rf"(?:\s*,?\s*\d{{1,2}}(?:st|nd|rd|th)?(?!\d))?(?:\s*,?\s*(?P<y>{YEAR}))?"  # September 15, 2026
)
# "may" is also an English verb: a month only next to a year, a day, "ayında", a preposition or another month,
# or as the whole cell.
LIST_SEP = r"(?:-|,|/|and|və|or|to)"
MAY_BEFORE_RE = re.compile(
    rf"(?:\b(?:in|by|until|till|from|since|during|of|early|late|mid)|\d|(?:{MONTH_RE})\s*{LIST_SEP})\s*$"
)
MAY_AFTER_RE = re.compile(rf"\s*(?:$|,?\s*\d|ay|{LIST_SEP}\s*(?:{MONTH_RE})(?![{LETTER}]))")


@dataclass
class Deadline:
    raw: str | None
    start_year: int | None
    end_year: int | None
    recurrence: str | None  # regular | semester | annual | period | once; None when not understood
    start_month: int | None = None
    end_month: int | None = None


def _fold(text: str) -> str:
    low = az_lower(text).replace("ı", "i")
    low = re.sub(r"[‐‑‒–—−]", "-", low)
    return re.sub(r"müt[əa]mad\s+i\b", "mütamadi", low).rstrip(" .")  # "mütamad i": a PDF-broken word


QUARTERLY_RE = re.compile(r"\bh[əe]r\s+rüb|\b(?:every|each)\s+quarter|\bquarterly\b|ежеквартально"
                          r"|(?:каждый|каждого)\s+квартал")
MONTHLY_RE = re.compile(r"\bh[əe]r\s+ay\b|\b(?:every|each)\s+month|\bmonthly\b|ежемесячно|(?:каждый|каждого)\s+месяц")


def cadence(raw: str | None) -> str | None:
    """How often a regular deadline recurs where its text says it ('Hər rüb' -> 'quarter', 'Hər ay' -> 'month');
    None for an ongoing one ('Müntəzəm') or no text."""
    if not raw:
        return None
    low = _fold(raw)
    return "quarter" if QUARTERLY_RE.search(low) else "month" if MONTHLY_RE.search(low) else None


def _spans(low: str) -> list[tuple[int, int]]:
    """Quarters and half-years, in reading order, as (first month, last month)."""
    found: list[tuple[int, int, int]] = []
    for regex, size in ((QUARTER_RE, 3), (HALF_RE, 6)):
        for m in regex.finditer(low):
            for tok in filter(None, m.groupdict().values()):
                n = int(tok[0]) if tok[0].isdigit() else ORDINALS[tok]
                found.append((m.start(), size * n - size + 1, size * n))
    return [(a, b) for _, a, b in sorted(found)]


def _points(low: str) -> list[tuple[int | None, int]]:
    """Dates and month names, in reading order, as (year or None, month)."""
    found: list[tuple[int | None, int]] = []
    for m in POINT_RE.finditer(low):
        if m["dy"]:
            day, month = int(m["d"]), int(m["dm"])
            month = day if month > 12 >= day else month  # 09/15/2026 written month first
            if 1 <= month <= 12:
                found.append((int(m["dy"]), month))
        elif m["iy"]:
            if 1 <= int(m["im"]) <= 12:
                found.append((int(m["iy"]), int(m["im"])))
        else:
            name = m["az"] or m["en"]
            verb = name == "may" and not m["sfx"] and not m["y"] and not (
                MAY_BEFORE_RE.search(low, 0, m.start()) or MAY_AFTER_RE.match(low, m.end()))
            if not verb:
                found.append((int(m["y"]) if m["y"] else None, MONTHS[name]))
    return found


def _month_deadline(text: str, points: list[tuple[int | None, int]], low: str, plan_end: int) -> Deadline:
    """From the first to the last point; a point without a year takes the nearest written one."""
    known = [y for y, _ in points if y]
    default = known[0] if known else next((int(y) for y in YEAR_RE.findall(low)), plan_end)
    (y1, m1), (y2, m2) = points[0], points[-1]
    start_guessed = y1 is None
    y1 = y1 or default
    y2 = y2 or (known[-1] if known else default)
    if (y2, m2) < (y1, m1):  # "Sentyabr - İyun 2026", "Sentyabr 2025 - İyun" cross a new year
        y1, y2 = (y1 - 1, y2) if start_guessed else (y1, y2 + 1)
    kind = "once" if len(points) == 1 else "period"
    return Deadline(text, y1, y2, kind, m1, m2)


# a dash that gained a space where the cell wrapped after it: "Oktyabr– Noyabr"
WRAPPED_DASH_RE = re.compile(r"(?<=[^\W\d_])([‐‑‒–—−-])\s+(?=[^\W\d_])")
# a page number printed under the last row of a borderless PDF, read into its deadline: "2026–2028 гг. 1"
PAGE_NUMBER_RE = re.compile(r"(\d\d\d\d|гг\.|\bг\.|\bil|\bil[iı]|year|\bгод[а]?)\s+\d{1,3}$", re.IGNORECASE)


def tidy(raw: str) -> str:
    """A deadline cell as written, less what page layout added to it."""
    return PAGE_NUMBER_RE.sub(r"\1", WRAPPED_DASH_RE.sub(r"\1", squash(raw)))


def parse_deadline(raw: str | None, plan_start: int, plan_end: int) -> Deadline:
    """Read a deadline cell. Unknown stays None: an empty cell is not 'regular'. A recurring deadline that
    gives its years ("2026–2027-ci tədris ili, hər semestr") keeps them; else it spans the plan's period."""
    if raw is None or not squash(raw):
        return Deadline(None, None, None, None)
    text = tidy(raw)
    low = _fold(text)
    years = [int(y) for y in YEAR_RE.findall(low)]
    spans = _spans(low)
    points = _points(low)
    first, last = (min(years), max(years)) if years else (plan_start, plan_end)
    if REGULAR_RE.search(low):
        return Deadline(text, first, last, "regular")
    if SEMESTER_RE.search(low):
        return Deadline(text, first, last, "semester")
    if ANNUAL_RE.search(low):
        months = [m for _, m in points] or [m for span in spans for m in span] or [None]
        return Deadline(text, first, last, "annual", months[0], months[-1])
    if spans:
        y1, y2 = (years[0], years[-1]) if years else (plan_end, plan_end)
        return Deadline(text, y1, y2, "period", spans[0][0], spans[-1][1])
    if points:
        return _month_deadline(text, points, low, plan_end)
    ranges = [(int(a), _end_year(int(a), b)) for a, b in YEAR_RANGE_RE.findall(low)]
    ranges = [(a, b) for a, b in ranges if b]
    if ranges:
        return Deadline(text, min(a for a, _ in ranges), max(b for _, b in ranges), "period")
    if YEAR_ROUND_RE.search(low):
        year = years[0] if years else plan_end
        return Deadline(text, year, year, "period", 1, 12)
    if years:
        return Deadline(text, min(years), max(years), "once" if len(set(years)) == 1 else "period")
    return Deadline(text, None, None, None)


def _end_year(start: int, written: str) -> int | None:
    """The end of a year range: "2030", or "27" in "2026/27"; None when it is no later year."""
    if len(written) == 4:
        return int(written) if int(written) >= start else None
    end = start // 100 * 100 + int(written)
    return end if 0 < end - start <= 10 else None
