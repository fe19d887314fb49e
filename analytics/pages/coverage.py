"""Yearly plans under the strategy: which strategic goals, targets and actions have yearly work behind them
per year (coverage), which have none (gaps), and which yearly work serves no strategic item (orphans).

References are resolved at query time (plandb/schema.sql v_strategy_refs): a yearly plan whose strategic plan
is not loaded keeps its references as written ("no_plan"), and they resolve once that plan is imported.
A reference serves the item it names and the items above it (an action's target and goal).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, fmt, indicator_text, labels, views
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t

LEVELS = ("goal", "target", "action")
GAP_COLOUR, LOW_COLOUR, HIGH_COLOUR = "#F9D9D5", "#DCEAF6", "#08519C"


@dataclass
class Coverage:
    plans: pd.DataFrame  # the yearly plans in scope and their strategic plan (NULL: not loaded)
    actions: pd.DataFrame  # the yearly actions that pass the filters
    refs: pd.DataFrame  # their references, with state and the strategic item's title
    items: pd.DataFrame  # the strategic plans' goals, targets and numbered actions
    years: pd.DataFrame  # per strategic plan, the years it has yearly plans for


def read(f: Filters) -> Coverage:
    p = f.params()
    scope = {k: p[k] for k in ("scope", "y0", "y1")}
    actions = query("coverage_actions", **p)
    refs = query("coverage_refs", scope=p["scope"], lang=p["lang"])
    refs = refs[refs.action_key.isin(actions.action_key)]
    if f.goal is not None:
        refs = refs[refs.goal_no == f.goal]
    return Coverage(query("coverage_plans", **scope), actions, refs.reset_index(drop=True),
                    query("coverage_items", scope=p["scope"], goal=p["goal"], lang=p["lang"]),
                    query("coverage_years", **scope))


def item_code(goal_no: object, target_no: object = None, action_no: object = None) -> str:
    """'3', '3.1', '3.1.2': an item's number as the plans write it."""
    return ".".join(str(int(v)) for v in (goal_no, target_no, action_no) if not pd.isna(v))


def item_label(level: str, goal_no: object, target_no: object, action_no: object, lang: str) -> str:
    """'Məqsəd 3' / 'Target 3.1' / 'Action 3.1.2'."""
    return t(f"cov.level.{level}", lang, code=item_code(goal_no, target_no, action_no))


def _served(c: Coverage) -> pd.DataFrame:
    """One row per (strategic item, year, yearly action) the resolved references say: the item named and
    the items above it, in the years the action is active and its strategic plan has yearly plans for."""
    ok = c.refs[c.refs.state == "resolved"]
    if ok.empty:
        return pd.DataFrame(columns=["document_id", "level", "goal_no", "target_no", "action_no", "year",
                                     "action_key"])
    acts = c.actions.set_index("action_key")[["year_from", "year_to"]]
    parts = []
    for level in LEVELS:
        depth = LEVELS.index(level)
        sub = ok[ok.level.map(LEVELS.index) >= depth]
        parts.append(pd.DataFrame({
            "document_id": sub.strategy_document, "level": level, "goal_no": sub.goal_no,
            "target_no": sub.target_no if depth >= 1 else pd.NA, "action_no": sub.action_no if depth >= 2 else pd.NA,
            "action_key": sub.action_key}))
    links = pd.concat(parts, ignore_index=True).drop_duplicates()
    links = links.join(acts, on="action_key")
    rows = [(*r[:6], y) for r in links[["document_id", "level", "goal_no", "target_no", "action_no", "action_key",
                                        "year_from", "year_to"]].itertuples(index=False, name=None)
            for y in range(int(r[6]), int(r[7]) + 1)]
    out = pd.DataFrame(rows, columns=["document_id", "level", "goal_no", "target_no", "action_no", "action_key",
                                      "year"])
    return out.merge(c.years[["document_id", "year"]], on=["document_id", "year"])


def item_years(c: Coverage) -> pd.DataFrame:
    """Every strategic item × every year its plan has yearly plans for: the yearly actions serving it
    (a list of keys; empty: a gap)."""
    if c.items.empty or c.years.empty:
        return pd.DataFrame(columns=[*c.items.columns, "year", "action_keys", "n"])
    grid = c.items.merge(c.years[["document_id", "year"]], on="document_id")
    served = _served(c)
    keys = ["document_id", "level", "goal_no", "target_no", "action_no", "year"]
    for k in ("target_no", "action_no"):
        grid[k] = grid[k].astype("Int64")
        served[k] = served[k].astype("Int64")
    served["year"] = served["year"].astype(grid["year"].dtype)
    lists = served.groupby(keys, dropna=False)["action_key"].agg(lambda s: sorted(set(s))).rename("action_keys")
    grid = grid.merge(lists.reset_index(), on=keys, how="left")
    grid["action_keys"] = [v if isinstance(v, list) else [] for v in grid.action_keys]
    grid["n"] = grid.action_keys.map(len).astype(int)
    return grid


