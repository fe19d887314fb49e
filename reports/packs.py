"""What goes into an export: the chart views of the chosen pages, for the current filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analytics import views
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.views import ChartSpec

DECK_PAGE_ROWS = 30  # timeline rows per slide
DECK_TOP_UNITS = 15  # units on a slide heatmap
DECK_MAX_TIMELINE_SLIDES = 3  # a meeting deck is no place for thousands of timeline rows
SOURCE_KINDS = {"cbhe": ("cbhe_compendium",), "courses": ("syllabus",)}


@dataclass
class Section:
    page: str
    charts: list[ChartSpec]
    sources: list[str]


def sources_for(page: str, f: Filters) -> list[str]:
    docs = query("documents")
    kinds = SOURCE_KINDS.get(page)
    if kinds:
        docs = docs[docs.kind.isin(kinds)]
    else:
        docs = docs[docs.kind.str.endswith("plan")]
        if f.scope:
            docs = docs[(docs.institution == f.scope) | (docs.document_id == f.scope)]
    return docs.source_file.tolist()


def deck_charts(page: str, f: Filters) -> list[ChartSpec]:
    """Page charts sized for slides: long timelines split, heatmaps cut to the busiest units."""
    if page == "workload":
        return views.workload(f, top=DECK_TOP_UNITS, heat_top=DECK_TOP_UNITS)
    if page == "deadlines":
        first = views.deadlines(f, DECK_PAGE_ROWS, 1, include_regular=False)
        if not first:
            return []
        total = first[0].rows.attrs.get("total", 0)
        pages = min((total - 1) // DECK_PAGE_ROWS + 1, DECK_MAX_TIMELINE_SLIDES)
        timeline = [first[0]] + [
            views.deadlines(f, DECK_PAGE_ROWS, n, include_regular=False)[0] for n in range(2, pages + 1)
        ]
        shown = min(total, pages * DECK_PAGE_ROWS)
        for n, spec in enumerate(timeline, start=1):
            if len(timeline) > 1:
                spec.headline = f"{spec.headline} ({n}/{len(timeline)})"
            if shown < total:
                spec.headline += " · " + t("dl.deck_capped", f.lang, shown=shown, total=total)
        return timeline + first[1:]
    return views.VIEWS[page](f)


def sections(
    f: Filters, pages: list[str], for_deck: bool = True, progress: Callable[[float, str], None] | None = None
) -> list[Section]:
    out = []
    for i, page in enumerate(pages):
        if progress:
            progress(i / max(len(pages), 1), page)
        charts = deck_charts(page, f) if for_deck else views.VIEWS[page](f)
        out.append(Section(page, charts, sources_for(page, f)))
    return out


def key_figures(f: Filters) -> pd.Series:
    return query("key_figures", **f.params()).iloc[0]
