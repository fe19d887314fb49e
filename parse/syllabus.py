"""UNEC course syllabus (işçi tədris proqramı): course facts, weekly topics, assessment, grade bands."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from parse.errors import LoadError
from parse.text_utils import squash

KIND = "syllabus"
TAG_RE = re.compile(r"</?b>|\*\*|\*")
FIELD_LABELS = {
    "Fənnin kodu": "course_code",
    "Fənnin növü": "course_type",
    "Tədris ili": "academic_year",
    "Tədris semestri": "semester",
    "Fakültə": "faculty",
    "Qrup": "groups",
    "Tədris yükü": "teaching_load",
    "Kredit sayı": "credits_raw",
    "Kafedra": "department",
    "Fənni tədris edən müəllim": "teacher",
}


@dataclass
class Syllabus:
    institution: str
    title: str
    facts: dict[str, str]
    hours_total: int | None
    hours_lecture: int | None
    hours_seminar: int | None
    credits: int | None
    topics: list[tuple[int, str, str]] = field(default_factory=list)  # week, title, content
    assessment: list[tuple[str, int, float]] = field(default_factory=list)  # component, points, percent
    grades: list[tuple[int, int, str, str]] = field(default_factory=list)  # min, max, word, letter


def detect(text: str) -> bool:
    return "Fənnin kodu" in text and ("Syllabus" in text or "TƏDRİS PROQRAMI" in text)


def _plain(text: str) -> str:
    return squash(TAG_RE.sub("", text))


def parse(text: str, file: str) -> Syllabus:
    lines = text.splitlines()
    facts: dict[str, str] = {}
    for line in lines:
        if "\t" not in line:
            continue
        label, _, value = line.partition("\t")
        key = FIELD_LABELS.get(_plain(label).rstrip(":"))
        if key:
            facts[key] = _plain(value)
    missing = [label for label, key in FIELD_LABELS.items() if key not in facts]
    if missing:
        raise LoadError(file, "section I (Fənn haqqında məlumat)", f"the fields {missing}")
    tm = re.search(r"“([^”]+)”\s*fənni", text)
    if not tm:
        raise LoadError(file, "title", "the course name in quotes followed by 'fənni'")
    title = tm.group(1).strip().capitalize()
    inst = re.search(r"\((UNEC)\)", text)
    load = re.match(r"(\d+)\s*saat\s*\(.*?(\d+)\s*/\s*(\d+)\)", facts["teaching_load"])
    credits = re.match(r"(\d+)", facts["credits_raw"])
    s = Syllabus(
        institution=inst.group(1) if inst else "UNEC",
        title=title,
        facts=facts,
        hours_total=int(load.group(1)) if load else None,
        hours_lecture=int(load.group(2)) if load else None,
        hours_seminar=int(load.group(3)) if load else None,
        credits=int(credits.group(1)) if credits else None,
    )
    _topics(lines, s, file)
    _assessment(lines, s, file)
    return s


def _topics(lines: list[str], s: Syllabus, file: str) -> None:
    try:
        start = next(i for i, line in enumerate(lines) if "<b>Həftə</b>" in line)
    except StopIteration:
        raise LoadError(file, "section XIII", "the weekly table with a 'Həftə' column") from None
    for line in lines[start + 1:]:
        if not line.strip():
            continue
        if not line.startswith("\t") and "\t" not in line:
            break
        cells = [_plain(c) for c in line.split("\t")]
        if cells[0].isdigit():
            s.topics.append((int(cells[0]), cells[1], cells[2] if len(cells) > 2 else ""))
        elif s.topics and cells[0] == "" and len(cells) > 2 and cells[2] and cells[1] == "":
            week, title, content = s.topics[-1]
            s.topics[-1] = (week, title, f"{content} {cells[2]}".strip())
    weeks = [w for w, _, _ in s.topics]
    if weeks != list(range(1, len(weeks) + 1)) or not weeks:
        raise LoadError(file, f"line {start + 1}", "weeks numbered 1, 2, 3 ... in order", str(weeks))


def _assessment(lines: list[str], s: Syllabus, file: str) -> None:
    for line in lines:
        cells = [_plain(c) for c in line.split("\t")]
        if len(cells) == 3:
            pm = re.fullmatch(r"(\d+)\s*bal", cells[1])
            pc = re.fullmatch(r"(\d+)\s*%", cells[2])
            if pm and pc and not cells[0].startswith("Semestr nəticəsinə"):  # skip the total row
                s.assessment.append((cells[0], int(pm.group(1)), float(pc.group(1))))
                continue
            band = re.fullmatch(r"(\d+)-(\d+)\s*bal", cells[0])
            below = re.fullmatch(r"(\d+)\s*baldan aşağı", cells[0])
            if pm and pc:
                continue
            if band:
                s.grades.append((int(band.group(1)), int(band.group(2)), cells[1], cells[2]))
            elif below:
                s.grades.append((0, int(below.group(1)) - 1, cells[1], cells[2]))
    if not s.assessment or not s.grades:
        raise LoadError(file, "section XVI", "an assessment table ('... bal  ...%') and grade bands ('91-100 bal')")
