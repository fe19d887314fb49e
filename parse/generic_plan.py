"""Any plan table in a PDF, Word or Excel file to goals, targets and actions.

One reader for every layout: loaders/tables.py extracts the tables, loaders/column_roles.py says which column
holds what, and each row goes through loaders/normalise.py like every other plan, so deadlines, units (new
names kept as new units) and vice-rectors read the same whatever the format.

Goals and targets come from headings ("Məqsəd 1: …", "Hədəf 1.2 …", "Goal 1", "Цель 1", "Amaç 1", "Hedef 1.1")
written as paragraphs between tables or as full-width rows, from goal/target columns ("Məqsəd - 3 hədəf 1-1-3",
merged over their rows), or from hierarchical numbers ("1.2.3", "3-1-5"). A table without a header whose
column count matches the previous one continues it; a row broken by a page end is joined to its first part.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from parse.column_roles import (
    ColumnRole,
    fold,
    header_rows,
    header_span,
    header_texts,
    infer_roles,
    is_guessed,
    is_heading_row,
    mapping_key,
)
from parse.errors import LoadError
from parse.normalise import action_from_cells, keep_new_units, lines_split, read_cell, split_lines
from parse.ocr_tables import image_kind, ocr_tables
from parse.paragraph_plan import paragraph_table
from parse.provenance import Source, add_reason, table_row
from parse.records import Action, Plan, Warning_
from parse.reference import Reference
from parse.tables import RawTable, docx_tables, join_lines, pdf_tables, xlsx_tables
from parse.text_utils import squash
from parse.university_guess import (
    CHOSEN_NAME,
    CHOSEN_PERIOD,
    CHOSEN_UNIVERSITY,
    chosen_for,
    chosen_period,
    period_text,
    propose_period,
    propose_university,
)

KIND = "generic_plan"
GOAL_WORDS = r"(?:strateji\s+)?(?:m[əa]qs[əa]d|goal|strategic\s+(?:goal|objective|priority|direction)|цель" \
             r"|стратегическая\s+цель|ama[çc]|stratejik\s+ama[çc]|strateji\s+istiqam[əe]t)"
TARGET_WORDS = r"(?:h[əe]d[əe]f|hedef|target|objective|task|задача|подцель)"
NUM = r"(\d{1,3}(?:[.\-–]\d{1,3})*)(?!\d)"
HEAD_RE = re.compile(rf"^\s*(?P<word>{GOAL_WORDS}|{TARGET_WORDS})\s*[-–№#]?\s*{NUM}\s*[.:)\-–]?\s*(?P<title>.*)$",
                     re.IGNORECASE | re.DOTALL)
GOAL_IN_RE = re.compile(rf"{GOAL_WORDS}\s*[-–№#:]?\s*(\d{{1,3}})", re.IGNORECASE)
TARGET_IN_RE = re.compile(rf"{TARGET_WORDS}\s*[-–№#:]?\s*{NUM}", re.IGNORECASE)
NUMBERED_RE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,2})(?:[.)]\s*|\s+)(?=\S)(?!\d{1,3}[.)]?\s)(.*)$", re.DOTALL)
LEAD_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+(?=\S)")
PARTS_RE = re.compile(r"\d{1,3}")
ROMAN_RE = re.compile(r"^\s*(?P<r>[IVX]{1,5})\s*[.)]?\s+(?P<title>\S.*)$", re.DOTALL)
ROMAN_NO_RE = re.compile(r"^\s*([IVX]{1,5})\s*[.)]?\s*$")
# a totals row: "Cəmi: 9 tədbir", "Yekun", "Total", "Итого", "Всего"
TOTALS_RE = re.compile(r"^\s*(?:c[əe]mi|yekun|total|totals|grand\s+total|итого|всего|toplam)\s*(?:[:.\-–—]|\d|$)",
                       re.IGNORECASE)  # a word alone, or before ':' or a number ("Total quality ..." is an action)
PERIOD_RANGE_RE = re.compile(r"(?<!\d)(20\d\d)\s*[-–—/]\s*(20\d\d)(?!\d)")
PERIOD_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)\s*-?\s*(?:c[iuü]\s+)?(?:il|year|год|yil)")
CODE_RE = re.compile(r"([^()\n]{3,120}?)\s*\(([A-Z][A-Z0-9]{1,11})\)")
BULLETS_RE = re.compile(r"\s*[•·▪◦●■‣⁃;]\s*|\s(?=\d{1,2}\)\s)")
LIST_BREAK_RE = re.compile(r"(?<=[,;.])[ \t]*\n\s*|[ \t]*\n\s*(?=[•·▪◦●■‣⁃*\-–—]\s|\d{1,2}[.)]\s)")
ITEM_MARK_RE = re.compile(r"^(?:[-–—*]\s+|\d{1,2}[.)]\s+)")
CAP = "A-ZƏÖÜÇŞĞİ"
LOW = "a-zəöüçşğı"
PERSON_RE = re.compile(rf"[{CAP}][{LOW}]+(?:\s+[{CAP}][{LOW}]+)+")
UNIT_WORD_RE = re.compile(r"mərkəz|şöbə|kafedra|bölmə|dekanl|fakült|komitə|şura|idarə|laborator|sektor|xidmət"
                          r"|universitet|institut|təşkilat|birlik|cəmiyyət|klub|qrup|nazirlik|agentlik|fond|şirkət"
                          r"|office|centre|center|department|faculty|unit|board|committee|council|club|union|society"
                          r"|association|group|agency|ministry|foundation|отдел|центр|кафедр|управлен|ofis|birim"
                          r"|merkez|bölüm|müdürlü|daire|lər\b|lar\b", re.IGNORECASE)
DETAIL_HEADERS = [("kəmiyyət", "indicator_quantitative"), ("keyfiyyət", "indicator_qualitative"),
                  ("hesabat", "reporting"), ("resurs", "resources"), ("ehtiyac", "resources"),
                  ("baza", "baseline"), ("icra yollar", "means"), ("sənəd", "evidence"), ("baseline", "baseline"),
                  ("resource", "resources"), ("report", "reporting"), ("means", "means"), ("evidence", "evidence")]
TEXT_ROLES = ("title", "deadline", "lead", "partner", "oversight", "note", "indicator")


def kind_of(data: bytes) -> str | None:
    """'pdf', 'docx', 'xlsx' or 'image' (a scanned page: PNG, JPEG or TIFF) from the content (never the file
    name); None for anything else."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if image_kind(data):
        return "image"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


