"""Build the DuckDB database from data/raw and data/reference, atomically.

The database is written to a temporary file beside the target, validated, and only then moved
over the target with os.replace. A running dashboard keeps reading its open (old) file and
notices the new one by its modification time. What users record lives in a separate file
(loaders/user_store.py) that the build never touches.

Documents are parsed and written in batches (memory does not grow with their number): plan rows go
into staging tables in a second temporary file, and only small facts per plan stay in Python until
the end, when every table is written into the database in order and derived.sql runs once.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from parse import cbhe, generic_plan, indicators, mdu_plan, ndu_plan, qku_plan, strategy_refs, syllabus, xlsx_plan
from parse.documents import SourceText, read_source
from parse.errors import LoadError
from parse.provenance import Source
from parse.rankings import ranking_targets
from parse.records import Plan, Warning_
from parse.reference import REFERENCE_DIR, Reference
from parse.text_utils import vocabulary
from paths import DEFAULT_DB, DEFAULT_IMPORTS, RAW_DIR, ROOT, db_path, imports_dir  # noqa: F401 (re-exported)

SCHEMA = Path(__file__).with_name("schema.sql")
DERIVED = Path(__file__).with_name("derived.sql")
CHECKS = Path(__file__).with_name("checks.sql")
SCHEMA_VERSION = "12"  # bump when schema.sql changes: the app rebuilds an older database on start
PLAN_PARSERS = {qku_plan.KIND: qku_plan.parse, ndu_plan.KIND: ndu_plan.parse, mdu_plan.KIND: mdu_plan.parse}


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


@dataclass
class _Document:
    """What one document holds, parsed."""
    plans: list[Plan] = field(default_factory=list)
    statuses: list[dict] = field(default_factory=list)
    ranking_results: list[dict] = field(default_factory=list)
    compendium: cbhe.Compendium | None = None
    syllabus: syllabus.Syllabus | None = None


def _parse_document(src: SourceText, ref: Reference, vocab: set[str],
                    roles: dict[str, str] | None = None, memory=None) -> _Document:
    """Parse one document read by read_source; every plan in it passes the completeness checks. The plans of
    a university with unit merges of its own are read again with them (a merge holds for one university)."""
    out = _parse_once(src, ref, vocab, roles, memory)
    for inst in dict.fromkeys(p.institution for p in out.plans):
        if ref.has_own_merges(inst):
            from state import unit_review

            own = unit_review.for_institution(ref, inst)
            again = {p.identity: p for p in _parse_once(src, own, vocab, roles, memory).plans}
            out.plans = [again.get(p.identity, p) if p.institution == inst else p for p in out.plans]
    return out


def _parse_once(src: SourceText, ref: Reference, vocab: set[str], roles: dict[str, str] | None, memory) -> _Document:
    name = str(src.path)
    out = _Document()
    if src.kind in PLAN_PARSERS:
        out.plans = [PLAN_PARSERS[src.kind](src.text, name, ref, vocab)]
    elif src.kind == generic_plan.KIND:
        out.plans = read_original(src, name, ref, roles, memory)
    elif src.kind == xlsx_plan.KIND:
        workbook = xlsx_plan.parse(src.data, name, ref)
        out.plans, out.statuses, out.ranking_results = workbook.plans, workbook.statuses, workbook.ranking_results
    for plan in out.plans:
        _check_plan(plan, name)
    if src.kind == cbhe.KIND:
        out.compendium = cbhe.parse(src.text, name, ref)
    elif src.kind == syllabus.KIND:
        out.syllabus = syllabus.parse(src.text, name)
    return out


def _vocabulary(tokens: set[str], ref: Reference) -> set[str]:
    """The words of every document (`tokens`: their distinct whitespace-separated tokens) and of the unit
    names, which join_broken uses to mend words broken at a line end."""
    return vocabulary(tokens) | vocabulary(u["canonical_az"] + " " + u["aliases"] for u in ref.units)


def parse_sources(sources: list[SourceText], ref: Reference, vocab_texts: list[str] | None = None,
                  roles: dict[str, str] | None = None, memory=None) -> Parsed:
    """Parse documents already read; a later plan with the same institution and period replaces an
    earlier one (an imported plan supersedes the bundled one). `roles`: column roles for PDF, Word
    and Excel originals (the import screen's choice); `memory`: where roles chosen before are looked up (the user
    store; an upload's parsing process gets them as plain data). The build streams instead (see build())."""
    out = Parsed(sources=list(sources))
    tokens = {t for text in [s.text for s in sources if s.text] + (vocab_texts or []) for t in text.split()}
    vocab = _vocabulary(tokens, ref)
    plans: dict[tuple[str, int, int], tuple[SourceText, Plan]] = {}
    for src in sources:
        name = str(src.path)
        doc = _parse_document(src, ref, vocab, roles, memory)
        if doc.statuses:
            out.statuses.append((src, doc.statuses))
        out.ranking_results += doc.ranking_results
        for plan in doc.plans:
            if plan.identity in plans:
                old = plans[plan.identity][0]
                out.warnings.append(_replaces(name, plan, old.path.name))
            plans[plan.identity] = (src, plan)
        if doc.compendium is not None:
            out.compendia.append((src, doc.compendium))
        elif doc.syllabus is not None:
            out.syllabi.append((src, doc.syllabus))
    out.plans = list(plans.values())
    # A later compendium edition replaces the earlier one; a later syllabus of a course replaces its earlier one.
    if len(out.compendia) > 1:
        out.warnings.append(_compendium_replaces(out.compendia))
        out.compendia = out.compendia[-1:]
    out.syllabi = list({s.facts["course_code"]: (src, s) for src, s in out.syllabi}.values())
    for _src, plan in out.plans:
        out.warnings += plan.warnings
    return out


def _replaces(file: str, plan: Plan, old_file: str) -> Warning_:
    return Warning_(file, "plan", f"replaces {plan.institution} {plan.period_start}-{plan.period_end} from {old_file}")


def _compendium_replaces(compendia: list[tuple[SourceText, cbhe.Compendium]]) -> Warning_:
    return Warning_(str(compendia[-1][0].path), "compendium",
                    f"replaces {', '.join(s.path.name for s, _ in compendia[:-1])}")


def parse_all(raw_dir: Path, ref: Reference, extra: list[Path] | None = None) -> Parsed:
    files = source_files(raw_dir) + list(extra or [])
    return parse_sources([read_source(p) for p in files], ref)


def read_original(src: SourceText, name: str, ref: Reference,
                  roles: dict[str, str] | None = None, memory=None) -> list[Plan]:
    """A PDF, Word or Excel plan in its own layout. Column roles: the ones given, else those an editor
    chose for this very file, else those chosen for its university's last document, else inferred."""
    if memory is None:  # the user store (not imported at the top: the process that parses an upload has none)
        from state import column_mappings as memory
    roles = roles or memory.for_file(src.sha256)
    plans = generic_plan.parse(src.data, name, ref, roles)
    if roles is None and plans:
        remembered = memory.for_university(plans[0].institution)
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


# Tables in insertion order (parents before children). The plan tables are streamed: each batch of parsed
# plans goes into staging tables (same columns, no constraints, plus the plan's generation _g) in a second
# database file beside the temporary one, so that Python never holds more than one batch of records.
TABLES = ("documents", "institutions", "units", "unit_aliases", "vice_rectors", "rankings", "countries", "goals",
          "targets", "actions", "action_units", "action_oversight", "action_people", "action_strategy_codes",
          "action_indicators", "strategy_refs", "ranking_targets", "organisations", "cbhe_projects",
          "cbhe_participants", "cbhe_narrative", "courses", "course_topics", "course_assessment", "course_grades",
          "validation_warnings")
DETAILS = ("indicator_quantitative", "indicator_qualitative", "baseline", "resources", "evidence", "reporting",
           "means", "expected_result", "notes", "unplaced")
SOURCE_COLUMNS = ("source_file", "source_page", "source_sheet", "source_table", "source_row", "source_paragraph",
                  "source_method")
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "goals": ("document_id", "institution", "goal_no", "title", "title_en"),
    "targets": ("document_id", "institution", "goal_no", "target_no", "title", "title_en"),
    "actions": ("action_key", "document_id", "institution", "seq", "goal_no", "target_no", "action_no", "goal_ref",
                "title", "deadline_raw", "start_year", "end_year", "start_month", "end_month", "recurrence",
                "active_from", "active_to", "responsible_raw", "note_raw", "source_line", *DETAILS, "title_en",
                *SOURCE_COLUMNS, "uncertain"),
    "action_units": ("action_key", "unit_name", "role", "pos"),
    "action_oversight": ("action_key", "vice_rector", "pos"),
    "action_people": ("action_key", "person", "pos"),
    "action_strategy_codes": ("action_key", "code", "pos"),
    "action_indicators": ("action_key", "name", "unit", "baseline_value", "target_value", "period", "comparator",
                          "source_column", "source_text"),
    "strategy_refs": ("action_key", "pos", "ref_text", "goal_no", "target_no", "action_no", "level"),
    "ranking_targets": ("institution", "ranking", "best_rank", "worst_rank", "deadline_raw", "end_year",
                        "action_key"),
}
BATCH_ACTIONS = 20_000  # actions parsed before they are written to the staging tables
MEMORY_LIMIT = "1GB"  # DuckDB's cap in the build (it spills what it can; derived.sql's lists need ~0.5 kB/action)