def goal_rollup(c: Coverage) -> pd.DataFrame:
    """Per strategic plan, goal and year: yearly actions serving the goal, and the goal's targets and
    actions that have yearly work (of how many)."""
    grid = item_years(c)
    if grid.empty:
        return pd.DataFrame(columns=["document_id", "goal_no", "title", "year", "actions", "targets_with",
                                     "targets", "actions_with", "actions_total"])
    goals = grid[grid.level == "goal"][["document_id", "goal_no", "title", "year", "n"]].rename(
        columns={"n": "actions"})
    for level, with_, total in (("target", "targets_with", "targets"), ("action", "actions_with", "actions_total")):
        sub = grid[grid.level == level].groupby(["document_id", "goal_no", "year"]).agg(
            **{with_: ("n", lambda s: int((s > 0).sum())), total: ("n", "size")}).reset_index()
        goals = goals.merge(sub, on=["document_id", "goal_no", "year"], how="left")
        goals[[with_, total]] = goals[[with_, total]].fillna(0).astype(int)
    return goals.reset_index(drop=True)


def gaps(c: Coverage) -> pd.DataFrame:
    """Strategic items with no yearly work in a year their plan has yearly plans for."""
    grid = item_years(c)
    return grid[grid.n == 0].drop(columns=["action_keys", "n"]).reset_index(drop=True)


def orphans(c: Coverage) -> pd.DataFrame:
    """Yearly actions that serve no strategic item: no reference at all ('none'), or only references to items
    their strategic plan does not have or that name no item ('unknown'). Actions whose strategic plan is not
    loaded are waiting, not orphans."""
    a = c.actions
    none = a.refs == 0
    unknown = (a.refs > 0) & (a.resolved == 0) & (a.no_plan == 0)
    out = a[none | unknown].copy()
    out["reason"] = ["none" if n == 0 else "unknown" for n in out.refs]
    return out.reset_index(drop=True)


def unknown_refs(c: Coverage) -> pd.DataFrame:
    """References to an item the strategic plan does not have, or naming no item: listed, never dropped."""
    return c.refs[c.refs.state.isin(["unknown", "unreadable"])].merge(
        c.actions[["action_key", "title", "plan_label", "seq"]], on="action_key").reset_index(drop=True)


def waiting(c: Coverage) -> pd.DataFrame:
    """Per yearly plan whose strategic plan is not loaded: its references and the goals they name."""
    plans = c.plans[c.plans.strategy_document.isna()]
    refs = c.refs[c.refs.state.isin(["no_plan", "unreadable"]) & c.refs.document_id.isin(plans.document_id)]
    acts = c.actions[c.actions.document_id.isin(plans.document_id)]
    rows = []
    for p in plans.itertuples():
        mine, own = refs[refs.document_id == p.document_id], acts[acts.document_id == p.document_id]
        if own.empty:
            continue
        rows.append({"document_id": p.document_id, "institution": p.institution, "plan_label": p.plan_label,
                     "title": p.title, "period_start": p.period_start, "period_end": p.period_end,
                     "refs": len(mine), "actions": len(own), "with_refs": int((own.refs > 0).sum()),
                     "goals": sorted({int(g) for g in mine.goal_no.dropna()})})
    return pd.DataFrame(rows, columns=["document_id", "institution", "plan_label", "title", "period_start",
                                       "period_end", "refs", "actions", "with_refs", "goals"])


def referenced_goals(c: Coverage) -> pd.DataFrame:
    """Per university, goal number (as referenced) and year: the yearly actions referring to it, whether or
    not the strategic plan is loaded; `state` says which (resolved, no_plan, unknown)."""
    r = c.refs[c.refs.goal_no.notna()].merge(c.actions[["action_key", "year_from", "year_to"]], on="action_key")
    rows = [(i, int(g), y, k, s) for i, g, k, s, y0, y1 in r[["institution", "goal_no", "action_key", "state",
                                                               "year_from", "year_to"]].itertuples(index=False)
            for y in range(int(y0), int(y1) + 1)]
    df = pd.DataFrame(rows, columns=["institution", "goal_no", "year", "action_key", "state"])
    if df.empty:
        return pd.DataFrame(columns=["institution", "goal_no", "year", "actions", "state"])
    rank = {"resolved": 0, "no_plan": 1, "unknown": 2, "unreadable": 3}
    df["rank"] = df.state.map(rank)
    return (df.groupby(["institution", "goal_no", "year"])
              .agg(actions=("action_key", "nunique"), rank=("rank", "min")).reset_index()
              .assign(state=lambda d: d["rank"].map({v: k for k, v in rank.items()})).drop(columns="rank"))


