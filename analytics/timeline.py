"""What the pages say about time: where each plan in view stands on today's date (paths.today(), which
tests set), and whether a year is past, present or future for a sentence's tense."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from dateutil.relativedelta import relativedelta

from analytics import fmt
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import az_ordinal, t
from paths import today

Phase = Literal["ended", "current", "future", "undated"]
Tense = Literal["past", "present", "future"]
LISTED_UNIVERSITIES = 3  # more universities in view: one counting sentence instead of one per university


def tense(year: int, day: dt.date | None = None) -> Tense:
    """A year seen from today: past, present or future."""
    now = (day or today()).year
    return "past" if year < now else "present" if year == now else "future"


@dataclass(frozen=True)
class PlanPhase:
    """Where a university's newest plan stands today. months: whole months since it ended (ended) or
    until it starts (future); year_no: the running year of the plan (current)."""

    institution: str
    start: int | None
    end: int | None
    phase: Phase
    months: int | None = None
    year_no: int | None = None


def phase_of(start: int | None, end: int | None, day: dt.date) -> tuple[Phase, int | None, int | None]:
    """(phase, months, year_no) of a plan running from January of `start` to December of `end`."""
    if start is None or end is None:
        return "undated", None, None
    if end < day.year:
        gap = relativedelta(day, dt.date(end, 12, 31))
        return "ended", gap.years * 12 + gap.months, None
    if start > day.year:
        gap = relativedelta(dt.date(start, 1, 1), day)
        return "future", gap.years * 12 + gap.months, None
    return "current", None, day.year - start + 1


def _year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def plan_phases(f: Filters, day: dt.date | None = None) -> list[PlanPhase]:
    """The newest plan of each university in the filter's scope (plans with actions), with its phase."""
    day = day or today()
    plans = query("plan_periods", scope=f.scope)
    out = []
    for inst, rows in plans.groupby("institution", sort=True):
        newest = rows.iloc[0]  # the query orders each university's plans newest first
        start, end = _year(newest.period_start), _year(newest.period_end)
        phase, months, year_no = phase_of(start, end, day)
        out.append(PlanPhase(str(inst), start, end, phase, months, year_no))
    return out


def _period(p: PlanPhase, lang: str) -> str:
    if p.start == p.end:
        return az_ordinal(p.start) + " il" if lang == "az" else str(p.start)
    return f"{p.start}-{p.end}"


def _ago(months: int, lang: str) -> str:
    if months < 1:
        return t("tl.ago.now", lang)
    if months < 24:
        return t("tl.ago.months", lang, n=fmt.num(months, lang))
    return t("tl.ago.years", lang, n=fmt.num(months // 12, lang))


def phase_sentence(p: PlanPhase, lang: str) -> str | None:
    """'QKU: the 2021-2025 plan ended 11 months ago; no newer plan is loaded.'"""
    if p.phase == "undated":
        return None
    period = _period(p, lang)
    if p.phase == "ended":
        return t("tl.ended", lang, uni=p.institution, period=period, ago=_ago(p.months or 0, lang))
    if p.phase == "future":
        return t("tl.future", lang, uni=p.institution, period=period, year=p.start)
    if p.start == p.end:
        return t("tl.current.one", lang, uni=p.institution, period=period)
    return t("tl.current", lang, uni=p.institution, period=period, n=p.year_no,
             total=(p.end or 0) - (p.start or 0) + 1)


def time_lines(f: Filters, day: dt.date | None = None) -> list[str]:
    """The sentences a page opens with about time: per university (a few) or counted (many)."""
    phases = [p for p in plan_phases(f, day) if p.phase != "undated"]
    if len(phases) <= LISTED_UNIVERSITIES:
        return [s for s in (phase_sentence(p, f.lang) for p in phases) if s]
    counts = {k: sum(p.phase == k for p in phases) for k in ("ended", "current", "future")}
    return [t("tl.counted", f.lang, n=len(phases), ended=counts["ended"], current=counts["current"],
              future=counts["future"])]
