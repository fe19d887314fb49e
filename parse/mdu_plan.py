"""MDU veterans' social service centre activity plan 2025 (PDF text, one cell per run of lines).

Columns, in the order their cells appear: s.s. (section), planned direction, activity, means of
execution, executor(s), date, place in the development strategy (codes such as 2.3.1), expected
result. Means and expected results start with an indented line; executors are known units or
people ("Fərəh Cəlil"); the date is "Cari il", "May ayında" or "Mütamadi".
"""
from __future__ import annotations

import re

from parse.deadlines import parse_deadline
from parse.errors import LoadError
from parse.normalise import keep_new_units
from parse.provenance import text_line
from parse.records import Action, Plan
from parse.reference import Reference
from parse.text_utils import join_broken, squash, tokens

KIND = "mdu_activity_plan"
NUM_RE = re.compile(r"^(\d+)\.\s*")
CODE_RE = re.compile(r"^\s*(\d\.\d\.\d+)\s*$")
DATE_RE = re.compile(r"^\s*(Cari il|May\b|Mütamad|ayında|i\s*$)", re.IGNORECASE)
PERSON_RE = re.compile(r"^([A-ZƏÖÜÇŞĞİ][a-zəöüçşğı]+ [A-ZƏÖÜÇŞĞİ][a-zəöüçşğı]+)\s*,?\s*(.*)$")
FOOTER_RE = re.compile(r"mərkəzinin müdiri:")
YEAR_RE = re.compile(r"^\s*(20\d\d)-ci il üçün", re.MULTILINE)
# In the direction column lines are short; the activity column is wider (see module docs).
WIDE_LINE = 18


def detect(text: str) -> bool:
    return "Planlaşdırılan" in text and "İcra yolları" in text and "Gözlənilən nəticə" in text


def parse(text: str, file: str, ref: Reference, vocab: set[str]) -> Plan:
    ym = YEAR_RE.search(text)
    if not ym:
        raise LoadError(file, "title", "the plan year, e.g. '2025-ci il üçün'")
    year = int(ym.group(1))
    institution, name = ref.institution_in(text[:400], "MDU")
    title = (f"Mingəçevir Dövlət Universiteti — Qazilərə sosial xidmət mərkəzinin {year}-ci il üçün fəaliyyət planı"
             if institution == "MDU" else f"{name or institution} — {year}-ci il üçün fəaliyyət planı")
    plan = Plan(KIND, institution, title, year, year)
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("Gözlənilən nəticə")) + 1
    except StopIteration:
        raise LoadError(file, "header", "the column 'Gözlənilən nəticə' (expected result)") from None
    rows: list[dict] = []
    cur: dict | None = None
    state = "pre"
    for idx in range(start, len(lines)):
        line = lines[idx]
        if not line.strip():
            continue
        if FOOTER_RE.search(line):
            break
        indented = line.startswith(" ") and line.strip()
        if cur is None or (state == "expected" and NUM_RE.match(line)):
            cur = {"line": idx + 1, "pre": [], "means": [], "exec": [], "date": [], "codes": [], "expected": []}
            rows.append(cur)
            state = "pre"
        if state == "pre":
            if indented and not CODE_RE.match(line):
                state = "means"
            else:
                cur["pre"].append(line.strip())
                continue
        if state == "means":
            if not indented and _starts_executor(lines, idx, ref):
                state = "exec"
            else:
                cur["means"].append(line)
                continue
        if state == "exec":
            if DATE_RE.match(line):
                state = "date"
            else:
                cur["exec"].append(line.strip())
                continue
        if state == "date":
            if CODE_RE.match(line):
                state = "codes"
            elif indented:
                state = "expected"
            else:
                cur["date"].append(line.strip())
                continue
        if state == "codes":
            if CODE_RE.match(line):
                cur["codes"].append(line.strip())
                continue
            if line.strip().isdigit() and cur["codes"]:
                cur["codes"][-1] += line.strip()  # "4.2.1" + "4" split over two lines
                continue
            state = "expected"
        cur["expected"].append(line.strip())
    if not rows:
        raise LoadError(file, f"line {start + 1}", "activity rows after the table header")
    section = direction = 0
    directions: dict[tuple[int, int], str] = {}
    for seq, row in enumerate(rows, start=1):
        where = f"line {row['line']}"
        for part in ("means", "exec", "date", "expected"):
            if not row[part]:
                raise LoadError(file, where, f"a '{part}' cell for this activity (found none)")
        section, direction, act_no, dir_title, title = _read_pre(row["pre"], section, direction, vocab,
                                                                  file, where)
        if dir_title:
            directions[(section, direction)] = dir_title
        executors = join_broken(row["exec"], vocab)
        units, people = _read_executors(executors, ref, plan, file, where)
        plan.actions.append(Action(
            seq=seq, goal_no=section, target_no=direction, action_no=act_no, title=title,
            deadline=parse_deadline(join_broken(row["date"], vocab), year, year),
            lead_units=units, responsible_raw=executors, source_line=row["line"],
            source=text_line(file, row["line"]),
            people=people, strategy_codes=row["codes"], strategy_refs=list(row["codes"]),
            details={
                "means": join_broken([m.strip() for m in row["means"]], vocab),
                "expected_result": join_broken(row["expected"], vocab),
                "strategy_codes": ", ".join(row["codes"]) or None,
            },
        ))
    plan.targets = directions
    for (s, _d), title in sorted(directions.items()):
        plan.goals[s] = f"{plan.goals[s]} / {title}" if s in plan.goals else title
    return plan


