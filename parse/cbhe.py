"""Compendium of Erasmus+ CBHE projects in Azerbaijan 2022-2024: projects, participants, narrative."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from parse.deadlines import MONTHS
from parse.errors import LoadError
from parse.reference import Reference
from parse.text_utils import az_lower, squash

KIND = "cbhe_compendium"
PROJECT_RE = re.compile(r"^(\d+)\.\s+(.*)$")
ACRONYM_RE = re.compile(r"\(([^()]+)\)\s*$")
URL_LINE_RE = re.compile(r"^https?://\S+$")
BUDGET_RE = re.compile(r"([\d][\d,.\s]*\d)")
PARTNER_RE = re.compile(r"^(.*?)\s*\(([A-Z]{2})\)\s*\.?\s*$")
DETAIL_START = "CBHE Layihələrinin Ətraflı Təhlili"
DETAIL_END = "Nailiyyətlərin Xülasəsi"
# Narrative headings in reading order: (key, heading as written).
NARRATIVE = [
    ("foreword", "Ön Söz"),
    ("introduction", "Giriş"),
    ("overview", "Azərbaycanda CBHE üzrə Ümumi Baxış"),
    ("achievements", "Nailiyyətlərin Xülasəsi"),
    ("challenges", "Çağırışlar:"),
    ("lessons", "Dərslər:"),
    ("recommendations", "Tövsiyələr:"),
]


@dataclass
class Participant:
    organisation: str
    country: str | None
    role: str  # coordinator | partner


@dataclass
class Project:
    seq: int
    project_id: str | None
    acronym: str
    title: str
    objective: str | None = None
    budget_eur: float | None = None
    budget_raw: str | None = None
    period_raw: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    period_precision: str | None = None
    url: str | None = None
    summary: str | None = None
    participants: list[Participant] = field(default_factory=list)
    source_line: int = 0


@dataclass
class Compendium:
    title: str
    projects: list[Project]
    narrative: list[tuple[str, str, str]]  # key, heading, text


def detect(text: str) -> bool:
    return "CBHE" in text and "Layihə ID" in text


def parse(text: str, file: str, ref: Reference) -> Compendium:
    lines = [line.rstrip() for line in text.splitlines()]
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().startswith(DETAIL_START))
        end = next(i for i, line in enumerate(lines) if line.strip().startswith(DETAIL_END))
    except StopIteration:
        raise LoadError(file, "section headings", f"'{DETAIL_START}' followed by '{DETAIL_END}'") from None
    projects = _parse_projects(lines, start + 1, end, file, ref)
    if not projects:
        raise LoadError(file, f"line {start + 1}", "numbered projects with 'Layihə ID'")
    title = squash(" ".join([line for line in lines if line.strip()][:2]))
    return Compendium(title=title, projects=projects, narrative=_parse_narrative(lines))


def _parse_projects(lines: list[str], start: int, end: int, file: str, ref: Reference) -> list[Project]:
    blocks: list[tuple[int, list[str]]] = []
    for i in range(start, end):
        line = lines[i].strip()
        if not line or URL_LINE_RE.match(line):
            continue  # page footers repeat the previous project's URL
        m = PROJECT_RE.match(line)
        if m and int(m.group(1)) == len(blocks) + 1:
            blocks.append((i + 1, [m.group(2)]))
        elif blocks:
            blocks[-1][1].append(line)
    return [_parse_project(n, line_no, block, file, ref) for n, (line_no, block) in enumerate(blocks, start=1)]


def _fields(block: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Split a project block into its title lines and labelled fields ('Layihə ID', 'Büdcə', ...)."""
    title: list[str] = []
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in block:
        m = re.match(r"^(?:•\s*)?(Layihə ID|Məqsəd|Büdcə|Fəaliyyətlər|Layihə Xülasəsi|Nəticələr|İştirakçılar|"
                     r"Koordinator|Tərəfdaşlar|Tətbiq Dövrü|Ətraflı Məlumat)\s*:\s*(.*)$", line)
        if m:
            current = fields.setdefault(m.group(1), [])
            if m.group(2):
                current.append(m.group(2))
        elif current is None:
            title.append(line)
        else:
            current.append(line)
    return title, fields


