"""The global filters: sidebar widgets, kept in st.session_state and mirrored into the URL.

URL keys: plan, goal, unit (repeated), role (lead|any), vr (repeated), year_from, year_to, lang.
A link with these keys restores the view; moving between pages keeps them (the URL is rewritten
from the session state on every run, since st.navigation clears it on a page switch).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from ui import labels
from ui.data import query
from ui.i18n import LANGS, t

YEAR_MIN, YEAR_MAX = 2021, 2025
ROLES = ("lead", "any")
KEYS = {"plan": "f_plan", "goal": "f_goal", "unit": "f_units", "role": "f_role", "vr": "f_vrs",
        "years": "f_years", "lang": "f_lang"}


@dataclass(frozen=True)
class Filters:
    plan: str | None = None
    goal: int | None = None
    units: tuple[str, ...] = ()
    unit_role: str = "lead"
    vrs: tuple[str, ...] = ()
    year_from: int = YEAR_MIN
    year_to: int = YEAR_MAX
    lang: str = "az"
    notes: tuple[str, ...] = field(default=(), compare=False)

    def params(self) -> dict[str, object]:
        """Parameters of queries/_macros.sql filtered_actions()."""
        return {"plan": self.plan, "goal": self.goal, "units": list(self.units), "unit_role": self.unit_role,
                "vrs": list(self.vrs), "y0": self.year_from, "y1": self.year_to}

    def query_params(self) -> dict[str, str | list[str]]:
        qp: dict[str, str | list[str]] = {}
        if self.plan:
            qp["plan"] = self.plan
        if self.goal is not None:
            qp["goal"] = str(self.goal)
        if self.units:
            qp["unit"] = list(self.units)
            qp["role"] = self.unit_role
        if self.vrs:
            qp["vr"] = list(self.vrs)
        if (self.year_from, self.year_to) != (YEAR_MIN, YEAR_MAX):
            qp["year_from"], qp["year_to"] = str(self.year_from), str(self.year_to)
        if self.lang != "az":
            qp["lang"] = self.lang
        return qp


@dataclass(frozen=True)
class Options:
    plans: dict[str, str]            # institution code -> label
    goals: dict[str, dict[int, str]]  # institution -> goal no -> title
    units: list[str]
    vrs: list[str]


def options() -> Options:
    plans = query("plans")
    goals = query("goals")
    return Options(
        plans={r.institution: f"{r.institution} — {r.period_start}" + (f"-{r.period_end}" if r.period_end !=
                                                                        r.period_start else "")
               for r in plans.itertuples()},
        goals={inst: {int(r.goal_no): r.title for r in g.itertuples()} for inst, g in goals.groupby("institution")},
        units=query("units_in_plans")["unit_name"].tolist(),
        vrs=query("ref_vice_rectors")["key"].tolist(),
    )


def from_query_params(qp: dict[str, list[str]], opts: Options) -> Filters:
    """Filters from URL values; values that are not valid are dropped and reported in `notes`."""
    notes: list[str] = []

    def one(key: str) -> str | None:
        values = qp.get(key) or []
        return values[-1] if values else None

    lang = one("lang") if one("lang") in LANGS else "az"
    plan = one("plan")
    if plan is not None and plan not in opts.plans:
        notes.append(t("f.bad_param", lang, param="plan", value=plan))
        plan = None
    goal = None
    if one("goal") is not None:
        raw = one("goal")
        valid = {g for inst, gs in opts.goals.items() if plan in (None, inst) for g in gs}
        if raw.isdigit() and int(raw) in valid:
            goal = int(raw)
        else:
            notes.append(t("f.bad_param", lang, param="goal", value=raw))
    units = tuple(u for u in qp.get("unit", []) if u in opts.units)
    notes += [t("f.bad_param", lang, param="unit", value=u) for u in qp.get("unit", []) if u not in opts.units]
    role = one("role") if one("role") in ROLES else "lead"
    vrs = tuple(v for v in qp.get("vr", []) if v in opts.vrs)
    notes += [t("f.bad_param", lang, param="vr", value=v) for v in qp.get("vr", []) if v not in opts.vrs]

    def year(key: str, default: int) -> int:
        raw = one(key)
        if raw is None:
            return default
        if raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX:
            return int(raw)
        notes.append(t("f.bad_param", lang, param=key, value=raw))
        return default

    y0, y1 = year("year_from", YEAR_MIN), year("year_to", YEAR_MAX)
    if y0 > y1:
        y0, y1 = y1, y0
    return Filters(plan, goal, units, role, vrs, y0, y1, lang, tuple(notes))


def _init_state(f: Filters) -> None:
    st.session_state[KEYS["plan"]] = f.plan
    st.session_state[KEYS["goal"]] = f.goal
    st.session_state[KEYS["unit"]] = list(f.units)
    st.session_state[KEYS["role"]] = f.unit_role
    st.session_state[KEYS["vr"]] = list(f.vrs)
    st.session_state[KEYS["years"]] = (f.year_from, f.year_to)
    st.session_state[KEYS["lang"]] = f.lang


def reset() -> None:
    """Callback of the reset buttons: back to the whole plan, keeping the language."""
    lang = st.session_state.get(KEYS["lang"], "az")
    _init_state(Filters(lang=lang))


def current_lang() -> str:
    return st.session_state.get(KEYS["lang"]) or "az"


def sidebar(opts: Options) -> Filters:
    """Render the filter widgets; returns the filters and writes them into the URL."""
    if not st.session_state.get("_filters_ready"):
        qp = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
        f0 = from_query_params(qp, opts)
        _init_state(f0)
        st.session_state["_filter_notes"] = f0.notes
        st.session_state["_filters_ready"] = True
    sb = st.sidebar
    lang = st.session_state[KEYS["lang"]]
    sb.radio(t("f.lang", lang), LANGS, key=KEYS["lang"], horizontal=True,
             format_func=lambda x: {"az": "Azərbaycanca", "en": "English"}[x])
    lang = st.session_state[KEYS["lang"]]
    sb.header(t("f.header", lang))
    sb.selectbox(t("f.plan", lang), [None, *opts.plans], key=KEYS["plan"], placeholder=t("f.plan.all", lang),
                 format_func=lambda p: t("f.plan.all", lang) if p is None else opts.plans[p])
    plan = st.session_state[KEYS["plan"]]
    goal_titles: dict[int, str] = {}
    for inst, goals in opts.goals.items():
        if plan in (None, inst):
            for g, title in goals.items():
                goal_titles.setdefault(g, title if plan else "")
    if st.session_state.get(KEYS["goal"]) not in (None, *goal_titles):
        st.session_state[KEYS["goal"]] = None
    sb.selectbox(t("f.goal", lang), [None, *sorted(goal_titles)], key=KEYS["goal"], placeholder=t("f.goal.all", lang),
                 format_func=lambda g: t("f.goal.all", lang) if g is None else
                 (f"{g}. {goal_titles[g]}" if goal_titles.get(g) else t("c.goal_n", lang, n=g)))
    names = labels.unit_names(lang)
    sb.multiselect(t("f.unit", lang), opts.units, key=KEYS["unit"], format_func=lambda u: names.get(u, u),
                   placeholder=t("f.unit.placeholder", lang))
    sb.radio(t("f.unit_role", lang), ROLES, key=KEYS["role"], horizontal=True,
             format_func=lambda r: t(f"f.role.{r}", lang), disabled=not st.session_state[KEYS["unit"]])
    sb.multiselect(t("f.vr", lang), opts.vrs, key=KEYS["vr"], format_func=lambda v: labels.vice_rector(v, lang),
                   placeholder=t("f.vr.placeholder", lang))
    sb.slider(t("f.years", lang), YEAR_MIN, YEAR_MAX, key=KEYS["years"], step=1)
    sb.button(t("f.reset", lang), on_click=reset, key="reset_sidebar", icon=":material/restart_alt:")
    y0, y1 = st.session_state[KEYS["years"]]
    f = Filters(plan, st.session_state[KEYS["goal"]], tuple(st.session_state[KEYS["unit"]]),
                st.session_state[KEYS["role"]], tuple(st.session_state[KEYS["vr"]]), int(y0), int(y1), lang,
                tuple(st.session_state.get("_filter_notes", ())))
    qp = f.query_params()
    if {k: st.query_params.get_all(k) for k in st.query_params.keys()} != {
            k: (v if isinstance(v, list) else [v]) for k, v in qp.items()}:
        st.query_params.from_dict(qp)
    return f


def describe(f: Filters, opts: Options) -> list[str]:
    """Human-readable active filters, for page headers and slide titles."""
    lang = f.lang
    out = []
    if f.plan:
        out.append(f"{t('f.plan', lang)}: {opts.plans.get(f.plan, f.plan)}")
    if f.goal is not None:
        out.append(f"{t('f.goal', lang)}: {f.goal}")
    if f.units:
        names = labels.unit_names(lang)
        out.append(f"{t('f.unit', lang)} ({t('f.role.' + f.unit_role, lang).lower()}): "
                   + ", ".join(names.get(u, u) for u in f.units))
    if f.vrs:
        out.append(f"{t('f.vr', lang)}: " + ", ".join(labels.vice_rector(v, lang) for v in f.vrs))
    if (f.year_from, f.year_to) != (YEAR_MIN, YEAR_MAX):
        out.append(f"{t('f.years', lang)}: {f.year_from}–{f.year_to}")
    return out
