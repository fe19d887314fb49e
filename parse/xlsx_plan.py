"""The Excel plan template (python -m reports workbook --template) read back into plans and statuses.

Read safely: openpyxl in read-only mode with cached values only (no formula is evaluated), after
the zip guard. Every error names the sheet, the row and the column.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from parse import indicators, ranking_results
from parse import template_spec as spec
from parse.deadlines import parse_deadline
from parse.errors import LoadError
from parse.indicators import Indicator
from parse.normalise import keep_new_units
from parse.provenance import sheet_row
from parse.records import Action, Plan, Warning_
from parse.reference import Reference
from parse.safe_zip import open_workbook
from parse.text_utils import az_lower, squash
from paths import max_document_rows

KIND = "xlsx_template"
INSTITUTION_CODE = re.compile(r"[A-Za-z0-9]{1,12}")
MAX_ROWS = 200_000


@dataclass
class Workbook:
    plans: list[Plan] = field(default_factory=list)
    statuses: list[dict] = field(default_factory=list)
    ranking_results: list[dict] = field(default_factory=list)  # sheet 'ranking_results' (loaders/ranking_results.py)


def detect(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and b"xl/workbook.xml" in data[:20000] + data[-20000:]


def is_template(data: bytes) -> bool:
    """Our own template (sheets 'plans' and 'actions'), not a plan a strategy office typed in its own layout."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if z.getinfo("xl/workbook.xml").file_size > 5_000_000:
                return False
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError, NotImplementedError):
        return False  # damaged: the general reader says what is wrong with the file
    names = set(re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]+)"', book))
    return {spec.PLANS[0], spec.ACTIONS[0]} <= names


def _rows(wb, sheet: tuple[str, list[str]], file: str, required: bool = True) -> list[tuple[int, dict]]:
    name, columns = sheet
    if name not in wb.sheetnames:
        if required:
            raise LoadError(file, f"sheet '{name}'", f"the template's sheets {', '.join(s for s, _ in _SHEETS)}",
                            ", ".join(wb.sheetnames))
        return []
    rows = wb[name].iter_rows(values_only=True)
    header = [squash(str(h)) if h is not None else "" for h in next(rows, [])]
    missing = [c for c in columns if c not in header and c not in spec.OPTIONAL
               and not c.startswith(("lead_unit_", "partner_unit_", "vice_rector_"))]
    if missing:
        raise LoadError(file, f"sheet '{name}', row 1", f"the columns {missing}", ", ".join(header[:12]))
    index = {h: i for i, h in enumerate(header) if h}
    formulas = ranking_results.formula_cells(wb[name])
    out = []
    limit = max_document_rows()
    for r, values in enumerate(rows, start=2):
        if r > MAX_ROWS:
            raise LoadError(file, f"sheet '{name}'", f"at most {MAX_ROWS} rows")
        if len(out) > limit:
            raise LoadError(file, f"sheet '{name}', row {r}", f"at most {limit} rows with values",
                            f"more than {limit} (a plan has hundreds; split the document)")
        for col in sorted(c for rr, c in formulas if rr == r):
            if values is not None and col - 1 < len(values) and values[col - 1] is None:
                column = header[col - 1] if col - 1 < len(header) and header[col - 1] else f"#{col}"
                raise LoadError(file, f"sheet '{name}', row {r}, column {column}", "a value typed in the cell",
                                ranking_results.FORMULA)
        if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        out.append((r, {c: values[index[c]] if c in index and index[c] < len(values) else None for c in header if c}))
    return out


_SHEETS = [spec.PLANS, spec.GOALS, spec.TARGETS, spec.ACTIONS]


def _text(value, file: str, where: str, max_len: int = 5000) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
        raise LoadError(file, where, "text", type(value).__name__)
    text = squash(str(value))
    if len(text) > max_len:
        raise LoadError(file, where, f"at most {max_len} characters", f"{len(text)} characters")
    return text or None


