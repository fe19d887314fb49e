"""The sidebar: filter widgets kept in st.session_state and mirrored into the URL.

The filter value, its URL encoding and the options live in analytics.filters; this module only
draws the widgets (the session state is re-read on every run, since st.navigation clears the URL
on a page switch).
"""
from __future__ import annotations

import streamlit as st

from analytics import labels
from analytics.filters import ROLES, Filters, Options, from_query_params, open_ends, resolve
from analytics.i18n import LANGS, t

KEYS = {"uni": "f_uni", "plan": "f_plan", "goal": "f_goal", "unit": "f_units", "role": "f_role", "vr": "f_vrs",
        "years": "f_years", "lang": "f_lang"}


def _init_state(f: Filters, span: tuple[int, int] | None) -> None:
    st.session_state[KEYS["uni"]] = f.uni
    st.session_state[KEYS["plan"]] = f.plan
    st.session_state[KEYS["goal"]] = f.goal
    st.session_state[KEYS["unit"]] = list(f.units)
    st.session_state[KEYS["role"]] = f.unit_role
    st.session_state[KEYS["vr"]] = list(f.vrs)
    if span:
        st.session_state[KEYS["years"]] = (f.year_from or span[0], f.year_to or span[1])
    st.session_state[KEYS["lang"]] = f.lang


def reset() -> None:
    """Callback of the reset buttons: back to every plan, keeping the language."""
    lang = st.session_state.get(KEYS["lang"], "az")
    _init_state(Filters(lang=lang), st.session_state.get("_year_span"))


def current_lang() -> str:
    return st.session_state.get(KEYS["lang"]) or "az"


FILTER_PARAMS = {"uni", "plan", "goal", "unit", "role", "vr", "year_from", "year_to", "lang"}  # Filters.query_params
MANY_PLANS = 60  # more plans than this (every university of a country): the list waits for a university


def sidebar(opts: Options) -> Filters:
    """Render the filter widgets; returns the filters and writes them into the URL."""
    if not st.session_state.get("_filters_ready"):
        qp = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
        f0 = from_query_params(qp, opts)
        _init_state(f0, opts.years)
        st.session_state["_filter_notes"] = f0.notes
        st.session_state["_filters_ready"] = True
    sb = st.sidebar
    lang = st.session_state[KEYS["lang"]]
    sb.radio(t("f.lang", lang), LANGS, key=KEYS["lang"], horizontal=True,
             format_func=lambda x: {"az": "Azərbaycanca", "en": "English"}[x])
    lang = st.session_state[KEYS["lang"]]
    sb.header(t("f.header", lang))
    st.session_state["_year_span"] = opts.years
    if st.session_state.get(KEYS["uni"]) not in (None, *opts.universities):
        st.session_state[KEYS["uni"]] = None
    sb.selectbox(t("f.uni", lang), [None, *opts.universities], key=KEYS["uni"], placeholder=t("f.uni.all", lang),
                 format_func=lambda u: t("f.uni.all", lang) if u is None else opts.university(u, lang))
    uni = st.session_state[KEYS["uni"]]
    plans = [p for p in opts.plans if uni in (None, opts.plan_uni.get(p))]
    if uni is None and len(plans) > MANY_PLANS:  # national scale: a plan is picked within its university
        plans = [p for p in [st.session_state.get(KEYS["plan"])] if p in opts.plans]
    if st.session_state.get(KEYS["plan"]) not in (None, *plans):
        st.session_state[KEYS["plan"]] = None
    sb.selectbox(t("f.plan", lang), [None, *plans], key=KEYS["plan"], placeholder=t("f.plan.all", lang),
                 format_func=lambda p: t("f.plan.all", lang) if p is None else opts.plan_name(p, lang),
                 help=None if plans or uni else t("f.plan.pick_uni", lang))
    plan = st.session_state[KEYS["plan"]]
    goal_titles = opts.goals_of(plan, uni, lang)
    whose = opts.goal_universities(plan, uni) if uni is None and plan is None else {}
    if st.session_state.get(KEYS["goal"]) not in (None, *goal_titles):
        st.session_state[KEYS["goal"]] = None

    def goal_name(g: int | None) -> str:
        if g is None:
            return t("f.goal.all", lang)
        if goal_titles.get(g):
            return f"{g}. {goal_titles[g]}"
        if len(whose.get(g, [])) > 1:  # several universities' goal 1: say whose, it is not one goal
            return t("f.goal.across", lang, n=g, unis=", ".join(whose[g]))
        if whose.get(g):
            return f"{whose[g][0]} · {t('c.goal_n', lang, n=g)}"
        return t("c.goal_n", lang, n=g)

    sb.selectbox(t("f.goal", lang), [None, *sorted(goal_titles)], key=KEYS["goal"], placeholder=t("f.goal.all", lang),
                 format_func=goal_name, help=t("f.goal.help", lang) if whose else None)
    names = labels.unit_names(lang)
    units = [u for u in opts.units if uni is None or uni in opts.unit_unis.get(u, ())]
    chosen = st.session_state.get(KEYS["unit"]) or []
    if any(u not in units for u in chosen):  # keep a unit chosen before the university only if it is there
        st.session_state[KEYS["unit"]] = [u for u in chosen if u in units]
    sb.multiselect(t("f.unit", lang), units, key=KEYS["unit"], format_func=lambda u: names.get(u, u),
                   placeholder=t("f.unit.placeholder", lang))
    sb.radio(t("f.unit_role", lang), ROLES, key=KEYS["role"], horizontal=True,
             format_func=lambda r: t(f"f.role.{r}", lang), disabled=not st.session_state[KEYS["unit"]])
    sb.multiselect(t("f.vr", lang), opts.vrs, key=KEYS["vr"], format_func=lambda v: labels.vice_rector(v, lang),
                   placeholder=t("f.vr.placeholder", lang))
    y0 = y1 = None
    if opts.years and opts.years[0] < opts.years[1]:  # a slider needs two different ends
        lo, hi = opts.years
        y0, y1 = st.session_state.get(KEYS["years"]) or opts.years
        if not (lo <= y0 <= y1 <= hi):
            st.session_state[KEYS["years"]] = opts.years
        sb.slider(t("f.years", lang), lo, hi, key=KEYS["years"], step=1)
        y0, y1 = open_ends(*(int(y) for y in st.session_state[KEYS["years"]]), opts.years)
    elif opts.years:
        sb.caption(f"{t('f.years', lang)}: {opts.years[0]}")
    sb.button(t("f.reset", lang), on_click=reset, key="reset_sidebar", icon=":material/restart_alt:")
    f, _ = resolve(opts, plan=plan, uni=uni, goal=st.session_state[KEYS["goal"]],
                   units=tuple(st.session_state[KEYS["unit"]]), unit_role=st.session_state[KEYS["role"]],
                   vrs=tuple(st.session_state[KEYS["vr"]]), year_from=y0, year_to=y1, lang=lang,
                   notes=tuple(st.session_state.get("_filter_notes", ())))
    qp = {k: (v if isinstance(v, list) else [v]) for k, v in f.query_params().items()}
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    own = {k: v for k, v in current.items() if k not in FILTER_PARAMS}  # a page's own (?action=KEY) stays
    if {k: v for k, v in current.items() if k in FILTER_PARAMS} != qp:
        st.query_params.from_dict({**own, **qp})
    return f
