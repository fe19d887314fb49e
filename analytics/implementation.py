"""The implementation report's figures: one period (a calendar year, a reporting round or a whole plan) of
one university or plan, read with the same queries and rules the Progress and Reporting rounds pages use,
so every number in the report is the dashboard's number for the same filters.

Reads only. The Word document is written by reports.annual from what `gather` returns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

import paths
from analytics import execution, filters, reporting
from analytics.db import query
from analytics.pages import cbhe as cbhe_core
from state import rounds as round_store
from state.rounds import Round

STALE_DAYS = 90  # the Progress page's rule: a status older than this is stale
DONE_LIKE = ("done", "cancelled")


class PeriodError(ValueError):
    """A period the data cannot give (a year outside the plans, a close-out of a plan still running)."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    round: Round | None = None   # the reporting round whose updates give the indicators' actual values
    closeout: bool = False       # the whole period of a plan that has ended

    @property
    def years(self) -> tuple[int, int]:
        return self.start.year, self.end.year

    def label(self) -> str:
        y0, y1 = self.years
        return str(y0) if y0 == y1 else f"{y0}–{y1}"


@dataclass
class ReportData:
    f: filters.Filters                  # the filters every query ran with (the period's years)
    period: Period
    today: dt.date
    built_at: str | None                # when the plan database was built
    plans: pd.DataFrame                 # the plans in scope
    institutions: list[str]
    acts: pd.DataFrame                  # one row per action: status, state, units, indicator
    by_goal: pd.DataFrame
    by_vr: pd.DataFrame
    by_unit: pd.DataFrame
    progress_goal: pd.DataFrame         # the Progress page's tables (actions, recorded, done, at risk, % done)
    progress_vr: pd.DataFrame
    progress_unit: pd.DataFrame
    indicators: pd.DataFrame            # actions with an indicator: baseline, expected, actual, computed state
    evidence: pd.DataFrame              # action_key, name, url of the period's evidence
    rankings: pd.DataFrame
    ranking_results: pd.DataFrame
    cbhe: pd.DataFrame
    rounds_in_period: list[Round]
    done_in_rounds: set[str]            # actions whose newest update in a round of the period says done

    def count(self, state: str) -> int:
        return int((self.acts.reported_state == state).sum())

    @property
    def total(self) -> int:
        return len(self.acts)

    @property
    def ended_unrecorded(self) -> int:
        return int(self.acts.ended_unrecorded.sum())


def plans_in_scope(f: filters.Filters) -> pd.DataFrame:
    plans = query("plans")
    if f.plan:
        return plans[plans.document_id == f.plan].reset_index(drop=True)
    if f.uni:
        return plans[plans.institution == f.uni].reset_index(drop=True)
    return plans


def choose_period(f: filters.Filters, year: int | None = None, round_ref: str | None = None,
                  closeout: bool = False, today: dt.date | None = None) -> Period:
    """The report's period: a reporting round, a calendar year, the plan's whole period for a close-out,
    else the filters' years. A plan that has ended, reported over its whole period, is a close-out."""
    today = today or paths.today()
    plans = plans_in_scope(f)
    if plans.empty:
        raise PeriodError("no plan in this scope")
    first, last = int(plans.period_start.min()), int(plans.period_end.max())
    institutions = sorted(plans.institution.dropna().unique())
    if round_ref:
        found = [r for inst in institutions for r in reporting.rounds_of(inst)
                 if round_ref in (r.round_id, r.label)]
        if not found:
            known = [r.label for inst in institutions for r in reporting.rounds_of(inst)]
            raise PeriodError(f"no reporting round {round_ref!r} for {', '.join(institutions)}; rounds: "
                              + (", ".join(known) or "none opened yet"))
        r = found[0]
        return Period(r.period_start, r.period_end, r)
    if closeout:
        if last >= today.year:
            raise PeriodError(f"the plan runs until {last}: a close-out needs a plan that has ended")
        y0, y1 = first, last
    elif year is not None:
        y0 = y1 = year
    else:
        y0 = f.year_from if f.year_from is not None else first
        y1 = f.year_to if f.year_to is not None else last
    if y1 < first or y0 > last:
        raise PeriodError(f"{y0}–{y1} is outside the plans' years ({first}–{last})")
    whole = y0 <= first and y1 >= last
    period = Period(dt.date(y0, 1, 1), dt.date(y1, 12, 31), closeout=whole and last < today.year)
    inside = [r for inst in institutions for r in reporting.rounds_of(inst)
              if period.start <= r.period_end <= period.end] if len(institutions) == 1 else []
    return replace(period, round=inside[0] if inside else None)


def report_filters(f: filters.Filters, period: Period) -> filters.Filters:
    """The filters with the period's years, open at the data's edges as the sidebar leaves them."""
    y0, y1 = filters.open_ends(period.start.year, period.end.year, filters.options().years)
    return replace(f, year_from=y0, year_to=y1)


def status_actions(f: filters.Filters, today: dt.date) -> pd.DataFrame:
    """The Progress page's frame for these filters: every action with its latest recorded status."""
    return query("status_actions", this_year=today.year, today=today, stale_days=STALE_DAYS, **f.params())


def _actions(f: filters.Filters, today: dt.date) -> pd.DataFrame:
    acts = status_actions(f, today)
    more = query("annual_actions", **f.params())
    acts = acts.merge(more, on="action_key", how="left")
    if "ended_unrecorded" not in acts:  # older query text: the same rule as the Progress page's list
        acts["ended_unrecorded"] = (acts.recurrence.isin(["period", "once"]) & (acts.end_year < today.year)
                                    & acts.status.isna())
    acts["reported_state"] = [execution.reported_state(s if isinstance(s, str) else None) for s in acts.status]
    acts["goal_key"] = [f"{d}|{int(g)}" if pd.notna(g) else f"{d}|" for d, g in
                        zip(acts.document_id, acts.goal_no, strict=True)]
    return acts


