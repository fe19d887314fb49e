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

from parse import column_roles, generic_plan, ranking_results
from parse.documents import SourceText, read_source
from parse.errors import LoadError
from parse.provenance import Source
from parse.reference import Reference
from plandb import parse_job, plan_sync
from plandb.atomic_files import copy as atomic_copy
from plandb.atomic_files import fsync_dir, write_json
from plandb.build import (
    RAW_DIR,
    BuildReport,
    build,
    crash_point,
    db_path,
    imported_files,
    imports_dir,
    parse_sources,
)
from plandb.plan_sync import snapshots_dir
from state import column_mappings, user_store
from state import ranking_results as recorded_rankings
from state.unit_review import load_reference
from state.user_store import STATUSES


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
class RowCheck:
    """One action of an upload as the preview lists it: where it was read and why a person should check it."""
    institution: str
    goal_no: int | None
    target_no: int | None
    action_no: int | None
    goal_ref: str | None
    title: str
    uncertain: list[str]
    source: Source | None


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
    # PDF, Word and Excel originals: each table layout (where, column roles) as the reader decided it
    columns: list[tuple[str, list]] = field(default_factory=list)
    roles: dict[str, str] | None = None  # the roles the preview was read with (header key -> role)
    scans: list = field(default_factory=list)  # parse_job.ScanPage: pages read by OCR, to check by eye
    rows: list[RowCheck] = field(default_factory=list)  # every action read, those to check first

    @property
    def to_check(self) -> list[RowCheck]:
        """The actions read with a guess (OCR, a guessed column role, a split unit cell), in document order."""
        return [r for r in self.rows if r.uncertain]

    @property
    def has_changes(self) -> bool:
        return not self.already_imported and (any(p.any for p in self.plans) or bool(self.statuses_new)
                                              or bool(self.rankings_new)
                                              or (self.other is not None and not self.plans))

    def lines(self) -> list[str]:
        from parse.documents import KIND_NAMES

        out = [f"{self.file}: {KIND_NAMES.get(self.kind, self.kind)}"]
        for r in self.to_check[:50]:  # first: what a person should look at before applying
            where = _place(r.source)
            out.append(f"check: {r.title[:60]} — {', '.join(r.uncertain)}" + (f" ({where})" if where else ""))
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


@contextmanager
def local_lock():
    """One import, undo, build or plan fetch at a time on this machine (the app and the command line)."""
    path = imports_dir().parent / ".import.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _lock():
    """One import or undo at a time: on this machine, and with the shared state in PostgreSQL on every
    server (an advisory lock, released by the database if this process dies)."""
    pg = user_store.pg_state()
    with local_lock():
        if pg is None:
            yield
            return
        from state.state_pg import PLAN_LOCK

        with pg.advisory_lock(PLAN_LOCK):
            yield


def _begin(db: Path) -> None:
    """With the lock held: repair an interrupted import of this machine, then catch up with the plan the other
    servers published, so that the next build starts from what everyone sees."""
    recover(db)
    plan_sync.catch_up(db)


def _publish(con, who: str, reason: str, db: Path, current: dict | None = None) -> tuple[int, str | None]:
    """Inside the shared-state transaction: one more plan version, and (PostgreSQL) its database file."""
    version = user_store.bump_plan_version(who, reason, con=con)
    return version, plan_sync.publish(con, version, db, who, current)


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


def preview(path: Path, db: Path | None = None, ref: Reference | None = None,
            roles: dict[str, str] | None = None) -> Preview:
    """What importing `path` would add or change. Raises LoadError for a file that cannot be read.
    `roles` (header key -> role) overrides the column roles of a PDF, Word or Excel original."""
    db = Path(db or db_path())
    ref = ref or load_reference()
    job = parse_job.parse_upload(Path(path), ref, roles)  # a separate process with a memory and time limit
    src: SourceText = job.source
    parsed = job.parsed
    pv = Preview(file=Path(path).name, kind=src.kind, sha256=src.sha256, scans=job.scans)
    if src.kind == generic_plan.KIND:
        pv.columns = job.columns
        pv.roles = {k: v for _where, cols in pv.columns for k, v in column_roles.remember(cols).items()}
        pv.roles |= {k: v for k, v in (roles or {}).items() if str(k).startswith("@")}  # university, period chosen
    pv.already_imported = src.sha256 in _known_hashes(db)
    pv.warnings = [f"{w.where}: {w.message}" + (f" (perhaps: {', '.join(w.candidates)})" if w.candidates
                                                 else "") for w in parsed.warnings]
    known_units = {u["canonical_az"] for u in ref.units} | {r[0] for r in _rows(db, "SELECT unit_name FROM units")}
    known_unis = {i["code"] for i in ref.institutions} | {r[0] for r in _rows(db, "SELECT code FROM institutions")}
    identities = {plan.identity for _src, plan in parsed.plans}
    for _src, plan in parsed.plans:
        _check_document_id(Path(path), db, plan, identities)
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
        pv.rows += [RowCheck(plan.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref, a.title,
                             list(a.uncertain), a.source) for a in plan.actions]
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
    pv.rows.sort(key=lambda r: not r.uncertain)  # stable: the rows to check first, each part in document order
    return pv


