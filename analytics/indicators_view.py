"""Indicators as the Progress page, the deck and the workbook show them: each action's indicator, baseline and
target as the plan gives them, and per reporting round the value reported, the value expected by the round's
end and the state computed from them (analytics.execution). Reads only."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, execution, indicator_text, labels
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from state import rounds as store

COLUMNS = ["action_key", "institution", "goal_no", "number", "title", "indicator", "baseline", "target", "round",
           "expected", "actual", "computed_state", "reported_status"]
MULTIPLES = 9  # indicators drawn side by side for a chosen goal at most


def _rounds_for(institutions: list[str]) -> list[store.Round]:
    """The rounds of these universities, oldest period first."""
    every = [r for r in store.rounds(None) if r.institution in institutions]
    return sorted(every, key=lambda r: (r.period_end, r.period_start, r.label))


def assessed(f: Filters) -> pd.DataFrame:
    """One row per indicator and round (one row without a round when the university has none yet)."""
    inds = query("indicators_in_scope", **f.params())
    if inds.empty:
        return pd.DataFrame(columns=COLUMNS)
    base = inds.assign(
        number=[charts.action_label(i, g, tg, a, r) for i, g, tg, a, r in zip(
            inds.institution, inds.goal_no, inds.target_no, inds.action_no, inds.goal_ref, strict=True)],
        target=[indicator_text.target(v, u, p, c, f.lang) for v, u, p, c in zip(
            inds.target_value, inds.unit, inds.period, inds.comparator, strict=True)],
        # the indicator and baseline as the plan wrote them: in English marked as kept in Azerbaijani
        indicator_name=[labels.shown_title(x, None, f.lang) for x in inds.indicator_name],
        baseline=[labels.shown_title(x, None, f.lang) if isinstance(x, str) and x.strip() else x
                  for x in inds.baseline])
    parts = []
    for r in _rounds_for(sorted(set(inds.institution))):
        mine = base[base.institution == r.institution]
        latest = store.latest([r.round_id])
        cols = ["action_key", "status", "actual_value"]
        latest = latest[cols] if not latest.empty else pd.DataFrame(columns=cols)
        on_track, behind = store.thresholds(r.institution)
        done = execution.assess(mine.merge(latest, on="action_key", how="left"), r.period_end, on_track, behind)
        parts.append(done.assign(round=f"{r.institution} · {r.label}"))
    covered = {k for p in parts for k in p.action_key}
    without = base[~base.action_key.isin(covered)].assign(round=None, status=None, actual_value=None, expected=None,
                                                          computed_state="not_assessed")
    out = pd.concat([*parts, without], ignore_index=True) if parts else without
    return out.rename(columns={"indicator_name": "indicator", "actual_value": "actual",
                               "status": "reported_status"}).reindex(columns=COLUMNS)


def table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as people read them: numbers as the page writes them, states in words, missing said."""
    missing = t("c.missing", lang)

    def num(v: object) -> str:
        return indicator_text.number(v, lang) or missing

    out = pd.DataFrame({
        t("c.number", lang): df.number,
        t("up.indicator", lang): df.indicator,
        t("up.baseline", lang): [b if isinstance(b, str) and b.strip() else missing for b in df.baseline],
        t("up.target", lang): [x if isinstance(x, str) else t("up.no_target", lang) for x in df.target],
        t("ind.round", lang): [x if isinstance(x, str) else t("ind.no_round", lang) for x in df["round"]],
        t("ind.expected", lang): [num(v) for v in df.expected],
        t("act.actual", lang): [num(v) for v in df.actual],
        t("ind.computed", lang): [t(f"state.{s}", lang) for s in df.computed_state],
        t("c.status", lang): [t(f"st.{s}", lang) if isinstance(s, str) else t("st.none", lang)
                              for s in df.reported_status],
    })
    return out