def _exploded(acts: pd.DataFrame, column: str, name: str, keep_empty: bool) -> pd.DataFrame:
    lists = [list(v) if v is not None and len(v) else ([None] if keep_empty else []) for v in acts[column]]
    out = acts.assign(**{name: lists}).explode(name)
    return out[out[name].notna()] if not keep_empty else out.assign(**{name: out[name].fillna("")})


def _indicators(acts: pd.DataFrame, period: Period, lang: str) -> pd.DataFrame:
    """Actions with an indicator: the target expected by the period's end, the actual value reported in the
    period's round (none without a round) and the computed state; the previous round's actual for the trend."""
    cols = ["action_key", "indicator_name", "unit", "period", "baseline_value", "target_value", "active_from",
            "active_to"]
    ind = acts[acts.indicator_name.notna()][cols + ["institution", "goal_no", "target_no", "action_no", "goal_ref",
                                                      "title", "status"]].copy()
    ind["actual_value"] = None
    ind["previous_value"] = None
    if period.round is not None and not ind.empty:
        r = period.round
        got = reporting.round_actions(r, lang)[["action_key", "actual_value"]]
        ind = ind.drop(columns="actual_value").merge(got, on="action_key", how="left")
        earlier = [x for x in reporting.rounds_of(r.institution) if x.period_end < r.period_start]
        if earlier:
            prev = round_store.latest([earlier[0].round_id])
            if not prev.empty:
                ind = ind.drop(columns="previous_value").merge(
                    prev[["action_key", "actual_value"]].rename(columns={"actual_value": "previous_value"}),
                    on="action_key", how="left")
    on_track, behind = round_store.thresholds(period.round.institution if period.round else None)
    if ind.empty:
        return ind.assign(expected=[], share=[], computed_state=[], reported_state=[], mismatch=[])
    ind["actual_value"] = pd.to_numeric(ind.actual_value, errors="coerce")
    ind["previous_value"] = pd.to_numeric(ind.previous_value, errors="coerce")
    return execution.assess(ind, period.end, on_track, behind)


def _evidence(acts: pd.DataFrame, in_period: list[Round]) -> pd.DataFrame:
    """Evidence of the period: files and links units gave in the period's rounds, and links recorded with a
    status."""
    rows = []
    ups = round_store.updates([r.round_id for r in in_period], acts.action_key.tolist()) if in_period else None
    if ups is not None and not ups.empty:
        for u in ups.itertuples():
            if isinstance(u.evidence_name, str) and u.evidence_name:
                rows.append((u.action_key, u.evidence_name, None))
            if isinstance(u.evidence_url, str) and u.evidence_url:
                rows.append((u.action_key, None, u.evidence_url))
    for a in acts.itertuples():
        if isinstance(a.evidence_url, str) and a.evidence_url:
            rows.append((a.action_key, None, a.evidence_url))
    return pd.DataFrame(rows, columns=["action_key", "name", "url"]).drop_duplicates().reset_index(drop=True)


def gather(f: filters.Filters, period: Period, today: dt.date | None = None) -> ReportData:
    """Everything the report shows, for the filters over the period."""
    from analytics.pages import rankings as ranking_views

    today = today or paths.today()
    rf = report_filters(f, period)
    acts = _actions(rf, today)
    p = rf.params()
    plans = plans_in_scope(rf)
    institutions = sorted(plans.institution.dropna().unique())
    targets = query("ranking_targets", **p)
    inst = ranking_views.scope_of(rf)
    cbhe = cbhe_core.cbhe_frames(rf)[0] if rf.uni else pd.DataFrame()
    meta = query("build_info")
    built = meta[meta.key == "built_at"].value
    in_period = [r for i in institutions for r in reporting.rounds_of(i)
                 if r.period_end >= period.start and r.period_start <= period.end]
    return ReportData(
        f=rf, period=period, today=today, built_at=str(built.iloc[0]) if len(built) else None, plans=plans,
        institutions=institutions, acts=acts,
        by_goal=execution.roll_up(acts, "goal_key"),
        by_vr=execution.roll_up(_exploded(acts, "vice_rectors", "vr", True), "vr"),
        by_unit=execution.roll_up(_exploded(acts, "lead_units", "unit", False), "unit"),
        progress_goal=query("status_by_goal", **p), progress_vr=query("status_by_vr", **p),
        progress_unit=query("status_by_unit", **p),
        indicators=_indicators(acts, period, rf.lang), evidence=_evidence(acts, in_period),
        rankings=targets, ranking_results=ranking_views.results_of(inst) if inst else pd.DataFrame(),
        cbhe=cbhe, rounds_in_period=in_period, done_in_rounds=_done_in_rounds(in_period))


def _done_in_rounds(in_period: list[Round]) -> set[str]:
    """Reported done in a round of the period (the report comes after the period ends: its date is later)."""
    if not in_period:
        return set()
    latest = round_store.latest([r.round_id for r in in_period])
    return set(latest[latest.status == "done"].action_key) if not latest.empty else set()


def unfinished(acts: pd.DataFrame) -> pd.DataFrame:
    """Actions not done (nor cancelled): what a close-out lists and what carries into the next plan."""
    return acts[~acts.status.isin(DONE_LIKE)].reset_index(drop=True)