def _parse_project(seq: int, line_no: int, block: list[str], file: str, ref: Reference) -> Project:
    where = f"line {line_no} (project {seq})"
    title_lines, f = _fields(block)
    title = squash(" ".join(title_lines))
    am = ACRONYM_RE.search(title)
    if not am:
        raise LoadError(file, where, "a project title ending in its acronym in brackets", title[:80])
    p = Project(seq=seq, project_id=None, acronym=am.group(1).strip(), title=title[: am.start()].strip(),
                source_line=line_no)
    pid = squash(" ".join(f.get("Layihə ID", [])))
    if not re.fullmatch(r"\d{9}", pid):
        raise LoadError(file, where, "'Layihə ID:' with a 9-digit EU project number", pid or None)
    p.project_id = pid
    p.objective = squash(" ".join(f.get("Məqsəd", []))) or None
    if "Büdcə" in f:
        p.budget_raw = squash(" ".join(f["Büdcə"]))
        bm = BUDGET_RE.search(p.budget_raw)
        if not bm or ("EUR" not in p.budget_raw and "€" not in p.budget_raw):
            raise LoadError(file, where, "a budget in EUR such as '€799,999' or '633,292 EUR'", p.budget_raw)
        p.budget_eur = float(re.sub(r"[,\s]", "", bm.group(1)))
    p.summary = squash(" ".join(f.get("Layihə Xülasəsi", []))) or None
    if "Tətbiq Dövrü" in f:
        p.period_raw = squash(" ".join(f["Tətbiq Dövrü"]))
        p.start_date, p.end_date, p.period_precision = _period(p.period_raw, file, where)
    url = squash(" ".join(f.get("Ətraflı Məlumat", [])))
    p.url = url if url.startswith("http") else None  # "TBA" is no address
    if "Koordinator" in f:
        p.participants.append(_participant(squash(" ".join(f["Koordinator"])), "coordinator", ref, file, where))
    for line in f.get("Tərəfdaşlar", []):
        line = line.lstrip("o ").strip()
        if line:
            p.participants.append(_participant(line, "partner", ref, file, where))
    return p


def _participant(text: str, role: str, ref: Reference, file: str, where: str) -> Participant:
    m = PARTNER_RE.match(text)
    if m:
        return Participant(m.group(1).strip(), m.group(2), role)
    if "," in text:  # "Xəzər Universiteti, Azərbaycan"
        name, country = text.rsplit(",", 1)
        code = ref.country_code(country)
        if code:
            return Participant(name.strip(), code, role)
    raise LoadError(file, where, "an organisation with its country, 'Name (AZ)' or 'Name, Country'", text)


def _period(text: str, file: str, where: str) -> tuple[dt.date, dt.date, str]:
    low = az_lower(text)
    months = re.findall(r"([a-zəöüçşğı]+)\s+(20\d\d)", low)
    if len(months) == 2 and all(m in MONTHS for m, _ in months):
        (m1, y1), (m2, y2) = months
        last = calendar.monthrange(int(y2), MONTHS[m2])[1]
        return dt.date(int(y1), MONTHS[m1], 1), dt.date(int(y2), MONTHS[m2], last), "month"
    years = re.fullmatch(r"\s*(20\d\d)\s*-\s*(20\d\d)\s*", low)
    if years:
        return dt.date(int(years.group(1)), 1, 1), dt.date(int(years.group(2)), 12, 31), "year"
    raise LoadError(file, where, "'Tətbiq Dövrü' as 'YYYY-YYYY' or 'Month YYYY - Month YYYY'", text)


def _parse_narrative(lines: list[str]) -> list[tuple[str, str, str]]:
    positions: list[tuple[int, str, str]] = []
    for key, heading in NARRATIVE:
        idx = next((i for i, line in enumerate(lines) if line.strip().startswith(heading)), None)
        if idx is not None:
            positions.append((idx, key, heading.rstrip(":")))
    positions.sort()
    stops = {next(i for i, line in enumerate(lines) if line.strip().startswith(DETAIL_START))}
    stops |= {i for i, line in enumerate(lines) if line.strip() in ("Dərslər və Çağırışlar", "Gələcək İstiqamətlər")}
    out = []
    for n, (idx, key, heading) in enumerate(positions):
        nxt = positions[n + 1][0] if n + 1 < len(positions) else len(lines)
        stop = min([s for s in stops if idx < s < nxt] + [nxt])
        body = [line.strip() for line in lines[idx + 1: stop] if line.strip() and not URL_LINE_RE.match(line.strip())]
        out.append((key, heading, "\n".join(body)))
    return out