_KEPT: dict[str, object] = {"on": False}  # the last document's raw tables, when reuse_tables() is on


def reuse_tables() -> None:
    """Keep the last document's raw tables, so that reading it again (with remembered column roles, then for
    the preview's role editor) does not extract them again: for the process that reads one upload
    (plandb/parse_job); a long-running server would keep them for nothing."""
    _KEPT["on"] = True


def read_tables(data: bytes, file: str) -> list[RawTable]:
    """The document's raw tables, by the reader its content calls for."""
    import copy
    import hashlib

    kind = kind_of(data)
    readers = {"pdf": pdf_tables, "docx": docx_tables, "xlsx": xlsx_tables, "image": ocr_tables}
    if kind is None:
        raise LoadError(file, "whole file", "a PDF, Word (.docx) or Excel (.xlsx) plan, or a scanned plan (PNG, JPEG "
                        "or TIFF)", repr(data[:8]))
    if not _KEPT["on"]:
        return readers[kind](data, file)
    # keyed by the content alone: the parse names the file by its path, the role editor by its name
    key = hashlib.sha256(data).digest()
    if _KEPT.get("key") != key:
        _KEPT["key"], _KEPT["tables"] = None, None
        _KEPT["tables"], _KEPT["key"] = readers[kind](data, file), key
    tables = copy.deepcopy(_KEPT["tables"])  # callers change their tables (title rows taken off)
    for table in tables:
        table.source = file
    return tables


def _tables_or_paragraphs(data: bytes, file: str) -> list[RawTable]:
    """The document's tables; a Word plan without any: its numbered action paragraphs as one table
    (parse.paragraph_plan), else the reader's refusal."""
    try:
        return read_tables(data, file)
    except LoadError as exc:
        if kind_of(data) != "docx" or "no table" not in (exc.found or ""):
            raise
        table = paragraph_table(data, file)
        if table is None:
            raise
        return [table]


@dataclass
class _Row:
    """One action's cells before normalising."""
    where: str
    goal: int | None
    target: int | None
    number: int | None
    goal_ref: str | None
    cells: dict[str, list[str]] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # references to the strategic plan, as written
    source: Source | None = None  # where the row is (its first part, for a row broken by a page end)
    uncertain: list[str] = field(default_factory=list)  # reasons to check it (parse.provenance.UNCERTAIN)


@dataclass
class _Layout:
    """What a header says about its tables, decided once over every table with that header."""
    roles: list[ColumnRole]
    number_is_group: bool = False  # "s.s." over several rows: a section (goal) number, not the action's
    depth: int = 1  # parts of the longest number ("1.2.3": 3)
    title_numbers: bool = False  # action texts start with their own number ("1. …")

    def cols(self, role: str) -> list[int]:
        return [c.index for c in self.roles if c.role == role]


