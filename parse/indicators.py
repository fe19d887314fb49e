"""Result indicators as plans write them: a number read from the text becomes a target with its unit and
period ("İl ərzində 3 ... sərgisində iştirak" → 3 a year; "tələbələrin 20 %-i" → 20 %; "ən azı 5 məqalə"
→ at least 5; "2 dəfə" → 2 times). Where no number can be read the target is missing (None, never 0) and
the text stays as written. Pure: text in, an Indicator out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parse.text_utils import az_lower, squash

UNITS = ("count", "percent", "times")
PERIODS = ("year", "half_year", "semester", "quarter", "month")
# The detail columns a target is looked for in, in order (the plan's own words for its result indicator first).
SOURCES = ("indicator_quantitative", "expected_result", "baseline", "indicator_qualitative")

_NUM = r"(?<![\d.,/-])(\d{1,6}(?:[.,]\d{1,2})?)(?![\d/])"
_PERCENT = re.compile(_NUM + r"\s*(?:%|faiz|процент|percent|per cent)")
_PERCENT_BEFORE = re.compile(r"%\s*" + _NUM)
_TIMES = re.compile(_NUM + r"\s*(?:dəfə|defe|раз|times)\b")
_COUNT = re.compile(_NUM + r"(?:\s*-?(?:dən|dan|ə|a|ü|u|i|ı))?\s+[^\W\d_]{2,}")
_AT_LEAST = re.compile(r"(ən azı|ən az|azı|minimum|at least|не менее|не меньше|kamida|min\.)\s*$")
_AT_MOST = re.compile(r"(ən çoxu|maksimum|at most|не более|max\.)\s*$")
_PERIOD = [
    ("half_year", re.compile(r"yarımil|yarım il|half[- ]year|полугод|semi-annual")),
    ("semester", re.compile(r"semestr|semester|семестр")),
    ("quarter", re.compile(r"\brüb|quarter|квартал")),
    ("month", re.compile(r"hər ay|aylıq|monthly|per month|ежемесяч|в месяц")),
    ("year", re.compile(r"il ərzində|hər il|illik|ildə|annual|per year|a year|each year|yearly|в год|ежегод"
                        r"|в течение года|за год")),
]
_YEAR = re.compile(r"^(19|20)\d\d$")
# a number after these words numbers an item of the plan ("Məqsəd - 1 hədəf 3"), it is no target
_REF_BEFORE = re.compile(r"(məqsəd|maqsad|hədəf|hedef|goal|target|bənd|item|№|no\.|цель|задача)\s*[-–:]?\s*$")


@dataclass(frozen=True)
class Indicator:
    """One action's result indicator: the text as written and what could be read from it."""
    name: str | None                 # the indicator as written (quantitative first, else qualitative)
    unit: str | None                 # count, percent or times; None when no target was read
    baseline_value: float | None     # a baseline written as a number ("12", "15 %"); None otherwise
    target_value: float | None       # None when no number could be read (never 0 for "not given")
    period: str | None               # the target per year, half-year ...; None: over the action as a whole
    comparator: str | None           # at_least, at_most or None (exactly / about)
    source_column: str | None        # which detail column the target was read from
    source_text: str | None          # the text the number was read from, as written


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def read_target(text: str | None) -> tuple[float, str, str | None, str | None] | None:
    """(value, unit, period, comparator) read from one text, or None when it holds no target number.
    Years (2025), references ("1-1.3") and ordinal codes are not targets."""
    if not text:
        return None
    low = az_lower(squash(text))
    for pattern, unit in ((_PERCENT, "percent"), (_PERCENT_BEFORE, "percent"), (_TIMES, "times"), (_COUNT, "count")):
        for m in pattern.finditer(low):
            raw = m.group(1)
            if _YEAR.match(raw) or (unit == "count" and not raw.isdigit()):
                continue
            before = low[:m.start(1)]
            if _REF_BEFORE.search(before):
                continue
            comparator = "at_least" if _AT_LEAST.search(before) else "at_most" if _AT_MOST.search(before) else None
            period = next((name for name, rx in _PERIOD if rx.search(low)), None)
            return _number(raw), unit, period, comparator
    return None


def read_baseline(text: str | None) -> float | None:
    """A baseline written as a number only ("12", "15 %", "0"); a sentence is kept as text, not read."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{1,6}(?:[.,]\d{1,2})?)\s*(%|faiz)?\s*\.?\s*", text)
    return _number(m.group(1)) if m and not _YEAR.match(m.group(1)) else None


def indicator(details: dict[str, str | None]) -> Indicator | None:
    """The indicator of an action from its detail columns; None when the plan gives no indicator at all."""
    name = details.get("indicator_quantitative") or details.get("indicator_qualitative") \
        or details.get("expected_result")
    baseline_text = details.get("baseline")
    baseline_value = read_baseline(baseline_text)
    for column in SOURCES:
        text = details.get(column)
        if column == "baseline" and baseline_value is not None:
            continue  # a number alone in the baseline column is the baseline, not the target
        found = read_target(text)
        if found:
            value, unit, period, comparator = found
            return Indicator(squash(name) if name else None, unit, baseline_value, value, period, comparator,
                             column, squash(text or ""))
    if not name and baseline_value is None:
        return None
    return Indicator(squash(name) if name else None, None, baseline_value, None, None, None, None, None)