@dataclass
class _Slot:
    """A plan identity (institution, period) and the small facts of the plan that holds it now."""
    gen: int  # the plan's generation: its rows in the staging tables carry it
    document: dict
    institution_name: str | None
    new_units: list[str]  # names no reference knows, in the order the plan first uses them
    warnings: list[Warning_]


class _Loader:
    """Writes parsed documents into the temporary database in batches. It keeps only what is computed
    across documents: one small _Slot per plan identity (a later plan with the same identity replaces an
    earlier one and takes its place in the order), the compendia and syllabi, and the warnings."""

    def __init__(self, con: duckdb.DuckDBPyConnection, ref: Reference, vocab: set[str], loaded_at: dt.datetime,
                 batch_actions: int):
        self.con, self.ref, self.vocab, self.loaded_at = con, ref, vocab, loaded_at
        self.batch_actions = max(1, batch_actions)
        self.known_units = {u["canonical_az"] for u in ref.units}
        self.slots: dict[tuple[str, int, int], _Slot] = {}
        self.replaced: list[Warning_] = []
        self.compendia: list[tuple[SourceText, cbhe.Compendium]] = []
        self.syllabi: list[tuple[SourceText, syllabus.Syllabus]] = []
        self.rows: dict[str, list[tuple]] = {t: [] for t in PLAN_COLUMNS}
        self.pending = 0
        self.gen = 0

    def stage(self, path: Path) -> None:
        """Create the staging tables, in their own database file (dropped tables would leave their space in
        the published file)."""
        self.con.execute(f"ATTACH '{_sql_text(str(path))}' AS stage")
        for t in PLAN_COLUMNS:
            self.con.execute(f'CREATE TABLE stage."{t}" AS SELECT *, 0::INTEGER AS _g FROM main."{t}" LIMIT 0')

    def add(self, src: SourceText) -> None:
        doc = _parse_document(src, self.ref, self.vocab)
        name = str(src.path)
        for plan in doc.plans:
            did = plan.document_id or document_id(src)
            if plan.identity in self.slots:
                self.replaced.append(_replaces(name, plan, self.slots[plan.identity].document["source_file"]))
            self.gen += 1
            new_units = self._plan_rows(plan, did)
            self.slots[plan.identity] = _Slot(self.gen, _document_row(src, plan.kind, plan.institution, plan.title,
                                                                      plan.period_start, plan.period_end, did,
                                                                      self.loaded_at),
                                              plan.institution_name, new_units, plan.warnings)
            self.pending += len(plan.actions)
        if doc.compendium is not None:
            self.compendia.append((_light(src), doc.compendium))
        elif doc.syllabus is not None:
            self.syllabi.append((_light(src), doc.syllabus))
        if self.pending >= self.batch_actions:
            self.flush()

    def _plan_rows(self, plan: Plan, did: str) -> list[str]:
        """Append the plan's rows to the batch; return the unit names it uses that no reference knows."""
        g, inst, rows = self.gen, plan.institution, self.rows
        rows["goals"] += [(did, inst, n, title, plan.goals_en.get(n), g) for n, title in plan.goals.items()]
        rows["targets"] += [(did, inst, n, k, title, plan.targets_en.get((n, k)), g)
                            for (n, k), title in plan.targets.items()]
        actions, units, oversight = rows["actions"], rows["action_units"], rows["action_oversight"]
        new_units: dict[str, None] = {}
        for seq, a in enumerate(plan.actions, start=1):
            a.seq = a.seq or seq
            key = plan.action_key(a)
            d = a.deadline
            actions.append((key, did, inst, seq, a.goal_no, a.target_no, a.action_no, a.goal_ref, a.title, d.raw,
                            d.start_year, d.end_year, d.start_month, d.end_month, d.recurrence,
                            d.start_year if d.start_year is not None else plan.period_start,
                            d.end_year if d.end_year is not None else plan.period_end,
                            a.responsible_raw, a.note_raw, a.source_line, *(a.details.get(k) for k in DETAILS),
                            a.title_en, *_source_values(a.source), list(a.uncertain), g))
            units += [(key, u, "lead", i, g) for i, u in enumerate(a.lead_units)]
            units += [(key, u, "partner", i, g) for i, u in enumerate(a.partner_units)]
            oversight += [(key, v, i, g) for i, v in enumerate(a.vice_rectors)]
            rows["action_people"] += [(key, p, i, g) for i, p in enumerate(a.people)]
            rows["action_strategy_codes"] += [(key, c, i, g) for i, c in enumerate(a.strategy_codes)]
            rows["strategy_refs"] += [(key, i, r.text, r.goal_no, r.target_no, r.action_no, r.level, g)
                                      for i, r in enumerate(strategy_refs.read_all(a.strategy_refs))]
            ind = a.indicator or indicators.indicator(a.details)
            if ind is not None:
                rows["action_indicators"].append((key, ind.name, ind.unit, ind.baseline_value, ind.target_value,
                                                  ind.period, ind.comparator, ind.source_column, ind.source_text, g))
            for u in a.lead_units + a.partner_units:
                if u not in self.known_units:
                    new_units[u] = None
        rows["ranking_targets"] += [(r.institution, r.ranking, r.best_rank, r.worst_rank, r.deadline_raw, r.end_year,
                                     plan.action_key(r.action), g) for r in ranking_targets(plan, self.ref)]
        return list(new_units)

    def flush(self) -> None:
        """Write the batch to the staging tables and let go of it."""
        import pyarrow as pa

        for table, columns in PLAN_COLUMNS.items():
            rows = self.rows[table]
            if not rows:
                continue
            batch = pa.Table.from_arrays([pa.array(c) for c in zip(*rows, strict=True)], names=[*columns, "_g"])
            self.con.register("_batch", batch)
            self.con.execute(f'INSERT INTO stage."{table}" BY NAME SELECT * FROM _batch')
            self.con.unregister("_batch")
            rows.clear()
        self.pending = 0

    def finish(self) -> list[Warning_]:
        """Write every table into the database in order; return the validation warnings."""
        self.flush()
        warnings = list(self.replaced)
        if len(self.compendia) > 1:
            warnings.append(_compendium_replaces(self.compendia))
        compendia = self.compendia[-1:]
        syllabi = list({s.facts["course_code"]: (src, s) for src, s in self.syllabi}.values())
        for slot in self.slots.values():
            warnings += slot.warnings
        small = _small_tables(list(self.slots.values()), compendia, syllabi, warnings, self.ref, self.loaded_at)
        runs: list[list[int]] = []  # generations of the plans kept, in their order, as runs of consecutive ones
        for slot in self.slots.values():
            if runs and slot.gen == runs[-1][1] + 1:
                runs[-1][1] = slot.gen
            else:
                runs.append([slot.gen, slot.gen])
        for name in TABLES:
            if name in PLAN_COLUMNS:
                for first, last in runs:
                    where = "" if runs == [[1, self.gen]] else f" WHERE _g BETWEEN {first} AND {last}"
                    self.con.execute(f'INSERT INTO main."{name}" BY NAME SELECT * EXCLUDE (_g) '
                                     f'FROM stage."{name}"{where}')
            elif small[name]:
                import pandas as pd  # not at the top: the parsing process that reads an upload needs no pandas

                df = pd.DataFrame(small[name])
                self.con.register("_df", df)
                self.con.execute(f'INSERT INTO main."{name}" BY NAME SELECT * FROM _df')  # our own table names
                self.con.unregister("_df")
        self.con.execute("DETACH stage")
        return warnings


