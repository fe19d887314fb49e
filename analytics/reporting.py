"""The reporting year as pages and packs read it: which rounds are open for a person, the actions a unit
reports on, the round's reporting progress per unit and vice-rector portfolio, and the computed states.
Reads only: every write is a function of access."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import execution
from analytics.db import query
from state import rounds as store
from state.rounds import Round


def rounds_of(institution: str | None) -> list[Round]:
    """Every round of a university (all universities for None), newest period first."""
    return store.rounds(institution)


def open_rounds(institutions: list[str] | None) -> list[Round]:
    """The open rounds of these universities (every university for None)."""
    every = store.rounds(None)
    return [r for r in every if not r.closed and (institutions is None or r.institution in institutions)]


def round_actions(r: Round, lang: str, unit: str | None = None) -> pd.DataFrame:
    """The actions active in the round's period (those one unit leads, when given), with the newest update
    of each in this round, the computed state and the flag where reported and computed disagree."""
    acts = query("round_actions", institution=r.institution, y0=r.period_start.year, y1=r.period_end.year,
                 lang=lang)
    if unit is not None:
        acts = acts[[unit in list(u) for u in acts.lead_units]]
    latest = store.latest([r.round_id])
    cols = ["action_key", "status", "progress_pct", "actual_value", "comment", "evidence_url", "evidence_name",
            "evidence_sha256", "late", "recorded_by", "recorded_at"]
    latest = latest[cols] if not latest.empty else pd.DataFrame(columns=cols)
    merged = acts.merge(latest, on="action_key", how="left")
    on_track, behind = store.thresholds(r.institution)
    return execution.assess(merged, r.period_end, on_track, behind).reset_index(drop=True)


def reporting_progress(assessed: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per unit (by='unit') or vice-rector portfolio (by='vice_rector'): actions due, reported, not reported.
    A joint action counts once for each unit that leads it (the table says so)."""
    col = {"unit": "lead_units", "vice_rector": "vice_rectors"}[by]
    rows = assessed.assign(key=[list(v) if len(v) else [None] for v in assessed[col]]).explode("key")
    rows = rows.assign(reported=rows.recorded_at.notna())
    out = rows.groupby("key", dropna=False).agg(due=("action_key", "size"), reported=("reported", "sum")).reset_index()
    out["missing"] = out.due - out.reported
    return out.sort_values(["missing", "due"], ascending=[False, False]).reset_index(drop=True)


def reminder(assessed: pd.DataFrame, unit_names: dict[str, str], lang_line: str) -> str:
    """Plain text to paste into a message: the units that have not reported yet and how many actions each."""
    prog = reporting_progress(assessed, "unit")
    missing = prog[(prog.missing > 0) & prog.key.notna()]
    lines = [lang_line]
    lines += [f"- {unit_names.get(k, k)}: {int(n)}" for k, n in zip(missing.key, missing.missing, strict=True)]
    return "\n".join(lines)


def thresholds(institution: str) -> tuple[float, float]:
    """The university's (on track, behind) shares of the expected value; the defaults where none are set."""
    return store.thresholds(institution)


def days_left(r: Round, today: dt.date) -> int:
    return (r.due_date - today).days


def round_progress(f_uni: str | None, lang: str) -> tuple[Round, pd.DataFrame, pd.DataFrame] | None:
    """The round a pack speaks of for a university (its open round, else its newest), its actions and the
    reporting progress per lead unit; None without a university or a round."""
    if not f_uni:
        return None
    every = store.rounds(f_uni)
    if not every:
        return None
    r = next((x for x in every if not x.closed), every[0])
    acts = round_actions(r, lang)
    return r, acts, reporting_progress(acts, "unit")
