"""Importing a document into a running installation: preview, apply in one step, undo the last.

Imported files are kept in data/imported (STRATEGY_IMPORTS); the build reads them after the
bundled documents, so an imported plan replaces the plan with the same university and period.
Applying copies the file there and rebuilds the database atomically; a failed rebuild puts every
file back and leaves the database as it was. Each import keeps a snapshot (the files it moved
aside) so that the last import can be undone.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from loaders import ranking_results, user_store
from loaders.build import (
    RAW_DIR,
    build,
    db_path,
    imported_files,
    imports_dir,
    load_reference,
    parse_sources,
    source_files,
)
from loaders.documents import SourceText, read_source
from loaders.errors import LoadError
from loaders.reference import Reference
from loaders.user_store import STATUSES


@dataclass
class PlanChange:
    document_id: str
    identity: tuple[str, int, int]
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_units: list[str] = field(default_factory=list)
    new_university: str | None = None  # the name of a university this import adds

    @property
    def any(self) -> bool:
        return bool(self.new or self.changed or self.removed)


@dataclass
class Preview:
    file: str
    kind: str
    sha256: str
    plans: list[PlanChange] = field(default_factory=list)
    statuses_new: list[dict] = field(default_factory=list)
    statuses_same: int = 0
    rankings_new: list[dict] = field(default_factory=list)
    rankings_same: int = 0
    other: str | None = None  # a CBHE compendium or a syllabus: what it holds
    warnings: list[str] = field(default_factory=list)
    already_imported: bool = False

    @property
    def has_changes(self) -> bool:
        return not self.already_imported and (any(p.any for p in self.plans) or bool(self.statuses_new)
                                              or bool(self.rankings_new)
                                              or (self.other is not None and not self.plans))

    def lines(self) -> list[str]:
        out = [f"{self.file}: {self.kind}"]
        if self.already_imported:
            out.append("this very file is already imported: nothing to do")
        for p in self.plans:
            period = str(p.identity[1]) if p.identity[1] == p.identity[2] else f"{p.identity[1]}-{p.identity[2]}"
            out.append(f"plan {p.document_id} ({p.identity[0]} {period}): {len(p.new)} new, "
                       f"{len(p.changed)} changed, {len(p.removed)} removed, {p.unchanged} unchanged actions")
            if p.new_university:
                out.append(f"  new university {p.identity[0]} ({p.new_university}) will be added")
            if p.new_units:
                out.append(f"  {len(p.new_units)} new unit(s) will be added, marked not reviewed: "
                           + ", ".join(p.new_units[:20]) + (" …" if len(p.new_units) > 20 else ""))
            out += [f"  + {k}" for k in p.new[:20]] + [f"  ~ {k}" for k in p.changed[:20]]
            out += [f"  - {k}" for k in p.removed[:20]]
        if self.statuses_new or self.statuses_same:
            out.append(f"status rows: {len(self.statuses_new)} new, {self.statuses_same} already recorded")
        if self.rankings_new or self.rankings_same:
            out.append(f"ranking results: {len(self.rankings_new)} new, {self.rankings_same} already recorded")
        if self.other:
            out.append(self.other)
        out += [f"warning: {w}" for w in self.warnings]
        if not self.has_changes:
            out.append("no changes")
        return out


@dataclass
class Result:
    import_id: str | None
    preview: Preview
    applied: bool


def snapshots_dir() -> Path:
    return imports_dir().parent / "snapshots"


@contextmanager
def _lock():
    """One import or undo at a time, across processes (the app and the command line)."""
    path = imports_dir().parent / ".import.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows from the plan database on a short read-only connection; no database reads as no rows."""
    if not db.exists():
        return []
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _current(db: Path, identity: tuple[str, int, int]) -> dict[str, tuple]:
    rows = _rows(db, """
        SELECT a.action_key, a.goal_no, a.target_no, a.action_no, a.title, a.deadline_raw, l.lead_units,
               l.partner_units, l.vice_rectors
        FROM actions a JOIN documents d USING (document_id) JOIN action_lists l USING (action_key)
        WHERE d.institution = ? AND d.period_start = ? AND d.period_end = ?""", list(identity))
    return {r[0]: tuple(tuple(x) if isinstance(x, list) else x for x in r[1:]) for r in rows}


