"""What was recorded about one action over time: every status (Progress page, template import) and every
round update, oldest first. Read-only; writes go through access."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from state import rounds, user_store


def status_history(action_key: str, path: Path | None = None) -> pd.DataFrame:
    """Every recorded status of the action (append-only), oldest first."""
    return user_store.read(
        "SELECT as_of, status, progress_pct, comment, evidence_url, recorded_by, recorded_at, import_id "
        "FROM action_status WHERE action_key = ? ORDER BY recorded_at, as_of", [action_key], path)


def round_history(action_key: str, path: Path | None = None) -> pd.DataFrame:
    """Every report on the action in reporting rounds, oldest first, with the round's label and university."""
    updates = rounds.updates(None, [action_key], path)
    if updates.empty:
        return updates.assign(round_label=pd.Series(dtype=object), closed=pd.Series(dtype=bool))
    by_id = {r.round_id: r for r in rounds.rounds(None, path)}
    return updates.assign(round_label=[by_id[i].label if i in by_id else None for i in updates.round_id],
                          closed=[bool(by_id[i].closed) if i in by_id else False for i in updates.round_id])
