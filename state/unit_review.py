"""Review of new unit names: an editor merges a name into a known unit (it becomes an alias) or
accepts it as a unit of its own (with an English name and a kind).

Decisions live in the user store (data/user.duckdb), so they survive every rebuild; the build
applies the active ones to the reference before it reads any document, so they hold for every
later import too. A decision is undone by marking it undone (history is kept).
"""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pandas as pd

from parse.reference import Reference, new_unit_name
from state import user_store

KINDS = ("department", "centre", "faculty", "governance", "generic", "students", "external")


def active(path: Path | None = None) -> pd.DataFrame:
    """Decisions in force, oldest first (a later decision on the same name wins)."""
    return user_store.read("SELECT * FROM unit_decisions WHERE undone_at IS NULL ORDER BY decided_at, decision_id",
                           path=path)


def history(path: Path | None = None) -> pd.DataFrame:
    return user_store.read("SELECT * FROM unit_decisions ORDER BY decided_at DESC, decision_id", path=path)


def _record(row: dict, path: Path | None) -> str:
    decision_id = uuid.uuid4().hex[:12]
    now = dt.datetime.now().replace(microsecond=0)
    values = [decision_id, row["name"], row.get("institution"), row["decision"], row.get("unit_name"),
              row.get("name_en"), row.get("kind"), row["who"], now]

    def go(con) -> None:
        # A new decision on the same name replaces the one in force.
        con.execute("UPDATE unit_decisions SET undone_by = ?, undone_at = ? WHERE name = ? AND undone_at IS NULL",
                    [row["who"], now, row["name"]])
        con.execute("INSERT INTO unit_decisions (decision_id, name, institution, decision, unit_name, name_en, kind, "
                    "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)

    user_store.write(go, path)
    return decision_id


def merge(name: str, into: str, who: str, institution: str | None = None, ref: Reference | None = None,
          path: Path | None = None) -> str:
    """The name means the known unit `into`: from now on it is read as that unit."""
    ref = ref or Reference.load()
    if name == into:
        raise ValueError("a name cannot be merged into itself")
    known = {u["canonical_az"] for u in ref.units} | set(active(path).query("decision == 'accept'")["name"])
    if into not in known:
        raise ValueError(f"{into!r} is not a known unit")
    return _record({"name": name, "institution": institution, "decision": "merge", "unit_name": into, "who": who},
                   path)


def accept(name: str, name_en: str, kind: str, who: str, institution: str | None = None,
           path: Path | None = None) -> str:
    """The name is a unit of its own, with an English name and a kind."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, found {kind!r}")
    clean = " ".join((name_en or "").split())
    if not clean or len(clean) > 200:
        raise ValueError("give an English name (1-200 characters)")
    return _record({"name": name, "institution": institution, "decision": "accept", "name_en": clean, "kind": kind,
                    "who": who}, path)


def undo(decision_id: str, who: str, path: Path | None = None) -> bool:
    """Undo one decision in force; False when there is none with that id."""
    now = dt.datetime.now().replace(microsecond=0)

    def go(con) -> bool:
        found = con.execute("SELECT count(*) FROM unit_decisions WHERE decision_id = ? AND undone_at IS NULL",
                            [decision_id]).fetchone()[0]
        con.execute("UPDATE unit_decisions SET undone_by = ?, undone_at = ? "
                    "WHERE decision_id = ? AND undone_at IS NULL", [who, now, decision_id])
        return bool(found)

    return user_store.write(go, path)


def apply(ref: Reference, decisions: pd.DataFrame) -> Reference:
    """The reference with the decisions in force: accepted names become units, merged names aliases."""
    known = {u["canonical_az"] for u in ref.units}
    for d in decisions.itertuples():
        if d.decision == "accept" and d.name not in known:
            name = new_unit_name(d.name) or d.name
            ref.units.append({"canonical_az": name, "name_en": d.name_en, "kind": d.kind, "aliases": ""})
            ref.matcher.add_unit(name)
            known.add(name)
    for d in decisions.itertuples():
        if d.decision == "merge" and d.unit_name in known:
            ref.matcher.add_alias(d.name, d.unit_name)
            for u in ref.units:
                if u["canonical_az"] == d.unit_name:
                    u["aliases"] = "|".join(filter(None, [u["aliases"], d.name]))
    return ref