@dataclass
class _State:
    plan: Plan
    goal: int | None = None
    target: int | None = None
    goal_text: str | None = None
    target_text: str | None = None
    last_heading: tuple[int | None, int | None] | None = None

    def heading(self, text: str, numbered: bool = False) -> bool:
        """Read a goal or target heading ("Hədəf 1.2: …"; with `numbered` also "1.2 …"); True when it is one."""
        m = HEAD_RE.match(text)
        if m:
            parts = [int(p) for p in PARTS_RE.findall(m.group(2))]
            title = squash(m.group("title")) or None
            if re.match(GOAL_WORDS, m.group("word"), re.IGNORECASE):
                self.set_goal(parts[0], title)
            elif len(parts) >= 2:
                self.set_goal(parts[0], None)
                self.set_target(parts[1], title)
            else:
                self.set_target(parts[0], title)
            return True
        r = ROMAN_RE.match(text) if numbered else None
        if r and roman(r.group("r")) and len(text) < 400:
            self.set_goal(roman(r.group("r")), squash(r.group("title")))  # type: ignore[arg-type]
            return True
        m = NUMBERED_RE.match(text) if numbered else None
        if m and len(text) < 400:
            parts = [int(p) for p in PARTS_RE.findall(m.group(1))]
            if len(parts) == 1:
                self.set_goal(parts[0], squash(m.group(2)))
            elif len(parts) == 2:
                self.set_goal(parts[0], None)
                self.set_target(parts[1], squash(m.group(2)))
            else:
                return False
            return True
        return False

    def set_goal(self, goal: int, title: str | None) -> None:
        if goal != self.goal:
            self.target = None
        self.goal = goal
        if title or goal not in self.plan.goals:
            self.plan.goals[goal] = title or self.plan.goals.get(goal)
        self.last_heading = (goal, None)

    def set_target(self, target: int, title: str | None) -> None:
        self.target = target
        key = (self.goal, target)
        if title or key not in self.plan.targets:
            self.plan.targets[key] = title or self.plan.targets.get(key)  # type: ignore[index]
        self.last_heading = key

    def continue_heading(self, text: str) -> None:
        """A heading wrapped over two lines: the second line continues its title."""
        if self.last_heading is None:
            return
        g, t = self.last_heading
        store = self.plan.goals if t is None else self.plan.targets
        key = g if t is None else (g, t)
        store[key] = squash(f"{store.get(key) or ''} {text}")  # type: ignore[index]


