"""parse_deadline: deadlines as people write them, in Azerbaijani and English."""
from __future__ import annotations

import re

import pytest

from parse.deadlines import DEADLINE_PATTERN, MONTH_RE, MONTHS, Deadline, parse_deadline

P21 = (2021, 2025)
P19 = (2019, 2022)
P26 = (2026, 2030)

# raw, plan (start, end), expected (start_year, end_year, recurrence, start_month, end_month)
CASES = [
    # ongoing: the whole plan period, whichever plan it is
    ("Müntəzəm", P21, (2021, 2025, "regular", None, None)),
    ("Müntəzəm", P19, (2019, 2022, "regular", None, None)),
    ("Müntəzəm.", P26, (2026, 2030, "regular", None, None)),
    ("Daimi", P26, (2026, 2030, "regular", None, None)),
    ("Davamlı", P19, (2019, 2022, "regular", None, None)),
    ("Mütəmadi", P21, (2021, 2025, "regular", None, None)),
    ("Mütamadi", P21, (2021, 2025, "regular", None, None)),
    ("mütamad i", P21, (2021, 2025, "regular", None, None)),
    ("Müfəssəl", P21, (2021, 2025, "regular", None, None)),
    ("Continuous", P26, (2026, 2030, "regular", None, None)),
    ("Continuously", P26, (2026, 2030, "regular", None, None)),
    ("Ongoing", P19, (2019, 2022, "regular", None, None)),
    ("Permanent", P21, (2021, 2025, "regular", None, None)),
    ("Regularly", P21, (2021, 2025, "regular", None, None)),
    # every semester
    ("Hər semestr", P21, (2021, 2025, "semester", None, None)),
    ("Hər semestrdə", P26, (2026, 2030, "semester", None, None)),
    ("Every semester", P19, (2019, 2022, "semester", None, None)),
    ("Each semester", P21, (2021, 2025, "semester", None, None)),
    # every year, with the month when named
    ("Hər il", P21, (2021, 2025, "annual", None, None)),
    ("Hər tədris ilinin sonunda", P21, (2021, 2025, "annual", None, None)),
    ("Hər tədris ilinin sonunda", P26, (2026, 2030, "annual", None, None)),
    ("Hər il, avqust", P21, (2021, 2025, "annual", 8, 8)),
    ("Annually", P19, (2019, 2022, "annual", None, None)),
    ("Every year", P26, (2026, 2030, "annual", None, None)),
    ("Each year, August", P26, (2026, 2030, "annual", 8, 8)),
    ("Annually in May", P21, (2021, 2025, "annual", 5, 5)),
    # the whole year: the named year, else the plan's end year
    ("İlboyu", P21, (2025, 2025, "period", 1, 12)),
    ("İlboyu", P26, (2030, 2030, "period", 1, 12)),
    ("İlboyu 2025", P21, (2025, 2025, "period", 1, 12)),
    ("İl ərzində", P19, (2022, 2022, "period", 1, 12)),
    ("Cari il", P21, (2025, 2025, "period", 1, 12)),
    ("Year-round", P26, (2030, 2030, "period", 1, 12)),
    ("Throughout the year", P21, (2025, 2025, "period", 1, 12)),
    ("Current year", P19, (2022, 2022, "period", 1, 12)),
    ("2026-cı il ərzində", P26, (2026, 2026, "period", 1, 12)),
    ("During 2026", P26, (2026, 2026, "period", 1, 12)),
    ("2026-ci ilin sonuna qədər", P26, (2026, 2026, "once", None, None)),
    ("In 2026", P26, (2026, 2026, "once", None, None)),
    # quarters and half-years
    ("I rüb 2026", P26, (2026, 2026, "period", 1, 3)),
    ("II rüb", P21, (2025, 2025, "period", 4, 6)),
    ("II rüb", P26, (2030, 2030, "period", 4, 6)),
    ("1-ci rüb 2026", P26, (2026, 2026, "period", 1, 3)),
    ("4-cü rüb 2027", P26, (2027, 2027, "period", 10, 12)),
    ("Q3 2026", P26, (2026, 2026, "period", 7, 9)),
    ("3rd quarter 2026", P26, (2026, 2026, "period", 7, 9)),
    ("I yarımil", P19, (2022, 2022, "period", 1, 6)),
    ("II yarımil 2026", P26, (2026, 2026, "period", 7, 12)),
    ("H1 2026", P26, (2026, 2026, "period", 1, 6)),
    ("first half of 2026", P26, (2026, 2026, "period", 1, 6)),
    ("second half 2026", P26, (2026, 2026, "period", 7, 12)),
    # a day
    ("15 sentyabr 2026", P26, (2026, 2026, "once", 9, 9)),
    ("15.09.2026", P26, (2026, 2026, "once", 9, 9)),
    ("2026-09-15", P26, (2026, 2026, "once", 9, 9)),
    ("September 15, 2026", P26, (2026, 2026, "once", 9, 9)),
    ("15 September 2026", P26, (2026, 2026, "once", 9, 9)),
    # month lists and ranges, also across a new year
    ("Yanvar, İyun 2026", P26, (2026, 2026, "period", 1, 6)),
    ("January and June 2026", P26, (2026, 2026, "period", 1, 6)),
    ("Yanvar-Sentyabr 2025", P21, (2025, 2025, "period", 1, 9)),
    ("Yanvar - Mart 2020", P19, (2020, 2020, "period", 1, 3)),
    ("Sentyabr 2025 - İyun 2026", P26, (2025, 2026, "period", 9, 6)),
    ("September 2025 – June 2026", P26, (2025, 2026, "period", 9, 6)),
    ("Sentyabr - İyun 2026", P26, (2025, 2026, "period", 9, 6)),
    ("May-June", P21, (2025, 2025, "period", 5, 6)),
    # a single month
    ("May ayında", P21, (2025, 2025, "once", 5, 5)),
    ("May ayında", P19, (2022, 2022, "once", 5, 5)),
    ("May 2026", P26, (2026, 2026, "once", 5, 5)),
    ("in May", P26, (2030, 2030, "once", 5, 5)),
    ("May", P21, (2025, 2025, "once", 5, 5)),
    ("Sept 2027", P26, (2027, 2027, "once", 9, 9)),
    ("Oktyabr ayının sonunadək", P21, (2025, 2025, "once", 10, 10)),
    # years
    ("2026-2027", P26, (2026, 2027, "period", None, None)),
    ("2026 – 2030", P26, (2026, 2030, "period", None, None)),
    ("2026/2027", P26, (2026, 2027, "period", None, None)),
    ("2021-2025", P21, (2021, 2025, "period", None, None)),
    ("2026", P26, (2026, 2026, "once", None, None)),
    ("2020", P19, (2020, 2020, "once", None, None)),
    # not understood: raw kept, no years
    ("Layihə təsdiq edildikdən sonra", P21, (None, None, None, None, None)),
    ("TBD", P26, (None, None, None, None, None)),
    ("This may change", P26, (None, None, None, None, None)),  # "may" the verb, not the month
    ("3 ay ərzində", P21, (None, None, None, None, None)),
]


