"""Reporting rounds, the updates units report in them (append-only) and their evidence files, kept in the
user store (the embedded DuckDB file or PostgreSQL). Reads and the SQL of the writes; the writes themselves
are made by access (the one write door), which checks the role and audits in the same transaction."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from state import user_store

INSERT_ROUND = "INSERT INTO reporting_rounds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
CLOSE_ROUND = "UPDATE reporting_rounds SET closed_by = ?, closed_at = ? WHERE round_id = ? AND closed_at IS NULL"
INSERT_UPDATE = "INSERT INTO round_updates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
INSERT_EVIDENCE = ("INSERT INTO evidence_files VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING")
UPSERT_THRESHOLDS = ("INSERT INTO state_thresholds VALUES (?, ?, ?, ?, ?) ON CONFLICT (institution) DO UPDATE SET "
                     "on_track = excluded.on_track, behind = excluded.behind, set_by = excluded.set_by, "
                     "set_at = excluded.set_at")
DEFAULT_ON_TRACK, DEFAULT_BEHIND = 0.95, 0.85


@dataclass(frozen=True)
class Round:
    round_id: str
    institution: str
    label: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    grace_days: int
    closed: bool

    def late_on(self, day: dt.date) -> bool:
        """After the due date plus the grace days: a unit's entry then needs the office."""
        return day > self.due_date + dt.timedelta(days=self.grace_days)


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> dt.datetime:
    """An aware UTC timestamp, stored without its zone (every server writes UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)  # to the microsecond: two reports in one second keep order


def _date(v) -> dt.date:
    return v.date() if isinstance(v, dt.datetime | pd.Timestamp) else v


def rounds(institution: str | None = None, path: Path | None = None) -> list[Round]:
    """Every round (of one university), newest period first."""
    df = user_store.read("SELECT round_id, institution, label, period_start, period_end, due_date, grace_days, "
                         "closed_at IS NOT NULL AS closed FROM reporting_rounds "
                         "WHERE ?::VARCHAR IS NULL OR institution = ? ORDER BY period_end DESC, opened_at DESC",
                         [institution, institution], path)
    return [Round(r.round_id, r.institution, r.label, _date(r.period_start), _date(r.period_end), _date(r.due_date),
                  int(r.grace_days), bool(r.closed)) for r in df.itertuples()]


def get(round_id: str, path: Path | None = None) -> Round | None:
    return next((r for r in rounds(None, path) if r.round_id == round_id), None)


def updates(round_ids: list[str] | None = None, action_keys: list[str] | None = None,
            path: Path | None = None) -> pd.DataFrame:
    """Every update (the whole history, oldest first) of some rounds and/or actions."""
    df = user_store.read("SELECT update_id, round_id, action_key, status, progress_pct, actual_value, comment, "
                         "evidence_url, evidence_sha256, evidence_name, late, recorded_by, recorded_at "
                         "FROM round_updates ORDER BY recorded_at, update_id", None, path)
    if round_ids is not None:
        df = df[df.round_id.isin(round_ids)]
    if action_keys is not None:
        df = df[df.action_key.isin(action_keys)]
    return df.reset_index(drop=True)


def latest(round_ids: list[str], path: Path | None = None) -> pd.DataFrame:
    """The newest update of every action in each round (one row per round and action)."""
    df = updates(round_ids, None, path)
    if df.empty:
        return df
    return df.sort_values(["recorded_at", "update_id"]).groupby(["round_id", "action_key"], as_index=False).tail(1) \
        .reset_index(drop=True)


def evidence_file(sha256: str, path: Path | None = None) -> tuple[str, str, bytes, str] | None:
    """(file name, media type, bytes, university) of a stored evidence file, or None."""
    df = user_store.read("SELECT file_name, media_type, content, institution FROM evidence_files WHERE sha256 = ?",
                         [sha256], path)
    if df.empty:
        return None
    r = df.iloc[0]
    return str(r.file_name), str(r.media_type), bytes(r.content), str(r.institution)


def thresholds(institution: str | None, path: Path | None = None) -> tuple[float, float]:
    """(on track, behind) as shares of the expected value: the university's own, else 0.95 and 0.85."""
    if institution:
        df = user_store.read("SELECT on_track, behind FROM state_thresholds WHERE institution = ?", [institution],
                             path)
        if not df.empty:
            return float(df.on_track.iloc[0]), float(df.behind.iloc[0])
    return DEFAULT_ON_TRACK, DEFAULT_BEHIND