def _starts_executor(lines: list[str], idx: int, ref: Reference) -> bool:
    window = " ".join(line.strip() for line in lines[idx: idx + 4])
    return ref.matcher.match_at(tokens(window), 0) is not None or bool(PERSON_RE.match(lines[idx].strip()))


def _read_pre(pre: list[str], section: int, direction: int, vocab: set[str], file: str, where: str):
    """Numbers and texts before the means column: section, direction and activity."""
    items: list[tuple[int | None, list[str]]] = []
    for line in pre:
        numbers = []
        while (m := NUM_RE.match(line)):
            numbers.append(int(m.group(1)))
            line = line[m.end():]
        for n in numbers[:-1]:
            items.append((n, []))
        if numbers:
            items.append((numbers[-1], [line] if line.strip() else []))
        elif items:
            items[-1][1].append(line)
        else:
            items.append((None, [line]))
    markers = [n for n, text in items if not text]
    texts = [(n, text) for n, text in items if text]
    if not texts:
        raise LoadError(file, where, "an activity text before the means column")
    if len(texts) == 1:
        n, text = texts[0]
        split = next((i for i, ln in enumerate(text) if i > 0 and ln[:1].isupper() and len(ln.strip()) >= WIDE_LINE),
                     None)
        if split is not None:  # "3. Mərkəzi Aran ... görüş" + unnumbered activity
            texts = [(n, text[:split]), (None, text[split:])]
    if len(texts) >= 2:
        (dir_no, dir_text), (act_no, act_text) = texts[0], texts[1]
        if markers:
            section = markers[0]
        elif dir_no is not None and dir_no <= direction:
            section += 1  # numbering of directions restarted: a new s.s. row
        direction = dir_no or direction + 1
        return section, direction, act_no, join_broken(dir_text, vocab), join_broken(act_text, vocab)
    act_no, act_text = texts[0]
    return section, direction, act_no, None, join_broken(act_text, vocab)


def _read_executors(text: str, ref: Reference, plan: Plan, file: str, where: str):
    units: list[str] = []
    people: list[str] = []
    for part in re.split(r"[.,]\s*", text):
        part = squash(part)
        while part:
            m = ref.matcher.match_at(tokens(part), 0)
            if m:
                units += [u for u in m.units if u not in units]
                part = " ".join(tokens(part)[m.end:])
                continue
            pm = PERSON_RE.match(part)
            if pm:
                people.append(pm.group(1))
                part = pm.group(2)
                continue
            units += keep_new_units([part], plan, ref, file, where, units)
            break
    return units, people