def roman(text: str) -> int | None:
    """'IV' -> 4; None for what is no Roman numeral up to 39."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total if 0 < total < 40 and _ROMANS[total] == text else None


_ROMANS = {n: ("X" * (n // 10)) + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n % 10]
           for n in range(1, 40)}


def _roman_section(row: list[str | None], layout: _Layout) -> tuple[int, str] | None:
    """A section row: a Roman numeral in the number column and a title alone ("II. | Научная работа")."""
    numbers, titles = layout.cols("number")[:1], layout.cols("title")[:1]
    if not numbers or not titles or numbers[0] >= len(row) or titles[0] >= len(row):
        return None
    m = ROMAN_NO_RE.match(row[numbers[0]] or "")
    others = [c for i, c in enumerate(row) if i not in (numbers[0], titles[0]) and c and c.strip()]
    if m and roman(m.group(1)) and (row[titles[0]] or "").strip() and not others:
        return roman(m.group(1)), squash(row[titles[0]] or "")  # type: ignore[return-value]
    return None


# ---------------------------------------------------------------- heading, university and period

def _institution(text: str, ref: Reference) -> tuple[str | None, str | None]:
    """(code, name as written for a university the reference does not know)."""
    m = CODE_RE.search(text)
    if m:
        code = m.group(2)
        known = any(i["code"] == code for i in ref.institutions)
        return code, None if known else squash(m.group(1))
    low = fold(text)
    for inst in ref.institutions:
        if any(inst.get(k) and fold(inst[k]) in low for k in ("name_az", "name_en")):
            return inst["code"], None
    return None, None


def _period(text: str) -> tuple[int, int] | None:
    low = fold(text)
    for m in PERIOD_RANGE_RE.finditer(low):
        if int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    m = PERIOD_YEAR_RE.search(low)
    if m:
        return int(m.group(1)), int(m.group(1))
    years = set(re.findall(r"(?<!\d)20\d\d(?!\d)", low))
    return (int(years.pop()),) * 2 if len(years) == 1 else None  # type: ignore[return-value]


def _heading(intro: list[str], file: str, ref: Reference, chosen: dict[str, str]) \
        -> tuple[str | None, str | None, tuple[int, int] | None, list[str]]:
    """(code, name of a new university, period, what was proposed: said in the preview)."""
    said: list[str] = []
    institution, name = _institution("\n".join(intro), ref)
    if chosen.get(CHOSEN_UNIVERSITY):
        institution = chosen[CHOSEN_UNIVERSITY]
        known = {i["code"] for i in ref.institutions}
        name = chosen.get(CHOSEN_NAME) or (None if institution in known else name)
        said.append(f"university {institution} as chosen")
    elif not institution:
        uni = propose_university(intro, ref)
        institution, name = uni.code or None, uni.name
        if uni.source == "none":
            said.append("no university named in the heading: give it (--university CODE --university-name NAME)")
        else:
            said.append(f"university proposed: {institution}" + (f" ({name}, new)" if name else "")
                        + " — confirm it or give another (--university CODE)")
    own, served = propose_period(intro)
    legacy = _period("\n".join(intro))
    period = own if served else (legacy or own)
    if chosen.get(CHOSEN_PERIOD):
        period = chosen_period(chosen[CHOSEN_PERIOD])
        said.append(f"period {period_text(period)} as chosen")
    elif served and period:
        said.append(f"period proposed: {period_text(period)}, the plan's own (it serves the strategy "
                    f"{period_text(served)}) — confirm it or give another (--period)")
    return institution, name, period, said


def _title(intro: list[str], ref: Reference) -> str | None:
    """From the line naming the university to the line giving the period: 'Qərbi Kaspi Universiteti — Strateji
    plan 2021-2025', 'NAXÇIVAN DÖVLƏT UNİVERSİTETİ — … 2025-Cİ İL ÜÇÜN FƏALİYYƏT PLANI'."""
    lines = [squash(line) for line in intro if squash(line)]
    first = next((i for i, line in enumerate(lines) if _institution(line, ref)[0]), 0)
    last = next((i for i, line in enumerate(lines) if i >= first and _period(line)), first)
    if not lines or last - first > 3:
        return lines[0][:200] if lines else None
    head, rest = lines[first], " ".join(lines[first + 1:last + 1])
    return (f"{head} — {rest}" if rest else head)[:200]


def _new_plan(before: list[str], where: str, file: str, ref: Reference, chosen: dict | None = None) -> Plan:
    """University, period and title from the text before the first plan table (parse.university_guess proposes
    them; `chosen`, a person's choice from plan_choices(), wins)."""
    intro = [line for line in before if not HEAD_RE.match(line)]
    text = "\n".join(intro)
    institution, name, period, proposal = _heading(intro, file, ref, chosen or {})
    if not institution or not period:
        raise LoadError(file, f"text before the first table ({where})",
                        "a title naming the university (e.g. 'Qərbi Kaspi Universiteti', or a new one with its code: "
                        "'Gəncə Dövlət Universiteti (GDU)') and the plan period (e.g. '2021-2025' or '2026-cı il'); "
                        "or give them (--university CODE --period 2026)", squash(text)[:100] or None)
    start, end = period
    plan = Plan(KIND, institution, _title(intro, ref) or f"{name or institution} — {start}-{end}", start, end)
    plan.institution_name = name
    plan.document_id = f"{institution.lower()}_plan_{start}_{end}" if start != end else \
        f"{institution.lower()}_plan_{start}"
    plan.warnings += [Warning_(file, f"text before the first table ({where})", m) for m in proposal]
    return plan


# ---------------------------------------------------------------- layouts