def _int(value, file: str, where: str, required: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LoadError(file, where, "a whole number", "an empty cell")
        return None
    if isinstance(value, bool):
        raise LoadError(file, where, "a whole number", repr(value))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    raise LoadError(file, where, "a whole number", repr(value)[:40])


def _units(row: dict, where: str, plan: Plan, prefix: str, slots: int, ref: Reference, file: str) -> list[str]:
    """Units from the drop-down columns lead_unit_1..n; a name not in the reference is reported."""
    names: list[str] = []
    for i in range(1, slots + 1):
        value = _text(row.get(f"{prefix}_{i}"), file, f"{where}, column {prefix}_{i}", 200)
        if not value:
            continue
        m = ref.matcher.match_at(value.split(), 0)
        if m and m.end == len(value.split()):
            names += [u for u in m.units if u not in names]
        else:
            names += keep_new_units([value], plan, ref, file, f"{where}, column {prefix}_{i}", names)
    return names


def _indicator(row: dict, details: dict, file: str, where: str) -> Indicator | None:
    """The template's indicator columns, when any is filled; the indicator read from the detail columns when
    they say the same (so a workbook exported and imported back changes nothing) or are empty."""
    given = {c: row.get(c) for c in spec.INDICATOR_COLUMNS}
    read = indicators.indicator(details)
    if all(v is None or (isinstance(v, str) and not v.strip()) for v in given.values()):
        return read

    def number(c: str) -> float | None:
        v = given[c]
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, bool) or not isinstance(v, int | float):
            try:
                return float(str(v).replace(",", ".").strip())
            except ValueError:
                raise LoadError(file, f"{where}, column {c}", "a number (or an empty cell)", str(v)[:30]) from None
        return float(v)

    unit = _text(given["indicator_unit"], file, f"{where}, column indicator_unit", 20)
    unit = {"%": "percent", "faiz": "percent", "say": "count", "dəfə": "times"}.get(unit or "", unit)
    if unit is not None and unit not in indicators.UNITS:
        raise LoadError(file, f"{where}, column indicator_unit", "one of " + ", ".join(indicators.UNITS), unit)
    period = _text(given["indicator_period"], file, f"{where}, column indicator_period", 20)
    if period is not None and period not in indicators.PERIODS:
        raise LoadError(file, f"{where}, column indicator_period", "one of " + ", ".join(indicators.PERIODS)
                        + " (or empty: over the whole action)", period)
    name = _text(given["indicator_name"], file, f"{where}, column indicator_name")
    mine = (name, unit, number("indicator_baseline"), number("indicator_target"), period)
    if read is not None and mine == (read.name, read.unit, read.baseline_value, read.target_value, read.period):
        return read
    return Indicator(name, unit, mine[2], mine[3], period, None, "template", None)


def _strategy_refs(row: dict, codes: list[str], file: str, where: str) -> list[str]:
    """The strategy_ref cell's references (';' or line breaks between them); a workbook made before the column
    existed gives its strategy codes instead."""
    if spec.STRATEGY_REF not in row:
        return list(codes)
    value = row[spec.STRATEGY_REF]
    if value is not None and not isinstance(value, str | int | float):
        raise LoadError(file, f"{where}, column {spec.STRATEGY_REF}", "text such as '3.3.1; 2.1'",
                        type(value).__name__)
    text = "" if value is None else str(value)
    if len(text) > 2000:
        raise LoadError(file, f"{where}, column {spec.STRATEGY_REF}", "at most 2000 characters",
                        f"{len(text)} characters")
    return [squash(p) for p in re.split(r"[;\n\r]+", text) if squash(p)]


def parse(data: bytes, file: str, ref: Reference) -> Workbook:
    with open_workbook(data, file) as wb:
        out = _read(wb, file, ref)
        out.ranking_results = ranking_results.read_sheet(wb, file, [r["key"] for r in ref.rankings])
        return out