def vr_rollup(c: Coverage, lang: str) -> pd.DataFrame:
    """Per vice-rector portfolio of the yearly actions: actions, serving the strategy, waiting for the
    strategic plan, orphans (an action naming no portfolio counts under 'not named')."""
    a = c.actions.assign(orphan=c.actions.action_key.isin(orphans(c).action_key))
    a = a.assign(vr=[list(v) if len(v) else [None] for v in a.vice_rectors]).explode("vr")
    names = labels.vice_rector_names(lang)
    rows = []
    for vr, g in a.groupby(a.vr.fillna(""), sort=False):
        rows.append({"vr": labels.vice_rector(vr or None, lang, names), "actions": len(g),
                     "serving": int((g.resolved > 0).sum()),
                     "waiting": int(((g.no_plan > 0) & (g.resolved == 0)).sum()),
                     "orphans": int(g.orphan.sum())})
    return pd.DataFrame(rows, columns=["vr", "actions", "serving", "waiting", "orphans"]).sort_values(
        "actions", ascending=False, kind="stable").reset_index(drop=True)


def action_line(a: pd.Series, lang: str, unit_names: dict[str, str]) -> str:
    """One yearly action as a line of text: number, title, units, status and indicator (plain text: shown,
    never interpreted)."""
    number = charts.action_label(a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref)
    units = ", ".join(unit_names.get(u, u) for u in a.lead_units) or t("cov.no_unit", lang)
    status = t(f"st.{a.status}", lang) if isinstance(a.status, str) else t("st.none", lang)
    parts = [f"{number} {a.title}", f"{t('c.unit', lang)}: {units}", f"{t('c.status', lang)}: {status}"]
    target = indicator_text.target(a.indicator_target, a.indicator_unit, a.indicator_period,
                                   a.indicator_comparator, lang)
    if isinstance(a.indicator, str) and a.indicator:
        shown = labels.shown_title(a.indicator, None, lang)  # as written: marked [az] in English
        parts.append(f"{t('cov.indicator', lang)}: {shown}" + (f" ({target})" if target else ""))
    elif target:
        parts.append(f"{t('cov.indicator', lang)}: {target}")
    return " · ".join(parts)


def strategy_name(c: Coverage, document_id: str) -> str:
    row = c.years[c.years.document_id == document_id]
    if row.empty:
        return document_id
    r = row.iloc[0]
    return f"{r.institution} {r.strategy_start}–{r.strategy_end}"


# ------------------------------------------------------------------ the goals × years chart (page and packs)
def goal_year_frame(c: Coverage, lang: str) -> pd.DataFrame:
    """Rows of the goals × years chart: each loaded strategic plan's goals, and the goal numbers the yearly plans
    of a university without a loaded strategic plan refer to. Columns: row, hover, year, actions, state."""
    rows = []
    roll = goal_rollup(c)
    for r in roll.itertuples():
        name = strategy_name(c, r.document_id)
        label = f"{name} · {t('cov.level.goal', lang, code=r.goal_no)}"
        rows.append({"row": label, "hover": f"{label}: {r.title or ''}", "year": int(r.year),
                     "actions": int(r.actions), "targets_with": r.targets_with, "targets": r.targets,
                     "state": "resolved" if r.actions else "gap"})
    ref_goals = referenced_goals(c)
    waiting_unis = set(c.plans[c.plans.strategy_document.isna()].institution)
    for r in ref_goals[ref_goals.institution.isin(waiting_unis) & (ref_goals.state == "no_plan")].itertuples():
        label = f"{r.institution} · {t('cov.level.goal', lang, code=r.goal_no)}"
        rows.append({"row": label, "hover": f"{label}: {t('cov.not_loaded.short', lang)}", "year": int(r.year),
                     "actions": int(r.actions), "targets_with": None, "targets": None, "state": "no_plan"})
    return pd.DataFrame(rows, columns=["row", "hover", "year", "actions", "targets_with", "targets", "state"])


