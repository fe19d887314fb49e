"""The Rankings page's charts and tables, for the page, the slide deck and the workbook alike, and the
choices and saving of the ranking-result form on the Progress page.

Results are matched to targets by university AND ranking: a result of one university is never drawn
on another university's target row. Results whose university has no numeric target band in that
ranking (not targeted at all, or named without a place) get their own chart: place over the years.
"""
from __future__ import annotations

import re

import pandas as pd

from analytics import charts, fmt, labels, ranking_charts
from analytics.db import query, ranking_results
from analytics.filters import Filters
from analytics.i18n import t
from parse.ranking_results import format_rank, parse_rank
from state.ranking_results import is_recorded


def scope_of(f: Filters) -> str | None:
    """The university the filters point at: the university filter, else the plan filter (an
    institution code in older links, a document id since plans and universities are separate)."""
    return resolve_institution(getattr(f, "uni", None) or f.plan)


def resolve_institution(value: str | None) -> str | None:
    """An institution code for a code or a document id (the university of that document)."""
    if not value:
        return None
    codes = set(query("ranking_results_institutions")["code"])
    if value in codes:
        return value
    docs = query("documents")
    match = docs[docs.document_id == value].institution.dropna()
    return str(match.iloc[0]) if len(match) else value


def institution_names(lang: str) -> dict[str, str]:
    """Code -> 'QKU — Qərbi Kaspi Universiteti' (English names in English), as the sidebar shows them."""
    df = query("ranking_results_institutions")
    col = "name_en" if lang == "en" else "name_az"
    return {c: (f"{c} — {n}" if isinstance(n, str) and n and n != c else c)
            for c, n in zip(df.code, df[col], strict=True)}


def ranking_names() -> dict[str, str]:
    """Key -> name of every ranking in the reference list, by name."""
    df = query("ref_rankings")
    return dict(sorted(zip(df.key, df.name, strict=True), key=lambda kv: kv[1].casefold()))


def results_of(institution: str | None) -> pd.DataFrame:
    """Recorded results of one university (all universities for None), oldest year first."""
    df = ranking_results()
    if institution:
        df = df[df.institution == institution]
    return df.sort_values(["institution", "ranking", "year", "recorded_at"]).reset_index(drop=True)


def targets_all() -> pd.DataFrame:
    """Every targeted (university, ranking) pair with its numeric band, whatever the filters."""
    return query("ranking_results_targets")


def _listed(value) -> list[str]:
    """A DuckDB list cell as a Python list (NULL -> [])."""
    return [str(v) for v in value] if hasattr(value, "__len__") and not isinstance(value, str) else []


def _pairs(df: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(df.institution, df.ranking, strict=True))


def without_band(results: pd.DataFrame, every_target: pd.DataFrame) -> pd.DataFrame:
    """Results whose university has no numeric target band in that ranking in any loaded plan."""
    banded = set(_pairs(every_target[every_target.band_best.notna()]))
    return results[[p not in banded for p in _pairs(results)]]