def _read(wb, file: str, ref: Reference) -> Workbook:
    out = Workbook()
    plans: dict[str, Plan] = {}
    vr_names = {az_lower(v[k]): v["key"] for v in ref.vice_rectors for k in ("key", "name_az", "name_en")}
    for r, row in _rows(wb, spec.PLANS, file):
        where = f"sheet 'plans', row {r}"
        doc_id = _text(row["document_id"], file, f"{where}, column document_id", 120)
        inst = _text(row["institution"], file, f"{where}, column institution", 40)
        if not doc_id or not re.fullmatch(r"[A-Za-z0-9_.-]+", doc_id):
            raise LoadError(file, f"{where}, column document_id", "an identifier of letters, digits and _", doc_id)
        if not inst or not INSTITUTION_CODE.fullmatch(inst):
            raise LoadError(file, f"{where}, column institution", "a university code of letters and digits, at most "
                            "12 (e.g. QKU; a new code adds the university, named in column institution_name)", inst)
        inst = inst.upper()
        start = _int(row["period_start"], file, f"{where}, column period_start", True)
        end = _int(row["period_end"], file, f"{where}, column period_end", True)
        if not (2000 <= start <= end <= 2100):
            raise LoadError(file, f"{where}, period", "years with start ≤ end", f"{start}-{end}")
        title = _text(row["title"], file, f"{where}, column title")
        plan = Plan(_text(row["kind"], file, f"{where}, column kind", 60) or KIND, inst, title or doc_id,
                    start, end)
        plan.document_id = doc_id
        plan.institution_name = _text(row.get("institution_name"), file, f"{where}, column institution_name", 200)
        plans[doc_id] = plan

    def plan_of(value, where: str) -> Plan:
        doc_id = _text(value, file, f"{where}, column document_id", 120)
        if doc_id not in plans:
            raise LoadError(file, f"{where}, column document_id", "a document_id listed on sheet 'plans'", doc_id)
        return plans[doc_id]

    for r, row in _rows(wb, spec.GOALS, file):
        where = f"sheet 'goals', row {r}"
        plan = plan_of(row["document_id"], where)
        goal_no = _int(row["goal_no"], file, f"{where}, column goal_no", True)
        plan.goals[goal_no] = _text(row["title"], file, f"{where}, column title")
        english = _text(row.get("title_en"), file, f"{where}, column title_en")
        if english:
            plan.goals_en[goal_no] = english
    for r, row in _rows(wb, spec.TARGETS, file):
        where = f"sheet 'targets', row {r}"
        plan = plan_of(row["document_id"], where)
        key = (_int(row["goal_no"], file, f"{where}, column goal_no", True),
               _int(row["target_no"], file, f"{where}, column target_no", True))
        plan.targets[key] = _text(row["title"], file, f"{where}, column title")
        english = _text(row.get("title_en"), file, f"{where}, column title_en")
        if english:
            plan.targets_en[key] = english
    for r, row in _rows(wb, spec.ACTIONS, file):
        where = f"sheet 'actions', row {r}"
        plan = plan_of(row["document_id"], where)
        title = _text(row["title"], file, f"{where}, column title")
        if not title:
            raise LoadError(file, f"{where}, column title", "the action's text", "an empty cell")

        vrs: list[str] = []
        people: list[str] = []
        for i in range(1, spec.VR_SLOTS + 1):
            value = _text(row.get(f"vice_rector_{i}"), file, f"{where}, column vice_rector_{i}", 200)
            if value:
                # A key or a name from the list, a portfolio named in words, or else a person: kept, never refused.
                keys = [vr_names[az_lower(value)]] if az_lower(value) in vr_names else ref.vice_rector_keys(value)
                if keys:
                    vrs += [k for k in keys if k not in vrs]
                else:
                    people.append(value)
                    plan.warnings.append(Warning_(file, f"{where}, column vice_rector_{i}",
                                                  f"{value!r} is no vice-rector portfolio of the list: kept as the "
                                                  "person overseeing the action"))
        deadline_raw = _text(row["deadline_raw"], file, f"{where}, column deadline_raw", 200)
        deadline = parse_deadline(deadline_raw, plan.period_start, plan.period_end)
        if deadline_raw and deadline.recurrence is None:
            plan.warnings.append(Warning_(file, f"{where}, column deadline_raw",
                                          f"deadline {deadline_raw!r} gives no year or recurrence; kept as written"))
        lead = _units(row, where, plan, "lead_unit", spec.LEAD_SLOTS, ref, file)
        action = Action(
            seq=_int(row.get("seq"), file, f"{where}, column seq") or len(plan.actions) + 1,
            goal_no=_int(row["goal_no"], file, f"{where}, column goal_no"),
            target_no=_int(row["target_no"], file, f"{where}, column target_no"),
            action_no=_int(row["action_no"], file, f"{where}, column action_no"),
            title=title, deadline=deadline, lead_units=lead,
            title_en=_text(row.get("title_en"), file, f"{where}, column title_en") or None,
            partner_units=[u for u in _units(row, where, plan, "partner_unit", spec.PARTNER_SLOTS, ref, file)
                           if u not in lead],
            vice_rectors=vrs,
            responsible_raw=_text(row.get("responsible_raw"), file, f"{where}, column responsible_raw"),
            note_raw=_text(row.get("note_raw"), file, f"{where}, column note_raw"),
            source_line=r,
            source=sheet_row(file, "actions", r),
            goal_ref=_text(row.get("goal_ref"), file, f"{where}, column goal_ref", 60),
            details={c: _text(row.get(c), file, f"{where}, column {c}") for c in spec.DETAIL_COLUMNS},
            people=[p.strip() for p in (_text(row.get("people"), file, f"{where}, column people") or "").split(";")
                    if p.strip()]
            + [p for p in people if p],
            strategy_codes=[c.strip() for c in
                            (_text(row.get("strategy_codes"), file, f"{where}, column strategy_codes") or "").split(";")
                            if c.strip()],
            key=_text(row.get("action_key"), file, f"{where}, column action_key", 120),
        )
        action.indicator = _indicator(row, action.details, file, where)
        action.strategy_refs = _strategy_refs(row, action.strategy_codes, file, where)
        plan.actions.append(action)
    for r, row in _rows(wb, spec.STATUS, file, required=False):
        where = f"sheet 'status', row {r}"
        key = _text(row["action_key"], file, f"{where}, column action_key", 120)
        status = _text(row["status"], file, f"{where}, column status", 40)
        if not key and not status:
            continue
        as_of = row.get("as_of")
        if isinstance(as_of, dt.datetime):
            as_of = as_of.date()
        elif as_of is not None and not isinstance(as_of, dt.date):
            try:
                as_of = dt.date.fromisoformat(str(as_of).strip())
            except ValueError:
                raise LoadError(file, f"{where}, column as_of", "a date (YYYY-MM-DD)", str(as_of)[:30]) from None
        pct = row.get("progress_pct")
        if pct is not None and (isinstance(pct, bool) or not isinstance(pct, int | float)):
            raise LoadError(file, f"{where}, column progress_pct", "a number 0-100", repr(pct)[:30])
        out.statuses.append({"action_key": key, "as_of": as_of, "status": status, "progress_pct": pct,
                             "comment": _text(row.get("comment"), file, f"{where}, column comment"),
                             "evidence_url": _text(row.get("evidence_url"), file, f"{where}, column evidence_url", 500),
                             "row": r})
    for plan in plans.values():
        if not plan.actions:
            raise LoadError(file, f"sheet 'actions' ({plan.document_id})", "at least one action for each plan")
        plan.actions.sort(key=lambda a: a.seq)
    out.plans = list(plans.values())
    return out
