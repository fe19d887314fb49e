"""The global filters as a value: what is chosen, its URL encoding, and the options to choose from.

URL keys: uni (a university), plan (one plan document), goal, unit (repeated), role (lead|any),
vr (repeated), year_from, year_to, lang. The year range is the span of the loaded plans; no year is
fixed in the code, and the whole span (the default) is not written into the URL.
A link with these keys restores the view; moving between pages keeps them (the URL is rewritten
from the session state on every run, since st.navigation clears it on a page switch).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

from analytics import labels
from analytics.db import LRU, db_version, query
from analytics.i18n import LANGS, t

ROLES = ("lead", "any")


@dataclass(frozen=True, kw_only=True)
class Filters:
    """plan: one plan document (document id); uni: all plans of one university (its code). Built by name only
    (keyword arguments): a new filter is one field here and one parameter of the SQL macro.
    year_from/year_to: None is open (the whole span of the loaded plans)."""

    plan: str | None = None
    goal: int | None = None
    units: tuple[str, ...] = ()
    unit_role: str = "lead"
    vrs: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    lang: str = "az"
    notes: tuple[str, ...] = field(default=(), compare=False)
    uni: str | None = None

    @property
    def scope(self) -> str | None:
        """What the plan filter of the queries gets: the plan if one is chosen, else the university."""
        return self.plan or self.uni

    def params(self) -> dict[str, object]:
        """Query parameters: `filters`, the one value queries/_macros.sql filtered_actions() takes; the same
        fields by name for queries that filter something other than actions (years of CBHE projects, the
        plans in scope); and the language titles are shown in."""
        where = {"scope": self.scope, "goal": self.goal, "units": list(self.units), "unit_role": self.unit_role,
                 "vrs": list(self.vrs), "y0": self.year_from, "y1": self.year_to}
        return {"filters": where, **where, "lang": self.lang}

    def years_label(self, span: tuple[int, int] | None) -> str | None:
        """The year range shown: the filter's, else the data's span ('2019–2030', '2025'); None without data."""
        lo = self.year_from if self.year_from is not None else (span[0] if span else None)
        hi = self.year_to if self.year_to is not None else (span[1] if span else None)
        if lo is None or hi is None:
            return None
        return str(lo) if lo == hi else f"{lo}–{hi}"

    def query_params(self) -> dict[str, str | list[str]]:
        qp: dict[str, str | list[str]] = {}
        if self.uni:
            qp["uni"] = self.uni
        if self.plan:
            qp["plan"] = self.plan
        if self.goal is not None:
            qp["goal"] = str(self.goal)
        if self.units:
            qp["unit"] = list(self.units)
            qp["role"] = self.unit_role
        if self.vrs:
            qp["vr"] = list(self.vrs)
        if self.year_from is not None:
            qp["year_from"] = str(self.year_from)
        if self.year_to is not None:
            qp["year_to"] = str(self.year_to)
        if self.lang != "az":
            qp["lang"] = self.lang
        return qp


@dataclass(frozen=True)
class Options:
    plans: dict[str, str]             # document id -> "QKU — Strateji plan 2021-2025"
    goals: dict[str, dict[int, str]]  # document id -> goal no -> title
    units: list[str]
    vrs: list[str]
    plan_uni: dict[str, str] = field(default_factory=dict)      # document id -> university code
    universities: dict[str, str] = field(default_factory=dict)  # code -> "QKU — Qərbi Kaspi Universiteti"
    years: tuple[int, int] | None = None                        # earliest and latest year of the plans
    unit_unis: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit -> universities naming it
    goals_en: dict[str, dict[int, str]] = field(default_factory=dict)  # the English titles a plan gives
    universities_en: dict[str, str] = field(default_factory=dict)  # code -> "QKU — Western Caspian University"

    def university(self, code: str, lang: str) -> str:
        """A university as the filter names it, in the page's language (the code where no name is known)."""
        names = self.universities_en if lang == "en" else self.universities
        return names.get(code) or self.universities.get(code) or code

    def plan_name(self, doc: str, lang: str) -> str:
        """A plan as the filter names it ('QKU — Strateji plan 2021-2025'): its title as the university wrote it,
        in English with the marker of a title that has no English title ('QKU — [az] Strateji plan 2021-2025')."""
        return marked_title(self.plans.get(doc, doc), lang)

    def goals_of(self, plan: str | None, uni: str | None, lang: str = "az") -> dict[int, str]:
        """Goal numbers (and titles where the scope holds one plan: in English where the plan gives one) of
        the plans in scope."""
        out: dict[int, str] = {}
        docs = [d for d in self.goals if (plan is None or d == plan) and (uni is None or self.plan_uni.get(d) == uni)]
        for doc in docs:  # titles when the scope holds one plan (chosen, or a university's only plan)
            english = self.goals_en.get(doc, {})
            for g, title in self.goals[doc].items():
                out.setdefault(g, labels.shown_title(title, english.get(g), lang) if len(docs) == 1 else "")
        return out


    def goal_universities(self, plan: str | None, uni: str | None) -> dict[int, list[str]]:
        """Per goal number in scope, the universities whose plans have it: a goal number means one goal only
        within a plan, so with several universities in view the filter says whose goal 1 it gathers."""
        out: dict[int, set[str]] = {}
        for doc, goals in self.goals.items():
            if (plan is None or doc == plan) and (uni is None or self.plan_uni.get(doc) == uni):
                for g in goals:
                    out.setdefault(g, set()).add(self.plan_uni.get(doc) or "")
        return {g: sorted(filter(None, u)) for g, u in out.items()}