def _source_values(src: Source | None) -> tuple:
    """The actions table's source_* values of a Source (NULL for what it does not know)."""
    if src is None:
        return (None,) * len(SOURCE_COLUMNS)
    return (src.file, src.page, src.sheet, src.table, src.row, src.paragraph, src.method or None)


def _sql_text(value: str) -> str:
    return value.replace("'", "''")


def _light(src: SourceText) -> SourceText:
    """The source without its text and bytes (kept until the end for its name and checksum only)."""
    return SourceText(src.path, None, src.sha256, src.size, src.kind)


def _document_row(src: SourceText, kind: str, inst: str | None, title: str, start: int | None, end: int | None,
                  did: str | None, loaded_at: dt.datetime) -> dict:
    return {"document_id": did or document_id(src), "kind": kind, "institution": inst, "title": title,
            "period_start": start, "period_end": end, "source_file": src.path.name, "sha256": src.sha256,
            "bytes": src.size, "loaded_at": loaded_at}


def _small_tables(slots: list[_Slot], compendia: list[tuple[SourceText, cbhe.Compendium]],
                  syllabi: list[tuple[SourceText, syllabus.Syllabus]], warnings: list[Warning_], ref: Reference,
                  loaded_at: dt.datetime) -> dict[str, list[dict]]:
    """Every table but the plan tables, as rows: documents, the reference tables, the universities and units
    the plans name, the compendium, the syllabi and the validation warnings."""
    t: dict[str, list[dict]] = {name: [] for name in TABLES if name not in PLAN_COLUMNS}
    t["institutions"] = _institutions(slots, syllabi, ref)
    t["units"] = _units(slots, ref)
    t["unit_aliases"] = [{"alias": a, "unit_name": u["canonical_az"]} for u in ref.units
                         for a in u["aliases"].split("|") if a]
    t["vice_rectors"] = [{k: r[k] for k in ("key", "name_az", "name_en")} for r in ref.vice_rectors]
    t["rankings"] = [{k: r[k] or None for k in ("key", "name", "publisher", "url")} for r in ref.rankings]
    t["countries"] = [{k: r[k] or None for k in ("code", "name_az", "name_en", "iso3")} for r in ref.countries]
    t["documents"] = [dict(slot.document) for slot in slots]
    orgs: dict[str, str | None] = {}
    for src, comp in compendia:
        t["documents"].append(_document_row(src, cbhe.KIND, None, comp.title, 2022, 2024, None, loaded_at))
        did = t["documents"][-1]["document_id"]
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
    plans_of = Counter(d["institution"] for d in t["documents"] if d["kind"] not in (cbhe.KIND, syllabus.KIND))
    for d in t["documents"]:  # goal labels: two plans of one university never share "GDU 1"
        period = "" if d["period_start"] is None else (str(d["period_start"]) if d["period_start"] == d["period_end"]
                                                       else f"{d['period_start']}-{d['period_end']}")
        several = d["kind"] not in (cbhe.KIND, syllabus.KIND) and plans_of.get(d["institution"], 0) > 1
        d["plan_label"] = f"{d['institution']} {period}".strip() if several else d["institution"]
    for src, s in syllabi:  # (no plan label: a syllabus is no plan)
        t["documents"].append(_document_row(src, syllabus.KIND, s.institution,
                                            f"{s.title} — işçi tədris proqramı {s.facts['academic_year']}",
                                            None, None, None, loaded_at))
        did = t["documents"][-1]["document_id"]
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
                                 "candidates": w.candidates} for w in warnings]
    return t


