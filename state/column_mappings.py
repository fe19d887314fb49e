"""Column roles an editor chose for a PDF, Word or Excel plan, remembered in the user store.

A mapping (header key -> role, see loaders/column_roles.mapping_key) is kept for the very file it was
chosen for (so every rebuild reads that file the same way) and for its university (so the next
document of that university, with the same headers, is read the same way without asking again).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from state import user_store


def save(sha256: str, institution: str, mapping: dict[str, str], who: str, path: Path | None = None) -> None:
    row = [sha256, institution, json.dumps(mapping, ensure_ascii=False, sort_keys=True), who,
           dt.datetime.now().replace(microsecond=0)]
    user_store.write(lambda con: con.execute("INSERT INTO column_mappings VALUES (?, ?, ?, ?, ?)", row), path)


def forget(sha256: str, path: Path | None = None) -> None:
    """Drop the mappings chosen for a file (its import was rolled back)."""
    user_store.write(lambda con: con.execute("DELETE FROM column_mappings WHERE sha256 = ?", [sha256]), path)


def for_file(sha256: str, path: Path | None = None) -> dict[str, str] | None:
    df = user_store.read("SELECT mapping FROM column_mappings WHERE sha256 = ? ORDER BY chosen_at DESC LIMIT 1",
                         [sha256], path)
    return json.loads(df.mapping.iloc[0]) if len(df) else None


def for_university(institution: str, path: Path | None = None) -> dict[str, str] | None:
    df = user_store.read("SELECT mapping FROM column_mappings WHERE institution = ? "
                         "ORDER BY chosen_at DESC LIMIT 1", [institution], path)
    return json.loads(df.mapping.iloc[0]) if len(df) else None