def period_text(start: int | None, end: int | None) -> str:
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return ""
    return str(int(start)) if start == end else f"{int(start)}-{int(end)}"


def marked_title(label: str, lang: str) -> str:
    """'CODE — title' with the [az] marker before the title in English (labels.shown_title's rule for a title
    that has no English title); as it is in Azerbaijani."""
    code, sep, rest = label.partition(" — ")
    return f"{code}{sep}{labels.shown_title(rest, None, lang)}" if sep else labels.shown_title(label, None, lang)


def plan_label(code: str, title: str, start: int | None, end: int | None) -> str:
    """'QKU — Strateji plan 2021-2025': the title carries the period when it names it."""
    period = period_text(start, end)
    return f"{code} — {title}" if not period or period in title else f"{code} — {title} ({period})"


_options = LRU(4)


def options() -> Options:
    """What the filters offer, computed once per database version (not on every rerun)."""
    return _options.get(db_version(), _options_now)


def _options_now() -> Options:
    plans = query("plans")
    goals = query("goals")
    span = query("year_span").iloc[0]
    units = query("units_in_plans")
    unis = plans.drop_duplicates("institution")
    return Options(
        plans={r.document_id: plan_label(r.institution, r.title, r.period_start, r.period_end)
               for r in plans.itertuples()},
        goals={doc: {int(r.goal_no): r.title for r in g.itertuples()} for doc, g in goals.groupby("document_id")},
        goals_en={doc: {int(r.goal_no): r.title_en.strip() for r in g.itertuples()}
                  for doc, g in goals[goals.title_en.fillna("").str.strip() != ""].groupby("document_id")},
        units=units["unit_name"].tolist(),
        unit_unis={u: tuple(i) for u, i in zip(units.unit_name, units.institutions, strict=True)},
        vrs=query("ref_vice_rectors")["key"].tolist(),
        plan_uni=dict(zip(plans.document_id, plans.institution, strict=True)),
        universities={r.institution: f"{r.institution} — {r.name_az}" if isinstance(r.name_az, str) and
                      r.name_az != r.institution else r.institution for r in unis.itertuples()},
        universities_en={r.institution: f"{r.institution} — {r.name_en}" for r in unis.itertuples()
                         if isinstance(r.name_en, str) and r.name_en.strip() and r.name_en != r.institution},
        years=None if pd.isna(span.first) else (int(span.first), int(span.last)),
    )


@dataclass(frozen=True)
class Rejected:
    """A chosen value the loaded plans do not have: the URL drops it with a note, the command line refuses it."""

    param: str                  # the URL key: uni, plan, goal, unit, role, vr, year_from, year_to, lang
    value: str
    allowed: tuple[str, ...]    # what would have been accepted (for the command line's message)