def _institutions(slots: list[_Slot], syllabi: list[tuple[SourceText, syllabus.Syllabus]],
                  ref: Reference) -> list[dict]:
    """The reference universities, and every university a loaded document names (an import creates it)."""
    rows = {r["code"]: {k: r[k] or None for k in ("code", "name_az", "name_en", "city")} for r in ref.institutions}
    for slot in slots:
        code = slot.document["institution"]
        if code not in rows:
            name = slot.institution_name or code
            rows[code] = {"code": code, "name_az": name, "name_en": name, "city": None}
    for _src, s in syllabi:
        rows.setdefault(s.institution, {"code": s.institution, "name_az": s.institution, "name_en": s.institution,
                                        "city": None})
    return list(rows.values())


def _units(slots: list[_Slot], ref: Reference) -> list[dict]:
    """Reference (and accepted) units, then every other name the plans use, kept as not reviewed."""
    rows = {u["canonical_az"]: {"unit_name": u["canonical_az"], "name_en": u["name_en"] or None, "kind": u["kind"],
                                "reviewed": True, "first_seen": None} for u in ref.units}
    for slot in slots:
        for name in slot.new_units:
            rows.setdefault(name, {"unit_name": name, "name_en": None, "kind": "department", "reviewed": False,
                                   "first_seen": slot.document["institution"]})
    return list(rows.values())


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
    """Temporary build files of processes that died (killed builds and imports) beside the database: the
    database being built, its staging file, their write-ahead logs and DuckDB's spill folder."""
    removed = []
    for leftover in db.parent.glob(f".{db.name}.building-*"):
        pid = leftover.name.rsplit("-", 1)[-1].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
            _remove(leftover)
            removed.append(leftover)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def apply_translations(con: duckdb.DuckDBPyConnection) -> int:
    """Put the English titles editors gave (state.translations) on the actions and goals they name; an item
    no longer in the plans is skipped. Returns the number of titles applied."""
    from state import translations

    given = translations.in_force()
    applied = 0
    for kind, key, title in zip(given.kind, given.item_key, given.title_en, strict=True) if len(given) else []:
        if kind == "action":
            applied += con.execute("UPDATE actions SET title_en = ? WHERE action_key = ?", [title, key]).fetchone()[0]
        else:
            doc, _, goal = str(key).rpartition("|")
            applied += con.execute("UPDATE goals SET title_en = ? WHERE document_id = ? AND goal_no = ?",
                                   [title, doc, int(goal)]).fetchone()[0]
    return applied