def chart(df: pd.DataFrame, lang: str) -> go.Figure | None:
    """Expected and actual values per indicator in the latest round that has any actual: None without one."""
    measured = df[df.actual.notna() & df.expected.notna()]
    if measured.empty:
        return None
    last = measured["round"].iloc[-1]
    part = measured[measured["round"] == last]
    labels = [f"{n} · {charts.plain(str(i)[:40])}" for n, i in zip(part.number, part.indicator, strict=True)]
    fig = go.Figure()
    fig.add_bar(y=labels, x=part.expected, orientation="h", name=t("ind.expected", lang), marker_color="#9BC8E8")
    fig.add_bar(y=labels, x=part.actual, orientation="h", name=t("act.actual", lang), marker_color="#0072B2")
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    return charts.style(fig, t("ind.chart", lang, round=last), t("ind.value", lang), None,
                        height=max(300, 60 * len(part) + 160), lang=lang)


def per_goal(df: pd.DataFrame, lang: str) -> list[tuple[str, go.Figure, pd.DataFrame]]:
    """The latest measured round's chart per goal (a deck slide each): (goal label, figure, its rows)."""
    measured = df[df.actual.notna() & df.expected.notna()]
    out = []
    for (inst, goal), part in measured.groupby(["institution", "goal_no"], sort=True, dropna=False):
        label = f"{inst} · {t('c.goal_n', lang, n=int(goal))}" if not pd.isna(goal) else str(inst)
        fig = chart(part, lang)
        if fig is not None:
            fig.update_layout(title_text=f"{fig.layout.title.text} · {charts.plain(label)}")
            out.append((label, fig, table(part, lang)))
    return out


def small_multiples(df: pd.DataFrame, lang: str) -> go.Figure | None:
    """For a chosen goal: one small chart per indicator with a number to reach, actual (bars) and expected
    (diamonds) per round, in round order; None without two rounds' or any actual values."""
    from plotly.subplots import make_subplots

    numeric = df[df.expected.notna()]
    keys = list(dict.fromkeys(numeric.action_key))[:MULTIPLES]
    if not keys or numeric.actual.isna().all():
        return None
    names = {k: f"{n} · {str(i)[:30]}" for k, n, i in zip(numeric.action_key, numeric.number, numeric.indicator,
                                                          strict=True)}
    fig = make_subplots(rows=len(keys), cols=1, subplot_titles=[charts.plain(names[k]) for k in keys],
                        vertical_spacing=min(0.12, 0.5 / len(keys)))
    for i, key in enumerate(keys, start=1):
        part = numeric[numeric.action_key == key]
        fig.add_bar(x=part["round"], y=part.actual, name=t("act.actual", lang), marker_color="#0072B2",
                    showlegend=i == 1, row=i, col=1)
        fig.add_scatter(x=part["round"], y=part.expected, name=t("ind.expected", lang), mode="markers",
                        marker={"symbol": "diamond", "size": 12, "color": "#D55E00"}, showlegend=i == 1, row=i, col=1)
    return charts.style(fig, t("ind.multiples", lang), None, t("ind.value", lang), height=max(320, 230 * len(keys)),
                        lang=lang)


def headline(df: pd.DataFrame, lang: str) -> str:
    """'14 indicators, 1 with a number to reach; in NDU · 2025, year: 1 on track, 0 behind, 1 at risk'."""
    n = df.action_key.nunique()
    numeric = df.drop_duplicates("action_key").target.notna().sum()
    rounds_ = df["round"].dropna()
    if rounds_.empty:
        return t("ind.lead.no_round", lang, n=n, k=int(numeric))
    last = df[df["round"] == rounds_.iloc[-1]]
    counts = last.computed_state.value_counts()
    return t("ind.lead", lang, n=n, k=int(numeric), round=rounds_.iloc[-1], on_track=int(counts.get("on_track", 0)),
             behind=int(counts.get("behind", 0)), at_risk=int(counts.get("at_risk", 0)))
