"""NDU international relations activity plan 2025: tab-separated rows whose columns shift.

Header: Məqsəd | Fəaliyyətin adı | Nəticə indikatoru (Kəmiyyət, Keyfiyyət) | İcra mərhələləri |
Baza göstəricisi | Məsul şəxs / struktur bölmə | Zəruri ehtiyac / resurslar | İcra nəzarət |
Təsdiqlədiyi sənəd | Hesabatlılıq | Əlavə qeydlər.

Rows carry stray or missing cells, so fields are found by content, not position: the
timeline, the responsible unit, the oversight ("... üzrə prorektor") and the reporting cadence
("İllik hesabat") anchor the row; the cells between anchors fill the columns between them.
Cells that fit nowhere are kept in `unplaced` and reported, never dropped.
"""
from __future__ import annotations

import re

from parse.deadlines import MONTH_RE, parse_deadline
from parse.errors import LoadError
from parse.normalise import keep_new_units
from parse.provenance import text_line
from parse.records import Action, Plan, Warning_
from parse.reference import Reference
from parse.text_utils import az_lower, squash, tokens

KIND = "ndu_activity_plan"
REF_RE = re.compile(r"^\s*M[əa]qs[əa]d\s*-\s*(\d+)\s*h[əe]d[əe]f\s*(\d+)\s*-\s*(.+?)\s*$", re.IGNORECASE)
TIMELINE_RE = re.compile(
    rf"^(ilboyu(\s+20\d\d)?|il\s+ərzində|müfəssəl|müntəzəm|mütamadi|cari\s+il|20\d\d|"
    rf"({MONTH_RE})(\s*-\s*({MONTH_RE}))?\s+20\d\d)$"
)
REPORT_RE = re.compile(r"hesabat\s*$")
YEAR_RE = re.compile(r"(20\d\d)\s*-\s*C[İI]\s+İL", re.IGNORECASE)
# from a word's start only: tried inside a long word too, the search backtracks over it from every letter (a
# 200 000-letter word took two minutes); the leftmost match starts at a word's start anyway
SPLIT_LETTER_RE = re.compile(r"(?<!\w)(\w{3,}) ([a-zəöüçşğı])(?=[\s,.]|$)")


def detect(text: str) -> bool:
    return "\t" in text and "Fəaliyyətin adı" in text and "İcra nəzarət" in text


def _clean(cell: str) -> str:
    """'müqavilələ r' -> 'müqavilələr' (a single letter split off a word); 'o' is a real word."""
    return SPLIT_LETTER_RE.sub(lambda m: m.group(0) if m.group(2) == "o" else m.group(1) + m.group(2),
                               squash(cell))