def _layouts(tables: list[RawTable], ref: Reference, override: dict | None,
             warnings: list[Warning_]) -> list[tuple[_Layout, int, bool] | None]:
    """Per table: its layout, its number of header rows, and whether it continues the table before it.
    Tables with the same header share one layout, decided over all their rows."""
    keys: list[tuple[str, ...] | None] = []
    heads: list[int] = []
    for i, t in enumerate(tables):
        n = header_rows(t)
        heads.append(n)
        if n:
            keys.append(tuple(mapping_key(h) for h in header_texts(t, n)))
        elif i and keys[-1] is not None and t.width == tables[i - 1].width:
            keys.append(keys[-1])  # no header, same columns: the previous table goes on
        else:
            keys.append(None)
    layouts: dict[tuple[str, ...], _Layout | LoadError] = {}
    for key in dict.fromkeys(k for k in keys if k is not None):
        members = [(tables[i], heads[i]) for i, k in enumerate(keys) if k == key]
        first, n = members[0]  # a key starts at a table with a header
        rows = first.rows[:n] + [r for t, h in members for r in t.rows[h:]]
        try:
            head = {k: v for k, v in first.merged.items() if k[0] < n}
            roles = infer_roles(RawTable(first.source, first.where, rows, merged=head), ref, override, n)
        except LoadError as exc:
            layouts[key] = exc
            continue
        layouts[key] = _layout(roles, members)
    out: list[tuple[_Layout, int, bool] | None] = []
    first_error: LoadError | None = None
    for i, (t, key) in enumerate(zip(tables, keys, strict=True)):
        found = layouts.get(key) if key else None
        if not isinstance(found, _Layout):
            error = found if isinstance(found, LoadError) else _unknown_table(t)
            first_error = first_error or error
            warnings.append(Warning_(t.source, t.where, f"table skipped: expected {error.expected}"))
            out.append(None)
            continue
        out.append((found, heads[i], bool(i) and keys[i - 1] == key))
    if all(o is None for o in out):
        raise first_error or _unknown_table(tables[0])
    return out


def _unknown_table(t: RawTable) -> LoadError:
    return LoadError(t.source, t.where, "a header row naming the columns (e.g. № | Tədbirlər | İcra müddəti | Məsul) "
                     "or the columns of the table before it", " | ".join(c or "" for c in t.rows[0])[:120])


def _layout(roles: list[ColumnRole], members: list[tuple[RawTable, int]]) -> _Layout:
    layout = _Layout(roles)
    numbers, titles = layout.cols("number"), layout.cols("title")
    merged_numbers = 0
    values: list[str] = []
    title_values: list[str] = []
    for t, n in members:
        for row in t.rows[n:]:
            if is_heading_row(row):
                continue
            if numbers and numbers[0] < len(row):
                if row[numbers[0]] is None:
                    merged_numbers += 1
                elif row[numbers[0]]:
                    values.append(row[numbers[0]] or "")
            if titles and titles[0] < len(row) and row[titles[0]]:
                title_values.append(row[titles[0]] or "")
    layout.depth = max((len(PARTS_RE.findall(v)) for v in values), default=1)
    layout.title_numbers = sum(bool(LEAD_NUMBER_RE.match(v)) for v in title_values) * 2 >= max(len(title_values), 1)
    layout.number_is_group = layout.depth == 1 and bool(numbers) and (merged_numbers > 0 or layout.title_numbers)
    return layout


# ---------------------------------------------------------------- rows

def _text(row: list[str | None], c: int) -> str:
    return squash(row[c] or "") if c < len(row) else ""


def _goal_cell(text: str, state: _State, row_ref: list[str | None]) -> None:
    """A goal column: "Məqsəd - 3 hədəf 1-1-3", "Məqsəd 1: title", "1. title" or a title alone."""
    m = GOAL_IN_RE.search(text)
    t = TARGET_IN_RE.search(text)
    if m:
        rest = squash(HEAD_RE.match(text).group("title")) if HEAD_RE.match(text) and not t else None
        state.set_goal(int(m.group(1)), rest or None)
    elif (n := NUMBERED_RE.match(text)) and len(PARTS_RE.findall(n.group(1))) == 1:
        state.set_goal(int(n.group(1)), squash(n.group(2)))
    elif text != state.goal_text:
        state.set_goal(max((g for g in state.plan.goals if g), default=0) + 1, text)
    state.goal_text = text
    if t:
        parts = PARTS_RE.findall(t.group(1))
        state.set_target(int(parts[0]), None)
        row_ref[0] = squash(t.group(1)) if len(parts) > 1 else None


def _target_cell(text: str, state: _State, numbered: bool) -> None:
    """A target column: "1. title", "Hədəf 1.2: title" or a title alone (numbered in order, unless the
    number column already gave the target)."""
    if HEAD_RE.match(text) and state.heading(text):
        pass
    elif (n := NUMBERED_RE.match(text)) and len(PARTS_RE.findall(n.group(1))) == 1:
        state.set_target(int(n.group(1)), squash(n.group(2)))
    elif numbered:
        state.plan.targets[(state.goal, state.target)] = text  # type: ignore[index]
    elif text != state.target_text:
        known = [t for g, t in state.plan.targets if g == state.goal and t]
        state.set_target(max(known, default=0) + 1, text)
    state.target_text = text