def target_rows(targets: pd.DataFrame, results: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The targets as a table: university, ranking, band, deadline, action, units and the results of
    that university in that ranking."""
    names = labels.unit_names(lang)

    def band(best, worst) -> str:
        if pd.isna(best):
            return t("rk.no_band", lang)
        return t("rk.top", lang, n=int(worst)) if int(best) == 1 else format_rank(best, worst)

    recorded: dict[tuple[str, str], list[str]] = {}
    for r in results.itertuples():
        band_text = format_rank(r.rank_best, r.rank_worst)
        recorded.setdefault((r.institution, r.ranking), []).append(f"{int(r.year)}: {band_text}")
    rows = pd.DataFrame({
        "institution": targets.institution,
        "ranking": targets.ranking_name,
        "band": [band(b, w) for b, w in zip(targets.best_rank, targets.worst_rank, strict=True)],
        "results": ["; ".join(recorded.get(p, [])) or "—" for p in _pairs(targets)],
        # as the plan wrote it; in English what it means ("Müntəzəm": "Ongoing (2021–2025)"), as on every page
        "deadline": labels.deadlines_of(targets, lang),
        "number": [charts.action_label(i, g, tg, a) for i, g, tg, a in zip(
            targets.institution, targets.goal_no, targets.target_no, targets.action_no, strict=True)],
        "action": targets.action_title,
        "lead_units": [", ".join(names.get(u, u) for u in us) for us in targets.lead_units],
    })
    rows.columns = [t("c.institution", lang), t("rk.axis.ranking", lang), t("rk.band", lang), t("rk.c.results", lang),
                    t("c.deadline", lang), t("c.number", lang), t("c.action", lang), t("c.lead_units", lang)]
    return rows


def result_rows(results: pd.DataFrame, every_target: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Recorded results for people: university and ranking names, the place or band as recorded
    ('601+', never 601), the plans' target for that pair, source; '—' where nothing is given."""
    unis, ranks = institution_names(lang), ranking_names()

    def shown(band: str) -> str:  # '1–100' reads 'top 100', as in the targets table
        return t("rk.top", lang, n=band[2:]) if band.startswith("1–") else band

    bands = {(r.institution, r.ranking): ", ".join(shown(b) for b in _listed(r.bands)) or t("rk.no_place", lang)
             for r in every_target.itertuples()}
    rows = pd.DataFrame({
        "institution": [unis.get(i, i) for i in results.institution],
        "ranking": [ranks.get(k, k) for k in results.ranking],
        "year": [int(y) for y in results.year],
        "result": [format_rank(b, w) for b, w in zip(results.rank_best, results.rank_worst, strict=True)],
        "target": [bands.get(p, t("rk.not_targeted", lang)) for p in _pairs(results)],
        "source": [s if isinstance(s, str) and s.strip() else "—" for s in results.source],
        # a public page: the person's name, never their e-mail address ('Rena <rena@x.az>' -> 'Rena')
        "recorded_by": [re.sub(r"\s*<[^>]*>\s*$", "", s) or "—" if isinstance(s, str) and s else "—"
                        for s in results.recorded_by],
        "recorded_at": [v.strftime("%Y-%m-%d") if not pd.isna(v) else "—" for v in pd.to_datetime(results.recorded_at)],
    }, dtype=object)
    rows.columns = [t("c.institution", lang), t("rk.axis.ranking", lang), t("c.year", lang), t("rk.result", lang),
                    t("rk.band", lang), t("pr.source", lang), t("c.recorded_by", lang), t("rk.c.recorded_at", lang)]
    return rows


MAX_BANDS = 30  # target rows in the bands chart
BAND_KEYS = ["institution", "ranking", "best_rank", "worst_rank"]


def ranking_specs(f: Filters, institution: str | None) -> list:
    """The Rankings charts for the filters and one university (None: every university):
    the target bands with each university's own results, then the results without a target band."""
    from analytics.views import ChartSpec  # analytics.views registers this module's rankings(); imported late

    lang = f.lang
    targets = query("ranking_targets", **f.params())
    results = results_of(institution)
    every = targets_all()
    out = []
    numeric = targets[targets.best_rank.notna()]
    if not numeric.empty:
        bands, title = targets, None
        pairs = numeric.drop_duplicates(BAND_KEYS)
        if len(pairs) > MAX_BANDS:  # a country's targets: the most ambitious ones; a university shows all its own
            keep = pairs.sort_values(["best_rank", "worst_rank"], kind="stable").head(MAX_BANDS)[BAND_KEYS]
            bands = targets.merge(keep, on=BAND_KEYS)
            title = t("rk.chart.bands_top", lang, n=MAX_BANDS, total=fmt.num(len(pairs), lang))
        out.append(ChartSpec(
            "rankings-bands", "rankings", ranking_charts.target_bands(bands, results, lang, title),
            target_rows(targets, results, lang),
            t("h.rankings", lang, n=len(targets), k=len(numeric), m=targets.ranking.nunique())))
    loose = without_band(results, every)
    if not loose.empty:
        pairs = loose.groupby(["institution", "ranking"]).ngroups
        out.append(ChartSpec(
            "rankings-results-by-year", "rankings",
            ranking_charts.results_by_year(loose, lang, institution_names(lang), ranking_names()),
            result_rows(loose, every, lang), t("rk.h.no_target", lang, n=len(loose), k=pairs)))
    return out


def rankings(f: Filters) -> list:
    """The registry entry (analytics.views.VIEWS['rankings']): the charts for the filters' university."""
    return ranking_specs(f, scope_of(f))


# ------------------------------------------------------------------ the result form (Progress page)
def form_options(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Every university and every ranking of the reference list, whatever the plans target."""
    return institution_names(lang), ranking_names()


def check_result(institution: str, ranking: str, year: int, text: str, source: str | None,
                 lang: str) -> tuple[str, str] | tuple[int, int | None, str | None]:
    """Read a result typed in the form. Returns (best, worst, source) to record, or (kind, message)
    when there is nothing to record: 'info' (already recorded) or 'error'. Writes nothing: the
    record goes through access.record_ranking_result."""
    if not text or not text.strip():
        return "error", t("rk.form.need_result", lang)
    try:
        best, worst = parse_rank(text)
    except ValueError:
        return "error", t("rk.form.bad", lang, found=text.strip())
    source = source.strip() if source and source.strip() else None
    if is_recorded(institution, ranking, year, best, worst, source):
        return "info", t("rk.form.duplicate", lang)
    return best, worst, source


def saved_message(institution: str, ranking: str, year: int, best: int, worst: int | None, lang: str) -> str:
    """What the form says after a result was recorded (and when the university has no target for it)."""
    names = ranking_names()
    message = t("rk.form.saved", lang, uni=institution, ranking=names.get(ranking, ranking), year=year,
                result=format_rank(best, worst))
    every = targets_all()
    if len(without_band(pd.DataFrame({"institution": [institution], "ranking": [ranking]}), every)):
        message += " " + t("rk.form.saved_no_target", lang, uni=institution)
    return message


view = rankings  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)