def parse(text: str, file: str, ref: Reference, vocab: set[str]) -> Plan:
    ym = YEAR_RE.search(text)
    year = int(ym.group(1)) if ym else None
    if year is None:
        raise LoadError(file, "title", "the plan year, e.g. '2025-Cİ İL ÜÇÜN FƏALİYYƏT PLANI'")
    header = text[: text.find("\t")] if "\t" in text else text[:500]
    institution, name = ref.institution_in(header, "NDU")
    title = (f"Naxçıvan Dövlət Universiteti — Beynəlxalq Əlaqələr Şöbəsinin {year}-ci il üçün fəaliyyət planı"
             if institution == "NDU" else f"{name or institution} — {year}-ci il üçün fəaliyyət planı")
    plan = Plan(KIND, institution, title, year, year)
    rows: list[tuple[int, list[str]]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if "\t" not in line:
            continue
        cells = [_clean(c) for c in line.split("\t")]
        if REF_RE.match(cells[0]):
            rows.append((line_no, cells))
        elif rows and any(cells[1:]) and not cells[0].startswith(("Məqsəd", "Maqsad")) and cells[0] != "":
            # A row that continues the previous one (the PDF broke the cell over a page).
            rows[-1][1].append("\x00" + "\t".join(cells))
        elif rows and cells[0] == "" and any(cells) and "Kamıyyət" not in line:
            rows[-1][1].append("\x00" + "\t".join(cells))
    if not rows:
        raise LoadError(file, "whole file", "rows starting with 'Məqsəd - N hədəf ...'")
    for seq, (line_no, cells) in enumerate(rows, start=1):
        action = _parse_row(seq, line_no, cells, file, year, ref, plan)
        plan.actions.append(action)
        # The plan names goal and target numbers of the university strategy but not their titles.
        plan.goals.setdefault(action.goal_no, None)
        plan.targets.setdefault((action.goal_no, action.target_no), None)
    return plan


def _parse_row(seq: int, line_no: int, cells: list[str], file: str, year: int, ref: Reference,
               plan: Plan) -> Action:
    where = f"line {line_no}"
    m = REF_RE.match(cells[0])
    assert m
    goal_no, target_no, sub = int(m.group(1)), int(m.group(2)), re.sub(r"\s+", "", m.group(3))
    continuation = [c[1:].split("\t") for c in cells if c.startswith("\x00")]
    cells = [c for c in cells if not c.startswith("\x00")]
    title = cells[1] if len(cells) > 1 else ""
    extra_oversight = ""
    for cont in continuation:
        if cont and cont[0]:
            title = f"{title} {cont[0]}"
        for c in cont[1:]:
            if "prorektor" in az_lower(c) or "müşavir" in az_lower(c):
                extra_oversight += " " + c
    if not title:
        raise LoadError(file, where, "an activity name in the second column")
    rest = [c for c in cells[2:] if c and re.search(r"\w", c)]
    low = [az_lower(c) for c in rest]

    def find(pred, start: int = 0) -> int | None:
        return next((i for i in range(start, len(rest)) if pred(i)), None)

    i_over = find(lambda i: "prorektor" in low[i] or "müşavir" in low[i] or low[i].endswith("üzrə"))
    if i_over is None:
        raise LoadError(file, where, "an oversight cell naming a vice-rector ('... üzrə prorektor')",
                        " | ".join(rest)[:120])
    i_report = find(lambda i: bool(REPORT_RE.search(low[i])), i_over + 1)
    i_time = find(lambda i: bool(TIMELINE_RE.match(low[i])) and i < i_over)
    i_resp = find(lambda i: ref.matcher.match_at(tokens(rest[i]), 0) is not None and i < i_over,
                  (i_time + 1) if i_time is not None else 0)
    if i_resp is None:
        raise LoadError(file, where, "a responsible unit before the oversight cell", " | ".join(rest)[:120])
    before = rest[: i_time if i_time is not None else i_resp]
    unplaced: list[str] = []
    if i_time is not None:
        quant_qual = before[-2:]
        unplaced = before[:-2]
        baseline_cells = rest[i_time + 1: i_resp]
    else:
        quant_qual = before[:2]
        baseline_cells = before[2:]
    quant = quant_qual[0] if quant_qual else None
    qual = quant_qual[1] if len(quant_qual) > 1 else None
    responsible = rest[i_resp]
    resources = rest[i_resp + 1: i_over]
    oversight = squash(rest[i_over] + extra_oversight)
    evidence = rest[i_over + 1: i_report] if i_report is not None else rest[i_over + 1:]
    notes = rest[i_report + 1:] if i_report is not None else []
    if unplaced:
        plan.warnings.append(Warning_(file, where, f"cells outside any column kept as 'unplaced': {unplaced}"))
    units: list[str] = []
    for part in re.split(r",", responsible):
        part = part.strip()
        if not part:
            continue
        mm = ref.matcher.match_at(tokens(part), 0)
        if mm:
            units += [u for u in mm.units if u not in units]
        else:
            units += keep_new_units([part], plan, ref, file, where, units)
    timeline = rest[i_time] if i_time is not None else None
    return Action(
        seq=seq, goal_no=goal_no, target_no=target_no, action_no=None, title=squash(title),
        deadline=parse_deadline(timeline, year, year), lead_units=units,
        vice_rectors=ref.vice_rector_keys(oversight), responsible_raw=responsible, note_raw=oversight,
        source_line=line_no, source=text_line(file, line_no), goal_ref=f"{target_no}-{sub}",
        strategy_refs=[squash(cells[0])],
        details={
            "indicator_quantitative": quant,
            "indicator_qualitative": qual,
            "baseline": "; ".join(baseline_cells) or None,
            "resources": "; ".join(resources) or None,
            "evidence": "; ".join(evidence) or None,
            "reporting": rest[i_report] if i_report is not None else None,
            "notes": "; ".join(notes) or None,
            "unplaced": "; ".join(unplaced) or None,
        },
    )