def _read_row(row: list[str | None], layout: _Layout, state: _State, where: str) -> _Row:
    """Structure (goal, target, action number) and the text cells of one row; the state carries goal and target
    over merged cells and from headings."""
    number: int | None = None
    numbered_target = False
    for c in layout.cols("number")[:1]:
        parts = [int(p) for p in PARTS_RE.findall(_text(row, c))]
        if len(parts) >= 3 or (len(parts) == 2 and layout.depth >= 3):
            state.set_goal(parts[0], None)
            state.set_target(parts[1], None)
            number, numbered_target = (parts[-1] if len(parts) >= 3 else None), True
        elif len(parts) == 2:
            if state.goal != parts[0]:
                state.set_goal(parts[0], None)
            number = parts[1]
        elif parts and layout.number_is_group:
            state.set_goal(parts[0], None)
        elif parts:
            number = parts[0]
    goal_ref: list[str | None] = [None]
    for c in layout.cols("goal")[:1]:
        if _text(row, c):
            _goal_cell(_text(row, c), state, goal_ref)
    for c in layout.cols("target")[:1]:
        if _text(row, c):
            _target_cell(_text(row, c), state, numbered_target)
    out = _Row(where, state.goal, state.target, number, goal_ref[0])
    for c in layout.cols("goal")[:1]:
        if goal_ref[0] and TARGET_IN_RE.search(_text(row, c)):  # "Məqsəd - 3 hədəf 1-1-3": a strategy reference
            out.refs.append(squash(_text(row, c)))
    for col in layout.roles:
        text = row[col.index] if col.index < len(row) else None
        if not text or not text.strip():
            continue
        if col.role in TEXT_ROLES:
            out.cells.setdefault(col.role, []).append(text.strip())
        _detail(col, text.strip(), out)
    titles = out.cells.get("title")
    if titles and layout.title_numbers and (m := LEAD_NUMBER_RE.match(titles[0])):
        titles[0] = titles[0][m.end():]
        if out.number is None or layout.number_is_group:
            out.number = int(m.group(1))
    return out


def _detail(col: ColumnRole, text: str, row: _Row) -> None:
    low = fold(col.header)
    if col.role == "indicator":
        key = next((k for word, k in DETAIL_HEADERS[:2] if word in low), "expected_result")
    elif col.role == "strategy":
        row.codes += re.findall(r"\d+(?:\.\d+)+", text)
        row.refs.append(text)
        return
    elif col.role == "ignore":
        if "strategiya" in low or "strategy" in low:
            row.codes += re.findall(r"\d+(?:\.\d+)+", text)
        key = next((k for word, k in DETAIL_HEADERS if word in low), None)
    else:
        return
    if key:
        row.details[key] = squash(f"{row.details.get(key, '')} {text}")


def _merge(into: _Row, more: _Row) -> None:
    """The rest of a row broken by a page end."""
    for role, texts in more.cells.items():
        have = into.cells.setdefault(role, [])
        if have:
            have[-1] = join_lines(f"{have[-1]}\n{texts[0]}") or ""
            have += texts[1:]
        else:
            have += texts
    for key, text in more.details.items():
        into.details[key] = squash(f"{into.details.get(key, '')} {text}")
    into.codes += more.codes
    into.refs += more.refs
    for reason in more.uncertain:
        add_reason(into.uncertain, reason)


def _rows(tables: list[RawTable], layouts, state: _State) -> list[_Row]:
    out: list[_Row] = []
    plan = state.plan
    for t, found in zip(tables, layouts, strict=True):
        after_heading = False
        for line in t.before:
            if state.heading(line):
                after_heading = True
            elif after_heading and t.method in ("lines", "words") and not re.match(r"\s*\d", line):
                state.continue_heading(line)
            else:
                after_heading = False
        if found is None:
            continue
        layout, n, continued = found
        anchors = layout.cols("number")[:1] + layout.cols("goal")[:1]
        first = True
        for i, row in enumerate(t.rows[n:], start=n):
            filled = [c for c in row if c and c.strip()]
            if not filled:
                continue
            alone = len(filled) == 1 and bool(row[0]) and len(squash(row[0] or "")) > 15
            if any(TOTALS_RE.match(c) for c in filled[:2]):
                plan.warnings.append(Warning_(t.source, t.row_where(i), "totals row skipped (not an action)",
                                              [squash(" | ".join(filled))[:120]]))
                continue
            if (section := _roman_section(row, layout)) is not None:
                state.set_goal(*section)
                first = False
                continue
            if is_heading_row(row) or (alone and (HEAD_RE.match(row[0]) or NUMBERED_RE.match(row[0])
                                                  or ROMAN_RE.match(row[0]))):
                if not state.heading(squash(filled[0]), numbered=True):
                    plan.warnings.append(Warning_(t.source, t.row_where(i), "full-width row read as no goal or "
                                                  f"target heading: {squash(filled[0])[:80]!r}"))
                first = False
                continue
            blank_anchor = bool(anchors) and all(row[c] == "" for c in anchors if c < len(row))
            broken = first and continued and t.method in ("lines", "words") and blank_anchor
            first = False
            record = _read_row(row, layout, state, t.row_where(i))
            record.source = table_row(t, i)
            record.uncertain = _reasons(t, layout, row)
            if out and (broken or (blank_anchor and not record.cells.get("title"))):
                _merge(out[-1], record)  # the rest of a row broken by the page end
                continue
            if not record.cells.get("title"):
                plan.warnings.append(Warning_(t.source, t.row_where(i), "row without an action text skipped",
                                              [squash(" | ".join(filled))[:120]]))
                continue
            out.append(record)
    return out


