"""English titles editors give to actions and goals a university wrote only in Azerbaijani, kept in the user
store (append-only: the newest per item is in force; an empty title withdraws one) and applied to the plan
database when it is built (plandb.build). The write itself is made by access (role, write and audit at once)."""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pandas as pd

from state import user_store

KINDS = ("action", "goal")
MAX_TITLE = 1000
INSERT = "INSERT INTO title_translations VALUES (?, ?, ?, ?, ?, ?, ?)"


def goal_key(document_id: str, goal_no: int) -> str:
    return f"{document_id}|{int(goal_no)}"


def rows(items: list[tuple[str, str, str | None]], institution: str, who: str) -> list[list]:
    """Checked rows for INSERT from (kind, item key, English title or None); ValueError names a bad one."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # to the microsecond: a title and its withdrawal keep order
    out = []
    for kind, key, title in items:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, found {kind!r}")
        text = " ".join(str(title).split()) if title is not None else ""
        if len(text) > MAX_TITLE:
            raise ValueError(f"an English title has at most {MAX_TITLE} characters, found {len(text)} ({key})")
        out.append([uuid.uuid4().hex, institution, kind, str(key), text or None, who, now])
    return out


def in_force(path: Path | None = None) -> pd.DataFrame:
    """The newest English title per item (withdrawn ones left out): kind, item_key, title_en, institution."""
    df = user_store.read("SELECT translation_id, institution, kind, item_key, title_en, decided_at "
                         "FROM title_translations ORDER BY decided_at, translation_id", None, path)
    if df.empty:
        return df
    newest = df.groupby(["kind", "item_key"], as_index=False).tail(1)
    return newest[newest.title_en.notna()].reset_index(drop=True)