@pytest.mark.parametrize(("raw", "plan", "expected"), CASES, ids=[f"{c[0]}|{c[1][0]}" for c in CASES])
def test_parse_deadline(raw: str, plan: tuple[int, int], expected: tuple) -> None:
    assert parse_deadline(raw, *plan) == Deadline(raw, *expected)


@pytest.mark.parametrize("raw", [None, "", "   ", "\n"])
def test_empty_cell_is_unknown(raw: str | None) -> None:
    assert parse_deadline(raw, 2021, 2025) == Deadline(None, None, None, None)


def test_spaces_are_squashed_and_raw_kept() -> None:
    expected = Deadline("Yanvar, İyun 2026", 2026, 2026, "period", 1, 6)
    assert parse_deadline("  Yanvar,   İyun  2026 ", 2026, 2030) == expected


def test_recurrence_is_null_exactly_when_years_are() -> None:
    """The rule in loaders/checks.sql: (recurrence IS NULL) = (start_year IS NULL)."""
    for raw, plan, _ in CASES:
        d = parse_deadline(raw, *plan)
        assert (d.recurrence is None) == (d.start_year is None) == (d.end_year is None), raw


def test_exports_used_by_other_loaders() -> None:
    assert MONTHS["sentyabr"] == 9 and MONTHS["iyun"] == 6 and MONTHS["september"] == 9
    assert re.fullmatch(rf"({MONTH_RE})\s*-\s*({MONTH_RE})\s+20\d\d", "yanvar-sentyabr 2025")
    assert DEADLINE_PATTERN.search("Tədbirin keçirilməsi Müntəzəm Tədris Şöbəsi").group(0) == "Müntəzəm"
    assert DEADLINE_PATTERN.search("Hesabat 2023 - 2025 Rektorluq").group(0) == "2023 - 2025"


@pytest.mark.parametrize("raw, shown", [("Hər rüb", "Every quarter (2026)"), ("Hər ay", "Every month (2026)"),
                                        ("ежеквартально", "Every quarter (2026)"), ("Müntəzəm", "Ongoing (2026)")])
def test_regular_work_says_how_often_in_english(raw, shown) -> None:
    from analytics.labels import deadline
    from parse.deadlines import parse_deadline

    d = parse_deadline(raw, 2026, 2026)
    assert d.recurrence == "regular"
    assert deadline(raw, d.recurrence, 2026, 2026, lang="en") == shown
    assert deadline(raw, d.recurrence, 2026, 2026, lang="az") == raw  # Azerbaijani: as the plan wrote it