def build(raw_dir: Path = RAW_DIR, db: Path | None = None, ref_dir: Path = REFERENCE_DIR,
          imports: Path | None | bool = None, decisions: bool = True,
          batch_actions: int = BATCH_ACTIONS) -> BuildReport:
    """Build the database. `imports`: folder of imported documents; by default data/imported when
    building from the bundled data/raw, none for another --raw folder; False for none.
    `decisions`: apply the unit review decisions recorded in the user store.

    Memory does not grow with the number of documents: every file is read once to check it and to collect
    the vocabulary (the words that mend broken lines), then read again, parsed and written in batches of
    about `batch_actions` actions; only small facts per plan stay in memory until the end."""
    started = dt.datetime.now()
    db = Path(db or db_path())
    from state.unit_review import load_reference  # the user store, read here only

    ref = load_reference(ref_dir, decisions)
    if imports is None:
        imports = imports_dir() if Path(raw_dir).resolve() == RAW_DIR.resolve() else False
    files = source_files(Path(raw_dir)) + (imported_files(imports) if imports else [])
    tokens: set[str] = set()
    for path in files:  # every file is checked before anything is written
        text = read_source(path).text
        if text:
            tokens.update(text.split())
    vocab = _vocabulary(tokens, ref)
    del tokens
    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    stage = Path(f"{tmp}.stage")
    remove_leftovers(db)
    try:
        con = duckdb.connect(str(tmp), config={"memory_limit": MEMORY_LIMIT})
        try:
            con.execute(SCHEMA.read_text(encoding="utf-8"))
            loader = _Loader(con, ref, vocab, started.replace(microsecond=0), batch_actions)
            loader.stage(stage)
            for path in files:
                loader.add(read_source(path))
            try:
                warnings = loader.finish()
                if decisions:  # the English titles editors gave (user store), over what the documents say
                    apply_translations(con)
                con.execute(DERIVED.read_text(encoding="utf-8"))
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
            rows = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES}
        finally:
            con.close()
        crash_point("build-before-swap")
        os.replace(tmp, db)
        crash_point("build-swapped")
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal"), stage, Path(f"{stage}.wal"), Path(f"{tmp}.tmp")):
            _remove(leftover)
    return BuildReport(db, rows, warnings, (dt.datetime.now() - started).total_seconds())
