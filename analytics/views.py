"""What a page's view is made of, and the cache every page's views share.

A view (in analytics/pages/<page>.py) takes the filters and returns ChartSpecs: the figure, the rows
behind it (display columns), and a headline finding computed from the data (used as the slide title);
or a Later, built when opened. The same view serves the page, the slide deck and the workbook. The
sentence helpers here (leaders, lead_sentence, goal_label, headline_year) are used by several pages.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go

import paths
from analytics import fmt, labels
from analytics.db import LRU, db_version
from analytics.i18n import t
from state import user_store


@dataclass
class ChartSpec:
    key: str
    page: str
    figure: go.Figure
    rows: pd.DataFrame
    headline: str


class Later:
    """A chart that a page shows folded under its title: the title is known at once, the data is read and
    the figure built only when someone opens it (or a slide or workbook needs it). On a cold page load at
    500 universities a third of the view's time went to charts nobody had opened. Reads like a ChartSpec;
    `spec()` is None when the chart turns out to have no data."""

    def __init__(self, key: str, page: str, title: str, build: Callable[[], ChartSpec | None]) -> None:
        self.key, self.page, self.title = key, page, title
        self._build: Callable[[], ChartSpec | None] | None = build
        self._spec: ChartSpec | None = None
        self._lock = threading.Lock()

    def spec(self) -> ChartSpec | None:
        with self._lock:  # one build, however many sessions open it at once
            if self._build is not None:
                self._spec, self._build = self._build(), None
            return self._spec

    @property
    def built(self) -> bool:
        return self._build is None

    def _part(self, name: str) -> object:
        spec = self.spec()
        if spec is None:
            raise LookupError(f"chart {self.key} has no data; check spec() first")
        return getattr(spec, name)

    figure = property(lambda self: self._part("figure"))
    rows = property(lambda self: self._part("rows"))
    headline = property(lambda self: self._part("headline"))


AnySpec = ChartSpec | Later
DRAWN_AT_ONCE = 2  # charts a page builds and draws at once; the ones after wait (Later)


def built(specs: list[AnySpec]) -> list[ChartSpec]:
    """Every chart with data, built: for slides and workbooks, which show them all."""
    out = []
    for s in specs:
        spec = s.spec() if isinstance(s, Later) else s
        if spec is not None:
            out.append(spec)
    return out


V = TypeVar("V")
VIEW_ENTRIES = 48
_views = LRU(VIEW_ENTRIES)


def shared(fn: Callable[..., V]) -> Callable[..., V]:
    """The same view of the same data for every session: figures and rows are built once per filters,
    database file, recorded statuses and day (figure building was a third of a page's server time),
    at most VIEW_ENTRIES kept. The results are shared, so callers never change them (reports copy a
    figure before restyling it for a slide)."""
    @functools.wraps(fn)
    def view(*args: object, **kwargs: object) -> V:
        key = (fn.__name__, args, tuple(sorted(kwargs.items())), db_version(), user_store.version(),
               paths.today())
        return _views.get(key, lambda: fn(*args, **kwargs))

    return view


def years_text(years: pd.Series) -> str:
    """'2025' or '2024–2025': the years a chart actually shows."""
    ys = sorted({int(y) for y in years.dropna()})
    if not ys:
        return ""
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


def vr_label(lang: str) -> Callable[[object], str]:
    names = labels.vice_rector_names(lang)
    return lambda key: labels.vice_rector(key, lang, names)


def headline_year(years: object, today: int | None = None) -> int:
    """The year a headline speaks of: this year when the data has it, else the latest year before it
    (the first year when every year of the data lies ahead)."""
    ys = sorted(int(y) for y in years)
    now = today or paths.today().year
    if now in ys:
        return now
    past = [y for y in ys if y < now]
    return past[-1] if past else ys[0]


def count_sentence(key: str, n: int, lang: str) -> str:
    """'1 action starts' / '12 actions start': the key's .one or .other form."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=fmt.num(n, lang))


def leaders(counts: pd.Series) -> tuple[list[str], int]:
    """The labels that share the highest count (in label order) and that count: a tie is said as a tie,
    never broken by the order a language's names happen to sort in."""
    if counts.empty:
        return [], 0
    best = counts.max()
    return sorted(str(x) for x in counts[counts == best].index), int(best)


def lead_sentence(key: str, who: list[str], lang: str, field: str = "unit", **kw: object) -> str:
    """key's sentence for one leader (its `field`: '{unit} leads ...'); with a tie, key + '.tied' ('4 units
    share first place ...: A, B, C, D' — up to four named, else three and how many more)."""
    if len(who) == 1:
        return t(key, lang, **kw, **{field: who[0]})
    shown = ", ".join(who) if len(who) <= 4 else ", ".join(who[:3]) + " " + t("h.tied_more", lang, n=len(who) - 3)
    return t(f"{key}.tied", lang, k=len(who), names=shown, **kw)


def missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def goal_label(plan: str | None, goal_no: object, title: object, lang: str, target_no: object = None,
               target: bool = False) -> str:
    """'QKU 1 · title' (the plan's label only when several plans are in view: pass plan=None otherwise);
    a target: 'QKU 1.2 · title'; without a title 'NDU · Goal 1' / 'Target 1.2'."""
    nums = [str(int(x)) for x in ((goal_no, target_no) if target else (goal_no,)) if not missing(x)]
    number = ".".join(nums)
    if not missing(title) and str(title).strip():
        return f"{' '.join(filter(None, [plan, number]))} · {title}"
    if missing(goal_no):
        name = t("dl.no_goal", lang)
    elif target and missing(target_no):
        name = t("dl.no_target", lang, goal=int(goal_no))
    else:
        name = t("dl.target_n", lang, n=number) if target else t("c.goal_n", lang, n=number)
    return " · ".join(filter(None, [plan, name]))