def _reasons(t: RawTable, layout: _Layout, row: list[str | None]) -> list[str]:
    """Why a person should check this row: read by OCR; a cell it uses sits in a column whose role was guessed."""
    out: list[str] = []
    if t.method == "ocr":
        add_reason(out, "ocr")
    if any(col.role in TEXT_ROLES and col.index < len(row) and (row[col.index] or "").strip() and is_guessed(col)
           for col in layout.roles):
        add_reason(out, "inferred_role")
    return out


# ---------------------------------------------------------------- normalising

def _list_text(texts: list[str]) -> str:
    """Units listed in a cell ("• A\\n• B", "- A;\\n- B", "1) A 2) B") as one comma-separated list for the
    normaliser. A line break separates items only after , ; . or before a bullet: elsewhere it may fall inside
    a name, and the normaliser finds known names in running text anyway."""
    items: list[str] = []
    for text in texts:
        text = split_lines(LIST_BREAK_RE.sub("; ", text))
        items += [ITEM_MARK_RE.sub("", squash(p)).strip(" ,.;") for p in BULLETS_RE.split(text)]
    return ", ".join(i for i in items if i)


def _people(action: Action, plan: Plan, ref: Reference, where: str) -> None:
    """New 'units' that are people's names ("Fərəh Cəlil Asim Məmmədov") are kept as people."""
    known = set(ref.matcher.canonical)
    for name in list(action.lead_units):
        if name in known or UNIT_WORD_RE.search(name) or not PERSON_RE.fullmatch(name):
            continue
        words = name.split()
        if len(words) % 2:
            continue
        action.lead_units.remove(name)
        action.people += [" ".join(words[i:i + 2]) for i in range(0, len(words), 2)]
        plan.warnings[:] = [w for w in plan.warnings if not (w.where == where and repr(name) in w.message)]


def _vice_rectors_en(text: str, ref: Reference) -> list[str]:
    low = fold(text)
    return [v["key"] for v in ref.vice_rectors if v.get("name_en") and fold(v["name_en"]) in low]


def _action(rec: _Row, seq: int, plan: Plan, ref: Reference, file: str) -> Action:
    cells = rec.cells
    note = "; ".join(cells.get("oversight", []) + cells.get("note", []))
    deadline = " - ".join(squash(d) for d in cells.get("deadline", []))
    action = action_from_cells(plan, ref, file, rec.where, goal_no=rec.goal, target_no=rec.target,
                               action_no=rec.number, title=" ".join(cells.get("title", [])),
                               deadline_raw=deadline or None, responsible=_list_text(cells.get("lead", [])) or None,
                               note=note or None, seq=seq, note_cues=True)
    if cells.get("partner"):
        units, unknown, split = read_cell(_list_text(cells["partner"]), ref)
        new = keep_new_units(unknown, plan, ref, file, rec.where, units + action.lead_units)
        units += new
        if split and new:
            add_reason(action.uncertain, "split_name")
        action.partner_units += [u for u in units if u not in action.partner_units and u not in action.lead_units]
    action.vice_rectors += [k for k in _vice_rectors_en(note, ref) if k not in action.vice_rectors]
    _people(action, plan, ref, rec.where)
    action.source = rec.source
    for reason in rec.uncertain + _split_reason(cells, action, ref):
        add_reason(action.uncertain, reason)
    action.goal_ref = rec.goal_ref
    action.details = dict(rec.details)
    action.strategy_codes = rec.codes
    action.strategy_refs = rec.refs
    return action


