"""Build the DuckDB database from data/raw and data/reference, atomically.

The database is written to a temporary file beside the target, validated, and only then moved
over the target with os.replace. A running dashboard keeps reading its open (old) file and
notices the new one by its modification time. What users record lives in a separate file
(loaders/user_store.py) that the build never touches.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from loaders import cbhe, column_mappings, generic_plan, mdu_plan, ndu_plan, qku_plan, syllabus, xlsx_plan
from loaders.documents import SourceText, read_source
from loaders.errors import LoadError
from loaders.rankings import ranking_targets
from loaders.records import Plan, Warning_
from loaders.reference import REFERENCE_DIR, Reference
from loaders.text_utils import vocabulary

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
DEFAULT_DB = ROOT / "data" / "strategy.duckdb"
DEFAULT_IMPORTS = ROOT / "data" / "imported"
SCHEMA = Path(__file__).with_name("schema.sql")
DERIVED = Path(__file__).with_name("derived.sql")
CHECKS = Path(__file__).with_name("checks.sql")
SCHEMA_VERSION = "8"  # bump when schema.sql changes: the app rebuilds an older database on start
PLAN_PARSERS = {qku_plan.KIND: qku_plan.parse, ndu_plan.KIND: ndu_plan.parse, mdu_plan.KIND: mdu_plan.parse}


def load_reference(ref_dir: Path = REFERENCE_DIR, decisions: bool = True) -> Reference:
    """The reference tables, with the unit review decisions recorded in the user store applied."""
    ref = Reference.load(ref_dir)
    if decisions:
        from loaders import unit_review

        ref = unit_review.apply(ref, unit_review.active())
    return ref


def is_current(db: Path) -> bool:
    """Does the database exist and have this code's schema?"""
    if not db.exists():
        return False
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return False
    return bool(row) and row[0] == SCHEMA_VERSION


def db_path() -> Path:
    return Path(os.environ.get("STRATEGY_DB", DEFAULT_DB))


def imports_dir() -> Path:
    """Documents imported by users (data/imported); they win over a bundled plan with the same identity."""
    return Path(os.environ.get("STRATEGY_IMPORTS", DEFAULT_IMPORTS))


