"""What goes into an export: the chart views of the chosen pages, for the current filters, and the
documents they come from."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

import pandas as pd
from babel.dates import format_date

from analytics import filters as flt
from analytics import views
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.pages import courses as courses_core
from analytics.pages import progress as progress_core
from analytics.views import ChartSpec
from app_pages import PAGES

SOURCE_KINDS = {"cbhe": ("cbhe_compendium",), "courses": ("syllabus",)}
SOURCE_MAX_DOCS = 3  # documents named on a source line; the rest are counted


@dataclass
class Section:
    page: str
    charts: list[ChartSpec]
    sources: list[tuple[str, str]]  # the documents behind the page: (title, the date it was loaded)
    figures: list[tuple[str, str]] = field(default_factory=list)  # headline figures (label, value)
    headline: str = ""  # the title of the figures slide
    note: str = ""  # the one thing to say when the filter leaves the page empty ("no CBHE project")


def university_name(code: str, lang: str) -> str:
    """'NDU — Nakhchivan State University' in English, the Azerbaijani name in Azerbaijani."""
    from analytics.pages.rankings import institution_names

    return institution_names(lang).get(code, code)


def _documents(page: str, f: Filters) -> pd.DataFrame:
    docs = query("documents")
    kinds = SOURCE_KINDS.get(page)
    if page == "courses":
        return docs[docs.document_id.isin(courses_core.own_courses(f).document_id)]
    if kinds:
        return docs[docs.kind.isin(kinds)]
    docs = docs[docs.kind.str.endswith("plan")]
    if f.plan:
        return docs[docs.document_id == f.plan]
    if f.uni:
        return docs[docs.institution == f.uni]
    return docs


def _doc_title(title: str, institution: object) -> str:
    """The title as written, the university's full name shortened to its code: 'QKU — Strateji plan 2021-2025'."""
    if isinstance(institution, str) and institution and " — " in title:
        head, rest = title.split(" — ", 1)
        names = query("ranking_results_institutions")
        if head in set(names[names.code == institution].name_az) or head == institution:
            return f"{institution} — {rest}"
    if isinstance(institution, str) and institution and not title.startswith(institution):
        return f"{institution} — {title}"
    return title


def sources_for(page: str, f: Filters) -> list[tuple[str, str]]:
    """The documents behind a page: (title, the date it was loaded), e.g.
    ('QKU — Strateji plan 2021-2025', '30 November 2026')."""
    docs = _documents(page, f).sort_values(["institution", "title"], na_position="first")
    return [(flt.marked_title(_doc_title(str(title), inst), f.lang),
             format_date(pd.Timestamp(loaded).date(), "d MMMM y", locale=f.lang))
            for title, inst, loaded in zip(docs.title, docs.institution, docs.loaded_at, strict=True)]


def source_line(sources: list[tuple[str, str]], lang: str) -> str:
    """'Source: A; B (loaded 30 November 2026)': at most SOURCE_MAX_DOCS titles and a count of the
    rest; one date when every document was loaded the same day, else a date after each title."""
    if not sources:
        return t("deck.source", lang, docs="—")
    unique = list(dict.fromkeys(sources))
    shown, rest = unique[:SOURCE_MAX_DOCS], len(unique) - SOURCE_MAX_DOCS
    dates = list(dict.fromkeys(d for _, d in unique))
    if len(dates) == 1:
        text = "; ".join(title for title, _ in shown)
        more = f" {t('deck.more_docs', lang, n=rest)}" if rest > 0 else ""
        text += f"{more} ({t('deck.loaded', lang, date=dates[0])})"
    else:
        text = "; ".join(f"{title} ({t('deck.loaded', lang, date=d)})" for title, d in shown)
        text += f" {t('deck.more_docs', lang, n=rest)}" if rest > 0 else ""
    return t("deck.source", lang, docs=text)


def deck_charts(page: str, f: Filters) -> list[ChartSpec]:
    """Page charts sized for slides (the page core's `deck_charts` where it has one: long timelines split,
    heatmaps cut to the busiest units), else as the page draws them."""
    core = page_core(page)
    sized = getattr(core, "deck_charts", None)
    return sized(f) if sized else page_charts(page, f)


def page_core(page: str) -> ModuleType:
    """The page's core module in analytics (app_pages.PageSpec.core)."""
    spec = next((p for p in PAGES if p.url == page and p.core), None)
    if spec is None:
        raise KeyError(f"page {page!r} has no core module in app_pages.PAGES")
    return importlib.import_module(spec.core_module)


def page_charts(page: str, f: Filters) -> list[ChartSpec]:
    """A page's charts as its core's view builds them (app_pages.PageSpec.core names the module)."""
    return views.built(page_core(page).view(f))


def sections(
    f: Filters, pages: list[str], for_deck: bool = True, progress: Callable[[float, str], None] | None = None
) -> list[Section]:
    f = flt.complete(f)  # the university made explicit (a plan alone still restricts CBHE and courses)
    out = []
    for i, page in enumerate(pages):
        if progress:
            progress(i / max(len(pages), 1), page)
        if page == "progress":  # the page's key figures and first sentence lead its section
            specs, figures, headline = progress_core.deck(f)
            out.append(Section(page, specs, sources_for(page, f), figures, headline))
            continue
        specs = deck_charts(page, f) if for_deck else page_charts(page, f)
        section = Section(page, specs, sources_for(page, f) if specs or page == "cbhe" else [])
        if page == "cbhe" and not specs and f.uni:
            section.note = t("deck.no_cbhe", f.lang, uni=university_name(f.uni, f.lang))
        out.append(section)
    return out


def key_figures(f: Filters) -> pd.Series:
    return query("key_figures", **f.params()).iloc[0]