def _split_reason(cells: dict[str, list[str]], action: Action, ref: Reference) -> list[str]:
    """'split_name' where a unit cell was cut at a line break (split_lines guessed it) into names no reference
    knows (a cut at 'və' is said by normalise.read_cell)."""
    known = set(ref.matcher.canonical)
    new = [u for u in action.lead_units + action.partner_units if u not in known]
    cut = any(lines_split(LIST_BREAK_RE.sub("; ", c)) for role in ("lead", "partner") for c in cells.get(role, []))
    return ["split_name"] if new and cut else []


def _prepare(tables: list[RawTable]) -> list[RawTable]:
    """Title rows inside a table, above its header, are read like the text before it."""
    for t in tables:
        start, _ = header_span(t)
        if start:
            t.before = t.before + [squash(" ".join(c for c in row if c)) for row in t.drop_top(start)]
    return tables


def parse(data: bytes, file: str, ref: Reference, roles_override: dict[str, str] | None = None) -> list[Plan]:
    """Read a PDF, Word or Excel plan (kind told by `kind_of`) into one Plan of kind 'generic_plan'.
    `roles_override` maps `column_roles.mapping_key(header)` (or a column index) to a role; it wins over
    what headers and content say. Every problem is a LoadError naming the file, the place and what was expected."""
    try:
        return _parse(data, file, ref, roles_override)
    except LoadError:
        raise
    except Exception as exc:  # a damaged part of the file shows up while reading it
        found = f"{type(exc).__name__}: {exc}"[:120]
        raise LoadError(file, "whole file", "a readable PDF, Word or Excel plan", found) from None


def _parse(data: bytes, file: str, ref: Reference, roles_override: dict[str, str] | None) -> list[Plan]:
    tables = _prepare(_tables_or_paragraphs(data, file))
    warnings: list[Warning_] = []
    layouts = _layouts(tables, ref, roles_override, warnings)
    first = next(i for i, found in enumerate(layouts) if found)
    plan = _new_plan([line for t in tables[:first + 1] for line in t.before], tables[first].where, file, ref,
                     chosen_for(data, roles_override))
    plan.warnings[:0] = _ocr_warnings(tables, file)  # said first: every value below was read from a picture
    plan.warnings += warnings
    state = _State(plan)
    records = _rows(tables, layouts, state)
    for seq, rec in enumerate(records, start=1):
        action = _action(rec, seq, plan, ref, file)
        plan.actions.append(action)
        plan.goals.setdefault(action.goal_no, None)  # type: ignore[arg-type]
        if action.target_no is not None:
            plan.targets.setdefault((action.goal_no, action.target_no), None)  # type: ignore[arg-type]
    if not plan.actions:
        raise LoadError(file, "whole file", "at least one action row (an action text under the table header)")
    plan.goals = {g: t for g, t in plan.goals.items() if g is not None}
    plan.targets = {k: v for k, v in plan.targets.items() if k[0] is not None}
    return [plan]


OCR_READ = "read by OCR from a scanned page: check every value against the page image"


def _ocr_warnings(tables: list[RawTable], file: str) -> list[Warning_]:
    """Every page read by OCR said once, and each cell it read with low confidence (tesseract's own figure)."""
    out: list[Warning_] = []
    pages = list(dict.fromkeys(t.where.split(",")[0] for t in tables if t.method == "ocr"))
    if pages:
        out.append(Warning_(file, ", ".join(pages), OCR_READ))
    for t in tables:
        for (r, c), conf in sorted(t.confidence.items()):
            text = squash(t.cell(r, c) or "")
            if text:
                out.append(Warning_(file, f"{t.row_where(r)}, column {c + 1}",
                                    f"read by OCR with low confidence ({conf:.0f} %): {text[:80]!r}"))
    return out


def roles_of(data: bytes, file: str, ref: Reference, roles_override: dict[str, str] | None = None) \
        -> list[tuple[str, list[ColumnRole]]]:
    """Each distinct table layout of a document (where it first appears, its column roles), decided exactly as
    `parse` decides them: for the import screen's role editor."""
    tables = _prepare(_tables_or_paragraphs(data, file))
    out: dict[int, tuple[str, list[ColumnRole]]] = {}
    for t, found in zip(tables, _layouts(tables, ref, roles_override, []), strict=True):
        if found and id(found[0]) not in out:
            out[id(found[0])] = (t.where, found[0].roles)
    return list(out.values())


__all__ = ["KIND", "kind_of", "parse", "read_tables", "roles_of"]