def goal_year_figure(df: pd.DataFrame, lang: str, title: str) -> go.Figure:
    """Goals × years: a cell's number is the yearly actions serving the goal that year; a pale red cell with
    0 is a gap; a goal of a strategic plan that is not loaded is marked with '*'."""
    years = sorted({int(y) for y in df.year})
    order = df.drop_duplicates("row")["row"].tolist()
    wide = df.pivot_table(index="row", columns="year", values="actions", aggfunc="sum", sort=False)
    wide = wide.reindex(index=order, columns=years)
    waiting = set(df[df.state == "no_plan"].row)
    hover = dict(zip(df.row, df.hover, strict=True))
    text = [["" if pd.isna(v) else fmt.num(int(v), lang) + ("*" if row in waiting else "") for v in vals]
            for row, vals in zip(order, wide.values, strict=True)]
    top = max(float(wide.max().max()) if wide.notna().any().any() else 1.0, 1.0)
    fig = go.Figure(go.Heatmap(
        z=wide.values, x=[str(y) for y in years], y=charts.unique([charts.wrap(r, 26, 3) for r in order]),
        text=text, texttemplate="%{text}", textfont={"size": 12},
        customdata=[[charts.plain(hover[row])] * len(years) for row in order],
        colorscale=[[0, GAP_COLOUR], [0.5 / top, GAP_COLOUR], [0.5 / top + 1e-6, LOW_COLOUR], [1, HIGH_COLOUR]],
        zmin=0, zmax=top, showscale=False, xgap=2, ygap=2, hoverongaps=False,
        hovertemplate="%{customdata}<br>%{x}: %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11})
    fig.update_xaxes(type="category", side="top", showgrid=False, tickangle=0 if len(years) <= 6 else -90)
    return charts.style(fig, title, None, None, height=max(300, 46 * len(order) + 150), legend=False, lang=lang)


def _rows_shown(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.assign(state=[t(f"cov.state.{s}", lang) for s in df.state])[
        ["row", "year", "actions", "targets_with", "targets", "state"]]
    out.columns = [t("c.goal", lang), t("c.year", lang), t("cov.c.actions", lang), t("cov.c.targets_with", lang),
                   t("cov.c.targets", lang), t("cov.c.state", lang)]
    return out


def headline(df: pd.DataFrame, lang: str) -> str:
    """The slide title: the goal with most yearly work (in its latest year), and how many goals of a loaded
    strategic plan have none in the latest year that has gaps."""
    best = df.sort_values(["actions", "year"], ascending=[False, False], kind="stable").iloc[0]
    text = t("cov.h.best", lang, item=best.row, n=fmt.num(int(best.actions), lang), year=int(best.year))
    gaps = df[df.state == "gap"]
    if len(gaps):
        year = int(gaps.year.max())
        text += " " + t("cov.h.gaps", lang, n=fmt.num(int((gaps.year == year).sum()), lang), year=year)
    if (df.state == "no_plan").any():
        text += " " + t("cov.h.waiting", lang)
    return text


@views.shared
def coverage_charts(f: Filters) -> list[views.ChartSpec]:
    """The coverage page's chart for slides and workbooks: goals × years."""
    c = read(f)
    df = goal_year_frame(c, f.lang)
    if df.empty:
        return []
    fig = goal_year_figure(df, f.lang, t("cov.chart.title", f.lang))
    return [views.ChartSpec("coverage-goals", "coverage", fig, _rows_shown(df, f.lang), headline(df, f.lang))]


def reference_rows(f: Filters) -> pd.DataFrame:
    """Every reference of the yearly actions in the filters, for the workbook's sheet: the action, the
    reference as written and as read, its state and the strategic item's title (kept where unknown)."""
    c, lang = read(f), f.lang
    df = c.refs.merge(c.actions[["action_key", "plan_label", "seq", "goal_no", "target_no", "action_no", "goal_ref",
                                 "title"]].rename(columns={"goal_no": "a_goal", "target_no": "a_target",
                                                           "action_no": "a_action"}), on="action_key")
    none = orphans(c)
    none = none[none.reason == "none"]
    out = pd.DataFrame({
        t("c.plan", lang): list(df.plan_label) + list(none.plan_label),
        t("c.number", lang): [charts.action_label(i, g, tg, a, r) for i, g, tg, a, r in zip(
            df.institution, df.a_goal, df.a_target, df.a_action, df.goal_ref, strict=True)]
        + [charts.action_label(i, g, tg, a, r) for i, g, tg, a, r in zip(
            none.institution, none.goal_no, none.target_no, none.action_no, none.goal_ref, strict=True)],
        t("c.title", lang): list(df.title) + list(none.title),
        t("cov.c.written", lang): list(df.ref_text) + [None] * len(none),
        t("cov.c.read", lang): [item_label(lv, g, tg, a, lang) if isinstance(lv, str) else None
                                for lv, g, tg, a in zip(df.level, df.goal_no, df.target_no, df.action_no,
                                                        strict=True)] + [None] * len(none),
        t("cov.c.state", lang): [t(f"cov.state.{s}", lang) for s in df.state]
        + [t("cov.reason.none", lang)] * len(none),
        t("cov.c.item", lang): list(df.item_title) + [None] * len(none),
    })
    return out


view = coverage_charts  # the page's charts (app_pages.PageSpec.core: decks and workbooks read them here)