def _place(src: Source | None) -> str:
    """'page 3, table 1, row 12' for the command line's preview (the screens say it in words of their language)."""
    if src is None:
        return ""
    parts = [f"sheet {src.sheet!r}" if src.sheet else "", f"page {src.page}" if src.page else "",
             f"table {src.table}" if src.table else "", f"row {src.row}" if src.row else "",
             f"paragraph {src.paragraph}" if src.paragraph and not src.row else "",
             f"line {src.line}" if src.line and not src.row else ""]
    return ", ".join(p for p in parts if p)


def _check_document_id(path: Path, db: Path, plan, identities: set[tuple[str, int, int]]) -> None:
    """A plan's document id belongs to its university: it begins with the university's code (the ids the
    readers derive do: 'ndu_plan_2026_2030'), and it is not the id of a plan of another university or
    period that stays in the database (this file replaces only the plans of its own universities and
    periods). Otherwise one university's import could take the id of another's plan and block it."""
    did = plan.document_id
    if not did:  # no id in the file: the build names the plan after the stored import file (unique)
        return
    where = f"plan of {plan.institution} {plan.period_start}-{plan.period_end}, document_id"
    prefix = plan.institution.lower()
    if not (did.lower().startswith(prefix) and did[len(prefix):len(prefix) + 1] in ("_", "-", ".")):
        raise LoadError(str(path), where, f"an id that begins with the university's code, e.g. '{prefix}_"
                        f"plan_{plan.period_start}_{plan.period_end}'", did)
    for inst, start, end in _rows(db, "SELECT institution, period_start, period_end FROM documents "
                                      "WHERE lower(document_id) = lower(?)", [did]):
        if (inst, start, end) not in identities:
            held = f"the {inst} plan {start}" + ("" if start == end else f"-{end}") if start else "another document"
            raise LoadError(str(path), where, f"an id no other plan uses (it is the id of {held}); give this plan "
                            "a new document_id", did)


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


def apply(path: Path, who: str, db: Path | None = None, roles: dict[str, str] | None = None) -> Result:
    """Import `path`: preview, then (if anything changes) add it and rebuild atomically. For a PDF, Word
    or Excel original the column roles used are remembered for this file and for its university.

    One transaction over files and databases: a journal is written first, then the files are moved
    and copied, the plan database rebuilt and swapped, and the log entry (with the status rows)
    committed in one user-store transaction; the journal goes last. A process killed anywhere is
    finished or rolled back by `recover()` before the next build, import or undo."""
    db = Path(db or db_path())
    path = Path(path)
    with _lock():
        _begin(db)
        ref = Reference.load()
        pv = preview(path, db, roles=roles)
        if not pv.has_changes:
            return Result(None, pv, False)
        import_id = user_store.utc_now().strftime("%Y%m%d-%H%M%S-") + pv.sha256[:8]
        target_dir = imports_dir()
        target_dir.mkdir(parents=True, exist_ok=True)
        safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.name)[-80:]
        new_identities = {p.identity for p in pv.plans}
        moved = [f.name for f in imported_files(target_dir) if new_identities & _identities(f, ref)]
        journal = {"op": "import", "import_id": import_id, "added": f"{import_id}__{safe_name}", "moved": moved,
                   "sha256": pv.sha256}
        write_json(journal_path(), journal)
        crash_point("import-journal")
        try:
            if pv.roles and pv.plans:
                column_mappings.save(pv.sha256, pv.plans[0].identity[0], pv.roles, who)
            snap = snapshots_dir() / import_id
            snap.mkdir(parents=True, exist_ok=True)
            for name in moved:
                shutil.move(str(target_dir / name), snap / name)
            crash_point("import-moved")
            atomic_copy(path, target_dir / journal["added"])
            crash_point("import-copied")
            build(RAW_DIR, db, imports=target_dir)
            crash_point("import-built")
            rows = user_store.status_rows(pv.statuses_new, who, import_id)
            content = path.read_bytes()
            with user_store.writer() as con:
                if rows:
                    con.executemany(user_store.INSERT_STATUS, rows)
                # the store numbers the entry (the order undo follows); the time is aware (UTC)
                con.execute(user_store.INSERT_IMPORT, [import_id, path.name, pv.sha256, pv.kind,
                                                       "\n".join(pv.lines()), who, user_store.utc_now()])
                # the shared state keeps the file itself and tells every app server the plan changed
                user_store.store_document(content, path.name, who, import_id, con=con)
                published = _publish(con, who, f"import {import_id}", db,
                                     {import_id: {"added": journal["added"], "moved": moved}})
            crash_point("import-logged")
        except BaseException as exc:
            _rollback_import(journal, db, rebuild=False)
            journal_path().unlink(missing_ok=True)
            if isinstance(exc, LoadError) and Path(exc.file).name != journal["added"]:
                # e.g. a database rule in loaders/checks.sql: say which upload broke it
                raise LoadError(path.name, "import", "a document the database rules accept", str(exc)) from None
            raise
        _finish_import(journal)
        if published[1]:
            plan_sync.mark_local(db, *published)  # type: ignore[arg-type]
        if pv.rankings_new:  # not undone with the import: ranking results carry no import id (said in the note)
            recorded_rankings.apply_results(pv.rankings_new, who, [r["key"] for r in ref.rankings])
        return Result(import_id, pv, True)


