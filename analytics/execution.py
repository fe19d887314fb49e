"""The execution loop's rules: what an indicator should show by the end of a round, the state that follows
from the actual value (beside the state people report), and the roll-ups that count states.

Rules (Cascade's expected-progress health, the thresholds per university):
- a target per year (period 'year') is expected in full by the end of each year, prorated by the months of
  that year the round has covered; a target over the whole action is spread evenly over the action's active
  years; a percentage is a level, expected in full;
- actual / expected ≥ on_track (default 0.95): on track; ≥ behind (0.85): behind; below: at risk;
- no target or no actual: "not assessed", a state of its own that is never averaged in.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

STATES = ("done", "on_track", "behind", "at_risk", "not_assessed")
MISMATCH_SHARE = 0.85  # reported done while the indicator is below this share of the expected value


@dataclass(frozen=True)
class Computed:
    expected: float | None
    share: float | None      # actual / expected
    state: str               # on_track, behind, at_risk or not_assessed


def expected_value(target: float | None, unit: str | None, period: str | None, active_from: int, active_to: int,
                   round_end: dt.date) -> float | None:
    """The indicator value expected by `round_end`; None without a target (never 0)."""
    if target is None or (isinstance(target, float) and target != target):
        return None
    if unit == "percent":
        return float(target)
    months = round_end.month / 12
    if period == "year":
        return float(target) * months
    years = max(1, int(active_to) - int(active_from) + 1)
    elapsed = min(max((round_end.year - int(active_from)) + months, 0.0), float(years))
    return float(target) * elapsed / years


def computed_state(actual: float | None, expected: float | None, on_track: float = 0.95,
                   behind: float = 0.85) -> Computed:
    """The state that follows from actual against expected."""
    if actual is None or expected is None or (isinstance(actual, float) and actual != actual):
        return Computed(expected, None, "not_assessed")
    if expected <= 0:
        return Computed(expected, None, "on_track")
    share = float(actual) / expected
    state = "on_track" if share >= on_track else "behind" if share >= behind else "at_risk"
    return Computed(expected, share, state)


def reported_state(status: str | None) -> str:
    """The reported status in the roll-up's terms: done, on track, at risk ... or not assessed."""
    return {"done": "done", "in_progress": "on_track", "not_started": "behind", "at_risk": "at_risk"}.get(
        status or "", "not_assessed")


def mismatch(status: str | None, share: float | None) -> bool:
    """Reported done while the indicator is well below what was expected."""
    return status == "done" and share is not None and share < MISMATCH_SHARE


def assess(frame: pd.DataFrame, round_end: dt.date, on_track: float, behind: float) -> pd.DataFrame:
    """Add expected, share, computed_state, reported_state and mismatch to a frame with target_value, unit,
    period, active_from, active_to, status and actual_value (one row per action)."""
    out = frame.copy()
    rows = []
    for r in out.itertuples():
        exp = expected_value(_f(r.target_value), r.unit if isinstance(r.unit, str) else None,
                             r.period if isinstance(r.period, str) else None, r.active_from, r.active_to, round_end)
        c = computed_state(_f(r.actual_value), exp, on_track, behind)
        status = r.status if isinstance(r.status, str) else None
        rows.append((c.expected, c.share, c.state, reported_state(status), mismatch(status, c.share)))
    cols = ["expected", "share", "computed_state", "reported_state", "mismatch"]
    extra = pd.DataFrame(rows, columns=cols, index=out.index) if rows else pd.DataFrame(columns=cols)
    return pd.concat([out, extra], axis=1)


def roll_up(assessed: pd.DataFrame, by: str, state_column: str = "reported_state") -> pd.DataFrame:
    """Counts of each state per `by` (goal, unit, vice-rector ...): never an average."""
    if assessed.empty:
        return pd.DataFrame(columns=[by, *STATES])
    counts = assessed.groupby([by, state_column]).size().unstack(fill_value=0)
    for s in STATES:
        if s not in counts:
            counts[s] = 0
    return counts[list(STATES)].reset_index()


def _f(v) -> float | None:
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return None
    return float(v)