def resolve(opts: Options, *, plan: str | None = None, uni: str | None = None, goal: int | str | None = None,
            units: tuple[str, ...] = (), unit_role: str = "lead", vrs: tuple[str, ...] = (),
            year_from: int | str | None = None, year_to: int | str | None = None, lang: str = "az",
            notes: tuple[str, ...] = ()) -> tuple[Filters, list[Rejected]]:
    """The one constructor of Filters from chosen values (the sidebar, the URL and the command line):
    an old link's university code in the plan filter (?plan=QKU) becomes the university, a plan brings its
    university, values the loaded plans do not have are dropped and returned, a year range at the data's
    edges stays open and a reversed one is turned round."""
    rejected: list[Rejected] = []
    if lang not in LANGS:
        rejected.append(Rejected("lang", str(lang), LANGS))
        lang = "az"
    if plan is not None and plan not in opts.plans and plan in opts.universities and uni is None:
        uni, plan = plan, None  # links from before plans and universities were separate: ?plan=QKU
    if uni is not None and uni not in opts.universities:
        rejected.append(Rejected("uni", uni, tuple(opts.universities)))
        uni = None
    if plan is not None and (plan not in opts.plans or uni not in (None, opts.plan_uni.get(plan))):
        rejected.append(Rejected("plan", plan, tuple(p for p in opts.plans if uni in (None, opts.plan_uni[p]))))
        plan = None
    uni = uni or opts.plan_uni.get(plan or "")
    goals = sorted(opts.goals_of(plan, uni))
    if goal is not None and not (str(goal).isdigit() and int(goal) in goals):
        rejected.append(Rejected("goal", str(goal), tuple(map(str, goals))))
        goal = None
    rejected += [Rejected("unit", u, tuple(opts.units)) for u in units if u not in opts.units]
    if unit_role not in ROLES:
        rejected.append(Rejected("role", str(unit_role), ROLES))
        unit_role = "lead"
    rejected += [Rejected("vr", v, tuple(opts.vrs)) for v in vrs if v not in opts.vrs]

    def year(key: str, raw: int | str | None) -> int | None:
        if raw is None:
            return None
        if str(raw).isdigit() and opts.years and opts.years[0] <= int(raw) <= opts.years[1]:
            return int(raw)
        rejected.append(Rejected(key, str(raw), tuple(map(str, opts.years or ()))))
        return None

    y0, y1 = year("year_from", year_from), year("year_to", year_to)
    if y0 is not None and y1 is not None and y0 > y1:
        y0, y1 = y1, y0
    y0, y1 = open_ends(y0, y1, opts.years)
    f = Filters(plan=plan, goal=None if goal is None else int(goal), units=tuple(u for u in units if u in opts.units),
                unit_role=unit_role, vrs=tuple(v for v in vrs if v in opts.vrs), year_from=y0, year_to=y1,
                lang=lang, notes=notes, uni=uni)
    return f, rejected


def complete(f: Filters, opts: Options | None = None) -> Filters:
    """A Filters built by hand (tests, a deck's page) passed through `resolve`: its university made explicit
    (a plan chosen alone, or an old link's code in the plan filter, still restricts CBHE projects, courses
    and rankings)."""
    fields = {k.name: getattr(f, k.name) for k in dataclasses.fields(f)}
    return resolve(opts or options(), **fields)[0]


def from_query_params(qp: dict[str, list[str]], opts: Options) -> Filters:
    """Filters from URL values; values that are not valid are dropped and reported in `notes`."""

    def one(key: str) -> str | None:
        values = qp.get(key) or []
        return values[-1] if values else None

    f, rejected = resolve(opts, plan=one("plan"), uni=one("uni"), goal=one("goal"), units=tuple(qp.get("unit", [])),
                          unit_role=one("role") or "lead", vrs=tuple(qp.get("vr", [])), year_from=one("year_from"),
                          year_to=one("year_to"), lang=one("lang") or "az")
    span = f"{opts.years[0]}–{opts.years[1]}" if opts.years else "—"
    notes = [t("f.bad_year", f.lang, param=r.param, value=r.value, span=span) if r.param.startswith("year_")
             else t("f.bad_param", f.lang, param=r.param, value=r.value)
             for r in rejected if r.param not in ("lang", "role")]
    return dataclasses.replace(f, notes=tuple(notes))


def open_ends(y0: int | None, y1: int | None, span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    """A bound at the edge of the data's span is no bound: the filter stays open as plans are added."""
    if span is None:
        return y0, y1
    return (None if y0 is None or y0 <= span[0] else y0), (None if y1 is None or y1 >= span[1] else y1)


def describe(f: Filters, opts: Options) -> list[str]:
    """Human-readable active filters, for page headers and slide titles."""
    lang = f.lang
    out = []
    if f.uni:
        out.append(f"{t('f.uni', lang)}: {opts.university(f.uni, lang)}")
    if f.plan:
        out.append(f"{t('f.plan', lang)}: {opts.plan_name(f.plan, lang)}")
    if f.goal is not None:
        out.append(f"{t('f.goal', lang)}: {f.goal}")
    if f.units:
        names = labels.unit_names(lang)
        out.append(f"{t('f.unit', lang)} ({t('f.role.' + f.unit_role, lang).lower()}): "
                   + ", ".join(names.get(u, u) for u in f.units))
    if f.vrs:
        out.append(f"{t('f.vr', lang)}: " + ", ".join(labels.vice_rector(v, lang) for v in f.vrs))
    if f.year_from is not None or f.year_to is not None:
        out.append(f"{t('f.years', lang)}: {f.years_label(opts.years)}")
    return out