def user_message(exc: LoadError, shown_name: str) -> str:
    """The error as a user reads it: the uploaded file by its own name, other files by their name only
    (never a server path such as the upload's temporary folder)."""
    text = str(exc)
    base = Path(exc.file).name
    if text.startswith(exc.file):
        text = shown_name + text[len(exc.file):]
    elif text.startswith(base):
        text = shown_name + text[len(base):]
    parent = str(Path(exc.file).parent)
    if parent not in ("", ".", "/"):
        text = text.replace(parent + "/", "")
    return SERVER_FOLDER.sub("", text)  # any other file's folder too (a bundled or an imported document)


SERVER_FOLDER = re.compile(r"(?<![\w.:/])/(?:[^/\s'\"]+/)+(?=[^/\s'\"])")  # "/a/b/" of "/a/b/c.pdf", not URLs


def journal_path() -> Path:
    return imports_dir().parent / ".import-journal.json"


def _finish_import(journal: dict) -> None:
    snap = snapshots_dir() / journal["import_id"]
    snap.mkdir(parents=True, exist_ok=True)
    write_json(snap / "manifest.json", {"added": journal["added"], "moved": journal["moved"]})
    journal_path().unlink(missing_ok=True)
    fsync_dir(journal_path().parent)


def _rollback_import(journal: dict, db: Path, rebuild: bool = True) -> None:
    """Put every file back where it was before the import began; rebuild if the database may have moved on."""
    target_dir = imports_dir()
    snap = snapshots_dir() / journal["import_id"]
    (target_dir / journal["added"]).unlink(missing_ok=True)
    (target_dir / f".{journal['added']}.partial").unlink(missing_ok=True)
    for name in journal["moved"]:
        if (snap / name).exists() and not (target_dir / name).exists():
            shutil.move(str(snap / name), target_dir / name)
    shutil.rmtree(snap, ignore_errors=True)
    column_mappings.forget(journal["sha256"])
    if rebuild:
        build(RAW_DIR, db, imports=target_dir)


def _logged(import_id: str) -> tuple[bool, bool]:
    """(is the import in the log, is it marked undone)."""
    log = user_store.read("SELECT undone_at IS NOT NULL AS undone FROM import_log WHERE import_id = ?", [import_id])
    return (not log.empty, bool(len(log)) and bool(log.undone.iloc[0]))


def recover(db: Path | None = None) -> str | None:
    """Finish or roll back an import or undo that a crash interrupted, so that data/imported, the
    snapshots, the import log and the published database agree again. Call with the import lock held
    (apply, undo_last and locked_build do). Returns what it did, or None when there was nothing to do."""
    db = Path(db or db_path())
    path = journal_path()
    if not path.exists():
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # the journal is written atomically: a bad one is not ours
        raise LoadError(str(path), "whole file", "an import journal written by this program") from None
    logged, undone = _logged(journal["import_id"])
    target_dir = imports_dir()
    snap = snapshots_dir() / journal["import_id"]
    if journal["op"] == "import":
        if logged:  # committed: only the bookkeeping after the log entry was cut short
            _finish_import(journal)
            return f"completed import {journal['import_id']}"
        _rollback_import(journal, db)
        path.unlink(missing_ok=True)
        return f"rolled back import {journal['import_id']}"
    parked = snap / "undone" / journal["added"]
    if undone:  # committed: make sure the files are in their undone places
        if (target_dir / journal["added"]).exists():
            parked.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(target_dir / journal["added"]), parked)
        for name in journal["moved"]:
            if (snap / name).exists() and not (target_dir / name).exists():
                shutil.move(str(snap / name), target_dir / name)
        path.unlink(missing_ok=True)
        return f"completed undo of {journal['import_id']}"
    _rollback_undo(journal, db)
    path.unlink(missing_ok=True)
    return f"rolled back undo of {journal['import_id']}"


