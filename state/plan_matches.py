"""Plan to plan: the decisions editors make on the automatic matching of two consecutive plans' actions (confirm
a match, break it, or withdraw a decision), kept in the user store (the embedded DuckDB file or PostgreSQL,
state/migrations/0007_plan_matches.sql). Append-only: the newest decision per pair is the one in force.
Reads and the SQL of the write; the write itself is made by access (the one write door), which checks the role
and audits in the same transaction."""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pandas as pd

from state import user_store

DECISIONS = ("confirm", "break", "clear")
INSERT = "INSERT INTO plan_match_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
COLUMNS = ["decision_id", "institution", "old_document", "new_document", "old_key", "new_key", "decision",
           "decided_by", "decided_at"]


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> dt.datetime:
    """An aware UTC timestamp, stored without its zone (every server writes UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def history(old_document: str, new_document: str, path: Path | None = None) -> pd.DataFrame:
    """Every decision on the matching of these two plans, oldest first."""
    return user_store.read("SELECT " + ", ".join(COLUMNS) + " FROM plan_match_decisions "
                           "WHERE old_document = ? AND new_document = ? ORDER BY decided_at, decision_id",
                           [old_document, new_document], path)


def in_force(old_document: str, new_document: str, path: Path | None = None) -> pd.DataFrame:
    """The decision in force per pair of actions (the newest; a withdrawn one ('clear') is left out)."""
    df = history(old_document, new_document, path)
    if df.empty:
        return df
    newest = df.groupby(["old_key", "new_key"], as_index=False, sort=False).tail(1)
    return newest[newest.decision != "clear"].reset_index(drop=True)
