"""What goes into an export: the chart views of the chosen pages, for the current filters, and the
documents they come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from babel.dates import format_date

import paths
from analytics import charts, fmt, labels, views
from analytics import filters as flt
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from analytics.views import ChartSpec

DECK_PAGE_ROWS = 12  # rows of a chart slide (reports.images.SLIDE_ROWS): the monthly plans read two slides' worth
DECK_TOP_UNITS = 200  # units drawn for a slide: the deck keeps the busiest that fit and counts the rest
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


def scoped(f: Filters) -> Filters:
    """The filters with their university made explicit (analytics.filters.complete)."""
    return flt.complete(f)


def university_name(code: str, lang: str) -> str:
    """'NDU — Nakhchivan State University' in English, the Azerbaijani name in Azerbaijani."""
    from analytics.ranking_views import institution_names

    return institution_names(lang).get(code, code)


def _documents(page: str, f: Filters) -> pd.DataFrame:
    docs = query("documents")
    kinds = SOURCE_KINDS.get(page)
    if page == "courses":
        return docs[docs.document_id.isin(views.own_courses(f).document_id)]
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
    return [(_doc_title(str(title), inst), format_date(pd.Timestamp(loaded).date(), "d MMMM y", locale=f.lang))
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
    """Page charts sized for slides: long timelines split, heatmaps cut to the busiest units."""
    if page == "workload":
        return views.built(views.workload(f, top=DECK_TOP_UNITS, heat_top=DECK_TOP_UNITS))
    if page == "deadlines":  # the goal × year overview, the year flow, and up to two slides of monthly plans
        return views.built(views.deadlines(f, 2 * DECK_PAGE_ROWS))
    if page == "progress":
        return progress_view(f)[0]
    return page_charts(page, f)


def page_charts(page: str, f: Filters) -> list[ChartSpec]:
    """A page's charts as its view builds them (the coverage page's live in analytics/coverage.py)."""
    if page == "coverage":
        from analytics import coverage

        return coverage.coverage_charts(f)
    return views.built(views.VIEWS[page](f))


def progress_view(f: Filters) -> tuple[list[ChartSpec], list[tuple[str, str]], str]:
    """Recorded status, when any is recorded: completion per goal and per lead unit, the headline
    figures and their sentence. Nothing when no status is recorded (no alarming zeros)."""
    lang, p = f.lang, f.params()
    figs = query("status_figures", this_year=paths.today().year, **p)
    if figs.empty:
        return [], [], ""
    k = figs.iloc[0]
    n, recorded, ended = int(k.actions), int(k.recorded), int(k.ended_unrecorded)

    def num(v: int) -> str:
        return fmt.num(v, lang)

    if not recorded:  # nothing assessed: no alarming zeros, but what ended unreported is the headline
        if not ended:
            return [], [], ""
        return [], [(t("c.actions", lang), num(n)), (t("pr.m.ended_unrecorded", lang), num(ended)),
                    (t("pr.m.not_assessed", lang), num(n))], t("pr.ended_unrecorded", lang, n=num(ended))

    figures = [
        (t("pr.m.recorded", lang), f"{num(recorded)} / {num(n)}"),
        (t("pr.m.done", lang), num(int(k.done))),
        (t("pr.m.at_risk", lang), num(int(k.at_risk))),
        (t("pr.m.overdue", lang), num(int(k.overdue))),
        (t("pr.m.not_assessed", lang), num(n - recorded)),
        (t("pr.m.ended_unrecorded", lang), num(ended)),
    ]
    headline = t("pr.lead", lang, recorded=num(recorded), n=num(n), done=num(int(k.done)),
                 at_risk=num(int(k.at_risk)), overdue=num(int(k.overdue)))
    names = labels.unit_names(lang)
    out = []
    for name, key, label in (("status_by_goal", "pr.chart.goal", str),
                             ("status_by_unit", "pr.chart.unit", lambda x: names.get(x, x))):
        df = query(name, **p).drop(columns=["period_start", "institution", "goal_no"], errors="ignore")
        if df.empty or not df.recorded.sum():
            continue
        shown = [label(x) for x in df.label]
        rows = df.assign(label=shown).rename(columns={
            "label": t("c.goal" if name == "status_by_goal" else "c.unit", lang), "actions": t("c.actions", lang),
            "recorded": t("pr.m.recorded", lang), "done": t("st.done", lang), "at_risk": t("st.at_risk", lang),
            "done_pct": t("deck.done_pct", lang)})
        best = df.assign(shown=shown).sort_values(["done", "recorded"], ascending=False).iloc[0]
        out.append(ChartSpec(
            name.replace("_", "-"), "progress", charts.completion(df, t(key, lang), shown, lang), rows,
            t("deck.h.progress", lang, label=best.shown, done=num(int(best.done)), n=num(int(best.actions)))))
    return out, figures, headline


def round_specs(f: Filters) -> list[ChartSpec]:
    """The reporting round's slide: per lead unit, actions reported and not yet reported (issue 22)."""
    import plotly.graph_objects as go

    from analytics import reporting

    found = reporting.round_progress(f.uni, f.lang)
    if found is None:
        return []
    r, acts, prog = found
    prog = prog[prog.key.notna()]
    if prog.empty:
        return []
    names = labels.unit_names(f.lang)
    shown = [names.get(k, k) for k in prog.key]
    fig = go.Figure()
    fig.add_bar(y=shown, x=prog.reported, orientation="h", name=t("ro.col.reported", f.lang), marker_color="#009E73")
    fig.add_bar(y=shown, x=prog.missing, orientation="h", name=t("ro.col.missing", f.lang), marker_color="#D55E00")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig = charts.style(fig, t("ro.chart", f.lang, round=r.label), t("c.actions", f.lang), None,
                       height=max(300, 40 * len(prog) + 160), lang=f.lang)
    rows = pd.DataFrame({t("c.unit", f.lang): shown, t("ro.col.due", f.lang): prog.due,
                         t("ro.col.reported", f.lang): prog.reported, t("ro.col.missing", f.lang): prog.missing})
    state = t("ro.state_closed" if r.closed else "ro.state_open", f.lang)
    headline = t("ro.lead", f.lang, round=r.label, state=state, n=fmt.num(len(acts), f.lang),
                 reported=fmt.num(int(acts.recorded_at.notna().sum()), f.lang), due=fmt.day(r.due_date, f.lang))
    return [ChartSpec("progress-round", "progress", fig, rows, headline)]


def indicator_specs(f: Filters) -> list[ChartSpec]:
    """The indicators' slides, one per goal: expected and actual per indicator in the latest measured round."""
    from analytics import indicators_view

    df = indicators_view.assessed(f)
    if df.empty:
        return []
    head = indicators_view.headline(df, f.lang)
    return [ChartSpec(f"progress-indicators-{i}", "progress", fig, rows, f"{head} · {label}")
            for i, (label, fig, rows) in enumerate(indicators_view.per_goal(df, f.lang), start=1)]


def sections(
    f: Filters, pages: list[str], for_deck: bool = True, progress: Callable[[float, str], None] | None = None
) -> list[Section]:
    f = scoped(f)
    out = []
    for i, page in enumerate(pages):
        if progress:
            progress(i / max(len(pages), 1), page)
        if page == "progress":
            specs, figures, headline = progress_view(f)
            specs = [*specs, *round_specs(f), *indicator_specs(f)]
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