def _rollback_undo(journal: dict, db: Path, rebuild: bool = True) -> None:
    target_dir = imports_dir()
    snap = snapshots_dir() / journal["import_id"]
    parked = snap / "undone" / journal["added"]
    for name in journal["moved"]:
        if (target_dir / name).exists() and not (snap / name).exists():
            shutil.move(str(target_dir / name), snap / name)
    if parked.exists() and not (target_dir / journal["added"]).exists():
        shutil.move(str(parked), target_dir / journal["added"])
    if rebuild:
        build(RAW_DIR, db, imports=target_dir)


def recover_now(db: Path | None = None) -> str | None:
    """`recover()` under the import lock: the app calls it once when its process starts. With the shared
    state in PostgreSQL it then fetches the plan the other servers published, if this copy is older."""
    db = Path(db or db_path())
    with _lock():
        from plandb.build import remove_leftovers

        remove_leftovers(db)
        done = recover(db)
        fetched = plan_sync.catch_up(db)
        return done or (f"fetched published plan {fetched}" if fetched else None)


def locked_build(raw_dir: Path = RAW_DIR, db: Path | None = None, **kwargs) -> BuildReport:
    """A build that takes the import lock (and first repairs an interrupted import), so that it never
    publishes a half-imported state nor swaps an older plan over a newer import."""
    with _lock():
        recover(db)
        return build(raw_dir, db, **kwargs)


def rebuild(db: Path | None = None, who: str = "unit review") -> None:
    """Rebuild from the bundled and imported documents (after a unit review decision), under the import lock;
    with the shared state in PostgreSQL the new file is published to every server."""
    db = Path(db or db_path())
    with _lock():
        _begin(db)
        build(RAW_DIR, db, imports=imports_dir())
        if plan_sync.enabled():
            with user_store.writer() as con:
                published = _publish(con, who, "unit review", db)
            plan_sync.mark_local(db, *published)  # type: ignore[arg-type]


def history() -> pd.DataFrame:
    """The import log, newest first by the store's numbering; times in this machine's local time."""
    return user_store.import_history()


def undo_last(who: str, db: Path | None = None, expected: str | None = None) -> str | None:
    """Undo the newest import that is not undone yet; returns its id, or None when there is none. With
    `expected`, only if the newest import is still that one (the caller checked who may undo it; an import
    made meanwhile on another server is refused with a LoadError instead of being undone unchecked)."""
    db = Path(db or db_path())
    with _lock():
        _begin(db)
        import_id = user_store.newest_import()  # by the store's numbering, not by a server's clock
        if import_id is None:
            return None
        if expected is not None and import_id != expected:
            raise LoadError("import log", "newest import", f"import {expected} (checked before the undo)",
                            f"import {import_id}, made meanwhile")
        snap = snapshots_dir() / import_id
        manifest_file = snap / "manifest.json"
        if not manifest_file.exists():
            raise LoadError(str(manifest_file), "whole file", "the snapshot of the import to undo")
        manifest = json.loads(manifest_file.read_text())
        journal = {"op": "undo", "import_id": import_id, "added": manifest["added"], "moved": manifest["moved"]}
        write_json(journal_path(), journal)
        crash_point("undo-journal")
        target_dir = imports_dir()
        added = target_dir / manifest["added"]
        parked = snap / "undone" / manifest["added"]
        try:
            parked.parent.mkdir(exist_ok=True)
            if added.exists():
                shutil.move(str(added), parked)
            for name in manifest["moved"]:
                shutil.move(str(snap / name), target_dir / name)
            crash_point("undo-moved")
            build(RAW_DIR, db, imports=target_dir)
            crash_point("undo-built")
            with user_store.writer() as con:
                # the import's status rows go with it; the log keeps who undid it and when
                con.execute("DELETE FROM action_status WHERE import_id = ?", [import_id])
                con.execute("UPDATE import_log SET undone_by = ?, undone_at = ? WHERE import_id = ?",
                            [who, user_store.utc_now(), import_id])
                published = _publish(con, who, f"undo {import_id}", db)
            crash_point("undo-logged")
        except BaseException:
            _rollback_undo(journal, db, rebuild=False)
            journal_path().unlink(missing_ok=True)
            raise
        journal_path().unlink(missing_ok=True)
        if published[1]:
            plan_sync.mark_local(db, *published)  # type: ignore[arg-type]
        return import_id