def _known_hashes(db: Path) -> set[str]:
    return {r[0] for r in _rows(db, "SELECT sha256 FROM documents")}


def preview(path: Path, db: Path | None = None, ref: Reference | None = None) -> Preview:
    """What importing `path` would add or change. Raises LoadError for a file that cannot be read."""
    db = Path(db or db_path())
    ref = ref or load_reference()
    src: SourceText = read_source(Path(path))
    vocab_texts = [p.read_text(encoding="utf-8") for p in source_files(RAW_DIR) if p.suffix == ".txt"]
    parsed = parse_sources([src], ref, vocab_texts)
    pv = Preview(file=Path(path).name, kind=src.kind, sha256=src.sha256)
    pv.already_imported = src.sha256 in _known_hashes(db)
    pv.warnings = [f"{w.where}: {w.message}" + (f" (perhaps: {', '.join(w.candidates)})" if w.candidates
                                                 else "") for w in parsed.warnings]
    known_units = {u["canonical_az"] for u in ref.units} | {r[0] for r in _rows(db, "SELECT unit_name FROM units")}
    known_unis = {i["code"] for i in ref.institutions} | {r[0] for r in _rows(db, "SELECT code FROM institutions")}
    for _src, plan in parsed.plans:
        current = _current(db, plan.identity)
        change = PlanChange(plan.document_id or Path(path).stem, plan.identity)
        keys = set()
        for a in plan.actions:
            key = plan.action_key(a)
            keys.add(key)
            new = (a.goal_no, a.target_no, a.action_no, a.title, a.deadline.raw, tuple(a.lead_units),
                   tuple(a.partner_units), tuple(a.vice_rectors))
            if key not in current:
                change.new.append(key)
            elif current[key] != new:
                change.changed.append(key)
            else:
                change.unchanged += 1
        change.removed = sorted(set(current) - keys)
        change.new_units = sorted({u for a in plan.actions for u in a.lead_units + a.partner_units} - known_units)
        if plan.institution not in known_unis:
            change.new_university = plan.institution_name or plan.institution
        pv.plans.append(change)
    if parsed.compendia:
        pv.other = f"CBHE compendium: {len(parsed.compendia[0][1].projects)} projects"
    if parsed.syllabi:
        pv.other = f"syllabus: {parsed.syllabi[0][1].title}"
    if parsed.ranking_results:
        recorded = {ranking_results.row_key(r) for r in user_store.ranking_results().to_dict("records")}
        for r in parsed.ranking_results:
            if ranking_results.row_key(r) in recorded:
                pv.rankings_same += 1
            else:
                pv.rankings_new.append(r)
    statuses = [s for _src, rows in parsed.statuses for s in rows]
    if statuses:
        known_keys = {plan.action_key(a) for _s, plan in parsed.plans for a in plan.actions} | _all_keys(db)
        existing = user_store.read("SELECT action_key, as_of, status, progress_pct, comment, evidence_url "
                                   "FROM action_status")
        seen = {_status_row(*row) for row in existing.itertuples(index=False)}
        for s in statuses:
            where = f"sheet 'status', row {s['row']}"
            if s["status"] not in STATUSES:
                raise LoadError(str(path), f"{where}, column status", "one of " + ", ".join(STATUSES), s["status"])
            if s["action_key"] not in known_keys:
                raise LoadError(str(path), f"{where}, column action_key", "the key of an action in a plan",
                                s["action_key"])
            pct = s["progress_pct"]
            if pct is not None and not 0 <= pct <= 100:
                raise LoadError(str(path), f"{where}, column progress_pct", "a number 0-100", str(pct))
            as_of = s["as_of"] or dt.date.today()
            row = _status_row(s["action_key"], as_of, s["status"], pct, s["comment"], s["evidence_url"])
            if row in seen:
                pv.statuses_same += 1
            else:
                seen.add(row)
                pv.statuses_new.append({**s, "as_of": as_of})
    return pv


def _status_row(key, as_of, status, pct, comment, url) -> tuple:
    """A status row in one comparable shape (dates as dates, numbers as floats, unknown as None)."""
    def clean(v):
        return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v

    as_of = pd.Timestamp(as_of).date() if clean(as_of) is not None else None
    pct = float(pct) if clean(pct) is not None else None
    return (key, as_of, status, pct, clean(comment), clean(url))