@dataclass
class Parsed:
    sources: list[SourceText] = field(default_factory=list)
    plans: list[tuple[SourceText, Plan]] = field(default_factory=list)
    compendia: list[tuple[SourceText, cbhe.Compendium]] = field(default_factory=list)
    syllabi: list[tuple[SourceText, syllabus.Syllabus]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    statuses: list[tuple[SourceText, list[dict]]] = field(default_factory=list)
    ranking_results: list[dict] = field(default_factory=list)


@dataclass
class BuildReport:
    db: Path
    rows: dict[str, int]
    warnings: list[Warning_]
    seconds: float


def source_files(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        raise LoadError(str(raw_dir), "folder", "a folder of source documents")
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise LoadError(str(raw_dir), "folder", "at least one source document")
    return files


def parse_sources(sources: list[SourceText], ref: Reference, vocab_texts: list[str] | None = None,
                  roles: dict[str, str] | None = None) -> Parsed:
    """Parse documents already read; a later plan with the same institution and period replaces an
    earlier one (an imported plan supersedes the bundled one). `roles`: column roles for PDF, Word
    and Excel originals (the import screen's choice)."""
    out = Parsed(sources=list(sources))
    texts = [s.text for s in sources if s.text] + (vocab_texts or [])
    vocab = vocabulary(texts) | vocabulary(u["canonical_az"] + " " + u["aliases"] for u in ref.units)
    plans: dict[tuple[str, int, int], tuple[SourceText, Plan]] = {}
    for src in sources:
        name = str(src.path)
        found: list[Plan] = []
        if src.kind in PLAN_PARSERS:
            found = [PLAN_PARSERS[src.kind](src.text, name, ref, vocab)]
        elif src.kind == generic_plan.KIND:
            found = read_original(src, name, ref, roles)
        elif src.kind == xlsx_plan.KIND:
            workbook = xlsx_plan.parse(src.data, name, ref)
            found = workbook.plans
            if workbook.statuses:
                out.statuses.append((src, workbook.statuses))
            out.ranking_results += workbook.ranking_results
        for plan in found:
            _check_plan(plan, name)
            if plan.identity in plans:
                old = plans[plan.identity][0]
                out.warnings.append(Warning_(name, "plan", f"replaces {plan.institution} {plan.period_start}-"
                                             f"{plan.period_end} from {old.path.name}"))
            plans[plan.identity] = (src, plan)
        if src.kind == cbhe.KIND:
            out.compendia.append((src, cbhe.parse(src.text, name, ref)))
        elif src.kind == syllabus.KIND:
            out.syllabi.append((src, syllabus.parse(src.text, name)))
    out.plans = list(plans.values())
    # A later compendium edition replaces the earlier one; a later syllabus of a course replaces its earlier one.
    if len(out.compendia) > 1:
        out.warnings.append(Warning_(str(out.compendia[-1][0].path), "compendium",
                                     f"replaces {', '.join(s.path.name for s, _ in out.compendia[:-1])}"))
        out.compendia = out.compendia[-1:]
    out.syllabi = list({s.facts["course_code"]: (src, s) for src, s in out.syllabi}.values())
    for _src, plan in out.plans:
        out.warnings += plan.warnings
    return out


def parse_all(raw_dir: Path, ref: Reference, extra: list[Path] | None = None) -> Parsed:
    files = source_files(raw_dir) + list(extra or [])
    return parse_sources([read_source(p) for p in files], ref)


def read_original(src: SourceText, name: str, ref: Reference,
                  roles: dict[str, str] | None = None) -> list[Plan]:
    """A PDF, Word or Excel plan in its own layout. Column roles: the ones given, else those an editor
    chose for this very file, else those chosen for its university's last document, else inferred."""
    roles = roles or column_mappings.for_file(src.sha256)
    plans = generic_plan.parse(src.data, name, ref, roles)
    if roles is None and plans:
        remembered = column_mappings.for_university(plans[0].institution)
        if remembered:
            plans = generic_plan.parse(src.data, name, ref, remembered)
    return plans


def imported_files(folder: Path | None = None) -> list[Path]:
    folder = Path(folder or imports_dir())
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _check_plan(plan: Plan, file: str) -> None:
    """Completeness checks that catch a truncated plan."""
    for (goal, target), _title in plan.targets.items():
        if not any(a.goal_no == goal and a.target_no == target for a in plan.actions):
            raise LoadError(file, f"goal {goal}, target {target}", "at least one action under each target "
                            "(is the file truncated?)")
    for a in plan.actions:
        if len(a.title.strip()) < 5:  # loaders/checks.sql holds the same rule for the database
            raise LoadError(file, f"line {a.source_line}" if a.source_line else f"action {plan.action_key(a)}",
                            "an action title (at least 5 characters)", a.title)
    last = plan.actions[-1]
    if not last.lead_units and not last.people and not last.responsible_raw:
        raise LoadError(file, f"line {last.source_line} (last action)", "a responsible unit for the last action "
                        "(is the file truncated?)")
    keys = [plan.action_key(a) for a in plan.actions]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise LoadError(file, "action numbering", "unique action numbers", ", ".join(dupes))


def document_id(src: SourceText) -> str:
    return src.path.stem


def frames(parsed: Parsed, ref: Reference, loaded_at: dt.datetime) -> dict[str, pd.DataFrame]:
    """All tables as DataFrames, in insertion order (parents before children)."""
    t: dict[str, list[dict]] = {name: [] for name in (
        "documents", "institutions", "units", "unit_aliases", "vice_rectors", "rankings", "countries", "goals",
        "targets", "actions", "action_units", "action_oversight", "action_people", "action_strategy_codes",
        "ranking_targets", "organisations", "cbhe_projects", "cbhe_participants", "cbhe_narrative", "courses",
        "course_topics", "course_assessment", "course_grades", "validation_warnings")}
    t["institutions"] = institutions(parsed, ref)
    t["units"] = units(parsed, ref)
    t["unit_aliases"] = [{"alias": a, "unit_name": u["canonical_az"]} for u in ref.units
                         for a in u["aliases"].split("|") if a]
    t["vice_rectors"] = [{k: r[k] for k in ("key", "name_az", "name_en")} for r in ref.vice_rectors]
    t["rankings"] = [{k: r[k] or None for k in ("key", "name", "publisher", "url")} for r in ref.rankings]
    t["countries"] = [{k: r[k] or None for k in ("code", "name_az", "name_en", "iso3")} for r in ref.countries]

    def doc(src: SourceText, kind: str, inst: str | None, title: str, start: int | None, end: int | None,
            did: str | None = None) -> str:
        did = did or document_id(src)
        t["documents"].append({"document_id": did, "kind": kind, "institution": inst, "title": title,
                               "period_start": start, "period_end": end, "source_file": src.path.name,
                               "sha256": src.sha256, "bytes": src.size, "loaded_at": loaded_at})
        return did

    for src, plan in parsed.plans:
        did = doc(src, plan.kind, plan.institution, plan.title, plan.period_start, plan.period_end,
                  plan.document_id)
        t["goals"] += [{"document_id": did, "institution": plan.institution, "goal_no": g, "title": title}
                       for g, title in plan.goals.items()]
        t["targets"] += [{"document_id": did, "institution": plan.institution, "goal_no": g, "target_no": n,
                          "title": title} for (g, n), title in plan.targets.items()]
        for seq, a in enumerate(plan.actions, start=1):
            a.seq = a.seq or seq
            key = plan.action_key(a)
            d = a.deadline
            t["actions"].append({
                "action_key": key, "document_id": did, "institution": plan.institution, "seq": seq,
                "goal_no": a.goal_no, "target_no": a.target_no, "action_no": a.action_no, "goal_ref": a.goal_ref,
                "title": a.title, "deadline_raw": d.raw, "start_year": d.start_year, "end_year": d.end_year,
                "start_month": d.start_month, "end_month": d.end_month, "recurrence": d.recurrence,
                "active_from": d.start_year if d.start_year is not None else plan.period_start,
                "active_to": d.end_year if d.end_year is not None else plan.period_end,
                "responsible_raw": a.responsible_raw, "note_raw": a.note_raw, "source_line": a.source_line,
                **{k: a.details.get(k) for k in ("indicator_quantitative", "indicator_qualitative", "baseline",
                                                  "resources", "evidence", "reporting", "means", "expected_result",
                                                  "notes", "unplaced")},
            })
            t["action_units"] += [{"action_key": key, "unit_name": u, "role": "lead", "pos": i}
                                  for i, u in enumerate(a.lead_units)]
            t["action_units"] += [{"action_key": key, "unit_name": u, "role": "partner", "pos": i}
                                  for i, u in enumerate(a.partner_units)]
            t["action_oversight"] += [{"action_key": key, "vice_rector": v, "pos": i}
                                      for i, v in enumerate(a.vice_rectors)]
            t["action_people"] += [{"action_key": key, "person": p, "pos": i} for i, p in enumerate(a.people)]
            t["action_strategy_codes"] += [{"action_key": key, "code": c, "pos": i}
                                           for i, c in enumerate(a.strategy_codes)]
        for r in ranking_targets(plan, ref):
            t["ranking_targets"].append({"institution": r.institution, "ranking": r.ranking, "best_rank": r.best_rank,
                                         "worst_rank": r.worst_rank, "deadline_raw": r.deadline_raw,
                                         "end_year": r.end_year, "action_key": plan.action_key(r.action)})
    orgs: dict[str, str | None] = {}
    for src, comp in parsed.compendia:
        did = doc(src, cbhe.KIND, None, comp.title, 2022, 2024)
        for p in comp.projects:
            t["cbhe_projects"].append({
                "project_id": p.project_id, "document_id": did, "seq": p.seq, "acronym": p.acronym, "title": p.title,
                "objective": p.objective, "budget_eur": p.budget_eur, "budget_raw": p.budget_raw,
                "period_raw": p.period_raw, "start_date": p.start_date, "end_date": p.end_date,
                "period_precision": p.period_precision, "url": p.url, "summary": p.summary,
                "participants_listed": bool(p.participants)})
            for pos, x in enumerate(p.participants):
                name = ref.organisation(x.organisation.rstrip(". "))  # one ministry is one organisation
                orgs.setdefault(name, x.country)
                t["cbhe_participants"].append({"project_id": p.project_id, "organisation": name,
                                               "role": x.role, "pos": pos})
        t["cbhe_narrative"] += [{"document_id": did, "section_key": k, "heading": h, "body": b, "pos": i}
                                for i, (k, h, b) in enumerate(comp.narrative)]
    t["organisations"] = [{"organisation": o, "country": c} for o, c in orgs.items()]
    plan_docs = [d for d in t["documents"] if d["kind"] not in (cbhe.KIND, syllabus.KIND)]
    plans_of = Counter(d["institution"] for d in plan_docs)
    for d in t["documents"]:  # goal labels: two plans of one university never share "GDU 1"
        period = "" if d["period_start"] is None else (str(d["period_start"]) if d["period_start"] == d["period_end"]
                                                       else f"{d['period_start']}-{d['period_end']}")
        several = d in plan_docs and plans_of.get(d["institution"], 0) > 1
        d["plan_label"] = f"{d['institution']} {period}".strip() if several else d["institution"]
    for src, s in parsed.syllabi:
        did = doc(src, syllabus.KIND, s.institution, f"{s.title} — işçi tədris proqramı {s.facts['academic_year']}",
                  None, None)
        code = s.facts["course_code"]
        t["courses"].append({"course_code": code, "document_id": did, "institution": s.institution, "title": s.title,
                             **{k: s.facts[k] for k in ("course_type", "academic_year", "semester", "faculty", "groups",
                                                        "department", "teacher", "credits_raw")},
                             "hours_total": s.hours_total, "hours_lecture": s.hours_lecture,
                             "hours_seminar": s.hours_seminar, "credits": s.credits})
        t["course_topics"] += [{"course_code": code, "week": w, "title": ti, "content": c} for w, ti, c in s.topics]
        t["course_assessment"] += [{"course_code": code, "component": c, "points": pt, "percent": pc, "pos": i}
                                   for i, (c, pt, pc) in enumerate(s.assessment)]
        t["course_grades"] += [{"course_code": code, "min_points": lo, "max_points": hi, "grade_word": w,
                                "letter": letter} for lo, hi, w, letter in s.grades]
    t["validation_warnings"] = [{"file": Path(w.file).name, "location": w.where, "message": w.message,
                                 "candidates": w.candidates} for w in parsed.warnings]
    return {name: pd.DataFrame(rows) for name, rows in t.items()}


def institutions(parsed: Parsed, ref: Reference) -> list[dict]:
    """The reference universities, and every university a loaded document names (an import creates it)."""
    rows = {r["code"]: {k: r[k] or None for k in ("code", "name_az", "name_en", "city")} for r in ref.institutions}
    for _src, plan in parsed.plans:
        if plan.institution not in rows:
            name = plan.institution_name or plan.institution
            rows[plan.institution] = {"code": plan.institution, "name_az": name, "name_en": name, "city": None}
    for _src, s in parsed.syllabi:
        rows.setdefault(s.institution, {"code": s.institution, "name_az": s.institution, "name_en": s.institution,
                                        "city": None})
    return list(rows.values())


def units(parsed: Parsed, ref: Reference) -> list[dict]:
    """Reference (and accepted) units, then every other name the plans use, kept as not reviewed."""
    rows = {u["canonical_az"]: {"unit_name": u["canonical_az"], "name_en": u["name_en"] or None, "kind": u["kind"],
                                "reviewed": True, "first_seen": None} for u in ref.units}
    for _src, plan in parsed.plans:
        for a in plan.actions:
            for name in a.lead_units + a.partner_units:
                rows.setdefault(name, {"unit_name": name, "name_en": None, "kind": "department", "reviewed": False,
                                       "first_seen": plan.institution})
    return list(rows.values())


def _write(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for name, df in tables.items():
        if df.empty:
            continue
        con.register("_df", df)
        con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM _df')  # name comes from our own table list
        con.unregister("_df")
    con.execute(DERIVED.read_text(encoding="utf-8"))


def run_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Business rules as SQL: every query in checks.sql returns the rows that break it."""
    failures = []
    for block in CHECKS.read_text(encoding="utf-8").split(";"):
        sql = block.strip()
        if not sql or all(line.strip().startswith("--") for line in sql.splitlines()):
            continue
        comments = [line.strip("- ").strip() for line in sql.splitlines() if line.startswith("--")]
        name = comments[-1] if comments else sql[:60]  # the rule's own comment, not the file's heading
        rows = con.execute(sql).fetchall()
        if rows:
            failures.append(f"{name}: {len(rows)} row(s), e.g. {rows[0]}")
    return failures


def crash_point(name: str) -> None:
    """Test hook of the crash test (scripts/crash_test.py): die here, as a power cut would."""
    if os.environ.get("STRATEGY_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(db: Path) -> list[Path]:
    """Temporary build files of processes that died (killed builds and imports) beside the database."""
    removed = []
    for leftover in db.parent.glob(f".{db.name}.building-*"):
        pid = leftover.name.rsplit("-", 1)[-1].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def build(raw_dir: Path = RAW_DIR, db: Path | None = None, ref_dir: Path = REFERENCE_DIR,
          imports: Path | None | bool = None, decisions: bool = True) -> BuildReport:
    """Build the database. `imports`: folder of imported documents; by default data/imported when
    building from the bundled data/raw, none for another --raw folder; False for none.
    `decisions`: apply the unit review decisions recorded in the user store."""
    started = dt.datetime.now()
    db = Path(db or db_path())
    ref = load_reference(ref_dir, decisions)
    if imports is None:
        imports = imports_dir() if Path(raw_dir).resolve() == RAW_DIR.resolve() else False
    extra = imported_files(imports) if imports else []
    parsed = parse_all(Path(raw_dir), ref, extra)
    tables = frames(parsed, ref, started.replace(microsecond=0))
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    remove_leftovers(db)
    try:
        con = duckdb.connect(str(tmp))
        try:
            try:
                _write(con, tables)
            except duckdb.ConstraintException as exc:  # e.g. a project id twice in one compendium
                raise LoadError(str(raw_dir), "database", "unique keys (each project, course and action once)",
                                str(exc).splitlines()[0]) from None
            failures = run_checks(con)
            if failures:
                raise LoadError(str(raw_dir), "validation", "every rule in loaders/checks.sql to hold",
                                "; ".join(failures))
            con.execute("INSERT INTO meta VALUES ('built_at', ?), ('raw_dir', ?), ('schema_version', ?)",
                        [started.isoformat(timespec="seconds"), str(raw_dir), SCHEMA_VERSION])
            con.execute("CHECKPOINT")
            rows = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                    for name in tables}
        finally:
            con.close()
        crash_point("build-before-swap")
        os.replace(tmp, db)
        crash_point("build-swapped")
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return BuildReport(db, rows, parsed.warnings, (dt.datetime.now() - started).total_seconds())
