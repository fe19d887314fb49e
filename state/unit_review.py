"""Review of new unit names: an editor merges a name into a known unit (it becomes an alias) or
accepts it as a unit of its own (with an English name and a kind).

Decisions live in the user store (data/user.duckdb), so they survive every rebuild; the build
applies the active ones to the reference before it reads any document, so they hold for every
later import too. A decision is undone by marking it undone (history is kept).

A merge belongs to the university it was made for: "Elmi Şura" may mean one unit at NDU and another at
QKU. The reference every document is first read with carries only merges made for no university in
particular; a document of a university with merges of its own is read again with `for_institution(ref, code)`
(plandb.build). An accepted name becomes a unit of the reference (units are one list of names for all
universities, each with its English name and kind).
"""
from __future__ import annotations

import copy
import datetime as dt
import uuid
from pathlib import Path

import pandas as pd

from parse.reference import REFERENCE_DIR, SCOPED_MERGES, Reference, new_unit_name
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
        # A new decision on the same name for the same university replaces the one in force (not another's).
        con.execute("UPDATE unit_decisions SET undone_by = ?, undone_at = ? WHERE name = ? AND undone_at IS NULL "
                    "AND coalesce(institution, '') = coalesce(?, '')",
                    [row["who"], now, row["name"], row.get("institution")])
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


def _scope(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def apply(ref: Reference, decisions: pd.DataFrame) -> Reference:
    """The reference with the decisions in force: accepted names become units; names merged for no university
    in particular become aliases; merges made for a university wait on the reference (for_institution)."""
    scoped: dict[str, list[tuple[str, str]]] = {}
    for d in decisions.itertuples():
        if d.decision == "merge" and _scope(d.institution):
            scoped.setdefault(d.institution, []).append((d.name, d.unit_name))
    ref.__dict__[SCOPED_MERGES] = scoped
    unscoped = [d != "merge" or _scope(i) is None for d, i in zip(decisions.decision, decisions.institution,
                                                                   strict=True)]
    _apply(ref, decisions.loc[pd.Series(unscoped, index=decisions.index, dtype=bool)])
    return ref


def for_institution(ref: Reference, institution: str) -> Reference:
    """The reference as `institution`'s documents are read: with the merges made for that university (a copy;
    `ref` itself is unchanged). Built once per university and reference."""
    cache = ref.__dict__.setdefault("_by_institution", {})
    if institution not in cache:
        merges = ref.__dict__.get(SCOPED_MERGES, {}).get(institution, [])
        own = copy.copy(ref)
        own.__dict__.pop("_by_institution", None)
        own.units = [dict(u) for u in ref.units]
        own.matcher = copy.deepcopy(ref.matcher)
        own.matcher.__dict__.pop("_index", None)
        _apply(own, pd.DataFrame([{"decision": "merge", "name": n, "unit_name": u, "name_en": None, "kind": None}
                                  for n, u in merges], columns=["decision", "name", "unit_name", "name_en", "kind"]))
        cache[institution] = own
    return cache[institution]


def _apply(ref: Reference, decisions: pd.DataFrame) -> Reference:
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


def load_reference(ref_dir: Path = REFERENCE_DIR, decisions: bool = True) -> Reference:
    """The reference tables, with the unit review decisions recorded in the user store applied."""
    ref = Reference.load(ref_dir)
    return apply(ref, active()) if decisions else ref