def _all_keys(db: Path) -> set[str]:
    return {r[0] for r in _rows(db, "SELECT action_key FROM actions")}


def _identities(path: Path, ref: Reference) -> set[tuple[str, int, int]]:
    try:
        return {p.identity for _s, p in parse_sources([read_source(path)], ref).plans}
    except LoadError:
        return set()


def apply(path: Path, who: str, db: Path | None = None) -> Result:
    """Import `path`: preview, then (if anything changes) add it and rebuild atomically."""
    db = Path(db or db_path())
    ref = Reference.load()
    path = Path(path)
    with _lock():
        pv = preview(path, db, ref)
        if not pv.has_changes:
            return Result(None, pv, False)
        now = dt.datetime.now()
        import_id = now.strftime("%Y%m%d-%H%M%S-") + pv.sha256[:8]
        target_dir = imports_dir()
        target_dir.mkdir(parents=True, exist_ok=True)
        snap = snapshots_dir() / import_id
        snap.mkdir(parents=True)
        safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.name)[-80:]
        added = target_dir / f"{import_id}__{safe_name}"
        new_identities = {p.identity for p in pv.plans}
        moved = [f for f in imported_files(target_dir) if new_identities & _identities(f, ref)]
        for f in moved:
            shutil.move(str(f), snap / f.name)
        shutil.copyfile(path, added)
        try:
            build(RAW_DIR, db, imports=target_dir)
        except BaseException as exc:
            added.unlink(missing_ok=True)
            for f in moved:
                shutil.move(str(snap / f.name), target_dir / f.name)
            shutil.rmtree(snap, ignore_errors=True)
            if isinstance(exc, LoadError) and Path(exc.file).name != added.name:
                # e.g. a database rule in loaders/checks.sql: say which upload broke it
                raise LoadError(str(path), "import", "a document the database rules accept", str(exc)) from None
            raise
        (snap / "manifest.json").write_text(json.dumps({"added": added.name, "moved": [f.name for f in moved]}))
        user_store.record_status(pv.statuses_new, who, import_id=import_id)
        if pv.rankings_new:
            ranking_results.apply_results(pv.rankings_new, who, [r["key"] for r in ref.rankings])
        with user_store.writer() as con:
            con.execute("INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                        [import_id, path.name, pv.sha256, pv.kind, "\n".join(pv.lines()), who, now])
        return Result(import_id, pv, True)


def rebuild(db: Path | None = None) -> None:
    """Rebuild from the bundled and imported documents (after a unit review decision), under the import lock."""
    with _lock():
        build(RAW_DIR, Path(db or db_path()), imports=imports_dir())


def history():
    return user_store.read("SELECT * FROM import_log ORDER BY imported_at DESC")


def undo_last(who: str, db: Path | None = None) -> str | None:
    """Undo the newest import that is not undone yet; returns its id, or None when there is none."""
    db = Path(db or db_path())
    with _lock():
        log = user_store.read("SELECT import_id FROM import_log WHERE undone_at IS NULL "
                              "ORDER BY imported_at DESC, import_id DESC LIMIT 1")
        if log.empty:
            return None
        import_id = log.import_id.iloc[0]
        snap = snapshots_dir() / import_id
        manifest = json.loads((snap / "manifest.json").read_text())
        target_dir = imports_dir()
        added = target_dir / manifest["added"]
        parked = snap / "undone" / manifest["added"]
        parked.parent.mkdir(exist_ok=True)
        if added.exists():
            shutil.move(str(added), parked)
        for name in manifest["moved"]:
            shutil.move(str(snap / name), target_dir / name)
        try:
            build(RAW_DIR, db, imports=target_dir)
        except BaseException:
            for name in manifest["moved"]:
                shutil.move(str(target_dir / name), snap / name)
            shutil.move(str(parked), added)
            raise
        with user_store.writer() as con:
            # the import's status rows go with it; the log keeps who undid it and when
            con.execute("DELETE FROM action_status WHERE import_id = ?", [import_id])
            con.execute("UPDATE import_log SET undone_by = ?, undone_at = ? WHERE import_id = ?",
                        [who, dt.datetime.now(), import_id])
        return import_id
