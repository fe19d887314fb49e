"""Which university and which period a plan's heading gives, as a proposal a person confirms or changes.

Headings name universities in many ways: "Gəncə Dövlət Universitetinin 2026-cı il üzrə FƏALİYYƏT PLANI" (the name
in the genitive, no code), "Jerash University Strategic Plan 2019-2022", "Azərbaycan Texniki Universiteti (AzTU)",
"Сумгаитский государственный университет (СГУ)". A known university is matched by name (the reference's
institutions, then data/reference/universities.csv: Azerbaijani universities in three languages) after case
endings are cut, compared with rapidfuzz; else its code in brackets is taken (in ASCII capitals); else a new
university is proposed under its name as written (nominative) with a code from its initials. Nothing is refused
for want of a code.

The period is the one the plan gives for itself: in "... 2026-cı il üzrə FƏALİYYƏT PLANI (... 2026-2030-cu
illər üçün İnkişaf Strategiyasının icrası çərçivəsində)" the range belongs to the strategy the plan serves, the
plan is a plan of 2026.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from parse.reference import REFERENCE_DIR, Reference
from parse.text_utils import az_lower, squash

# Azerbaijani case endings a name takes in a heading, longest first (cut from each word before comparing)
ENDINGS = ("sının", "sinin", "sunun", "sünün", "nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "ı", "i",
           "u", "ü", "a", "ə", "ya", "yə", "da", "də")
UNIVERSITY_WORD = re.compile(r"universitet|university|университет|akademiya|academy|академи|institut|институт"
                             r"|konservatoriya|conservatory|консерватори", re.IGNORECASE)
CODE_IN_BRACKETS = re.compile(r"\(\s*([^\W\d_][^\W_]{1,11})\s*\)")
TRANSLIT = str.maketrans({"Ə": "E", "Ö": "O", "Ü": "U", "Ç": "C", "Ş": "S", "Ğ": "G", "İ": "I", "I": "I",
                          "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "J", "З": "Z",
                          "И": "I", "Й": "Y", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R",
                          "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "X", "Ц": "C", "Ч": "C", "Ш": "S", "Щ": "S",
                          "Ы": "Y", "Э": "E", "Ю": "Y", "Я": "Y", "Ъ": "", "Ь": ""})
MIN_NAME_SCORE = 90
SMALL_WORDS = {"of", "and", "for", "the", "və", "и", "по"}


@dataclass
class University:
    """A proposal: the code, the name to add (None for a university the reference knows) and where it came from."""
    code: str
    name: str | None
    known: bool
    source: str  # 'name' (matched by name), 'code' (the code in brackets), 'initials' (a new one), 'none'


@cache
def _catalogue() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(code, Azerbaijani name, stemmed names in every language) of the Azerbaijani universities."""
    path = REFERENCE_DIR / "universities.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple((r["code"], r["name_az"], tuple(_stem(r[k]) for k in ("name_az", "name_en", "name_ru") if r.get(k)))
                 for r in rows)


RU_ENDINGS = ("ского", "ского", "ской", "ский", "ская", "ское", "ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий",
              "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях", "а",
              "я", "у", "ю", "е", "ы", "и")


def _stem(text: str) -> str:
    """Lower case, words only, case endings cut where 4+ letters remain (Azerbaijani and Russian)."""
    out = []
    for w in re.findall(r"[^\W\d_]+", az_lower(text)):
        for end in (RU_ENDINGS if re.match(r"[а-яё]", w) else ENDINGS):
            if w.endswith(end) and len(w) - len(end) >= 4:
                w = w[: -len(end)]
                break
        out.append(w)
    return " ".join(out)


def ascii_code(code: str) -> str:
    """'AzTU' -> 'AZTU', 'AzMİU' -> 'AZMIU', 'СГУ' -> 'SGU': codes are stored in ASCII capitals."""
    up = code.replace("i", "İ").replace("ı", "I").upper().translate(TRANSLIT)
    return re.sub(r"[^A-Z0-9]", "", up)[:12]


def nominative(name: str) -> str:
    """'Gəncə Dövlət Universitetinin' -> 'Gəncə Dövlət Universiteti', 'Akademiyasının' -> 'Akademiyası'."""
    words = name.split()
    if words:
        words[-1] = re.sub(r"(?<=[aıoueəiöü])n[ıiuü]n$", "", words[-1])
    return " ".join(words)


def _by_name(lines: list[str], ref: Reference) -> tuple[str, str | None] | None:
    """(code, name or None when the reference knows it) of the best name match in the heading."""
    known = [(i["code"], None, tuple(_stem(i[k]) for k in ("name_az", "name_en") if i.get(k)))
             for i in ref.institutions]
    best: tuple[float, int, str, str | None] | None = None
    for line in lines:
        stem = _stem(line)
        if not stem:
            continue
        for code, name, names in known + list(_catalogue()):
            for n in names:
                score = fuzz.partial_ratio(n, stem) if len(stem) >= len(n) else 0
                if score >= MIN_NAME_SCORE and (best is None or (score, len(n)) > best[:2]):
                    best = (score, len(n), code, name)
    return (best[2], best[3]) if best else None


def _name_as_written(line: str) -> str | None:
    """The university's name in a heading line: the words up to the university word (and 'of X' after it)."""
    m = UNIVERSITY_WORD.search(line)
    if not m:
        return None
    end = line.find(" ", m.end())
    end = len(line) if end < 0 else end
    tail = re.match(r"\s+(?:of|for)\s+(?:[A-ZƏÖÜÇŞĞİ][\w'-]*(?:\s+|$))+", line[end:])
    if tail:
        end += len(tail.group(0).rstrip())
    head = line[:end]
    head = re.split(r"[()\[\]:;,–—]|\s-\s", head)[-1]
    words = head.split()
    start = len(words) - 1
    while start > 0 and (words[start - 1][:1].isupper() or words[start - 1].lower() in SMALL_WORDS
                         or re.fullmatch(r"[а-яё-]+", words[start - 1])):  # Russian adjectives: lower case
        start -= 1
    name = nominative(" ".join(words[start:]).strip(" .-"))
    return name or None


def initials(name: str) -> str:
    """'Gəncə Dövlət Universiteti' -> 'GDU', 'Jerash University' -> 'JU'."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in SMALL_WORDS]
    return ascii_code("".join(w[0].upper() for w in words)) or "UNI"


def propose_university(lines: list[str], ref: Reference) -> University:
    """The university a heading names (see the module's note); source 'none' when it names none."""
    lines = [squash(x) for x in lines if squash(x)]
    found = _by_name(lines, ref)
    known_codes = {i["code"] for i in ref.institutions}
    if found:
        code, name = found
        return University(code, None if code in known_codes else name, code in known_codes, "name")
    for line in lines:
        for m in CODE_IN_BRACKETS.finditer(line):
            raw = m.group(1)
            if sum(ch.isupper() for ch in raw) < 2:
                continue
            code = ascii_code(raw)
            if code in known_codes:
                return University(code, None, True, "code")
            name = _name_as_written(line[:m.start()])
            return University(code, name[:200] if name else None, False, "code")
    for line in lines:
        name = _name_as_written(line)
        if name:
            return University(initials(name), name[:200], False, "initials")
    return University("", None, False, "none")


# ---------------------------------------------------------------- period

RANGE_RE = re.compile(r"(?<!\d)(20\d\d)\s*[-–—/]\s*(20\d\d)(?!\d)")
YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)\s*-?\s*(?:c[iıuü]\s+|ci\b|cı\b|cu\b|cü\b)?\s*(?:il|year|год|г\.|yil)",
                     re.IGNORECASE)
# a range the plan serves, not its own: "2026-2030-cu illər üçün İnkişaf Strategiyasının", "of the 2026-2030
# Strategy", "Стратегии развития на 2026-2030 годы"
SERVES_RE = re.compile(r"strategiya|strategy|стратеги|konsepsiya|concept|концепци|proqram[ıi]n[ıi]n|programme",
                       re.IGNORECASE)
PLAN_RE = re.compile(r"plan|план", re.IGNORECASE)


def _served(text: str, start: int, end: int) -> bool:
    """Is the range at text[start:end] the period of a strategy the plan serves (named right after or before it
    in the same clause, with no 'plan' in between)?"""
    after = re.split(r"[.;()]", text[end:end + 80])[0]
    before = re.split(r"[.;()]", text[max(0, start - 60):start])[-1]
    m = SERVES_RE.search(after)
    if m and not PLAN_RE.search(after[:m.start()]):
        return True
    m = SERVES_RE.search(before)
    return bool(m and re.search(r"icras|implementation|реализаци|исполнени|çərçivə|framework",
                                text[max(0, start - 120):end + 120], re.IGNORECASE)
                and not PLAN_RE.search(before[m.end():]))


def propose_period(lines: list[str]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(the plan's own period, the period of the strategy it serves) from the heading lines; None when unknown."""
    own: list[tuple[int, int, int]] = []  # (priority, start, end): a range or a year
    served: tuple[int, int] | None = None
    for order, line in enumerate(az_lower(squash(x)) for x in lines):
        for m in RANGE_RE.finditer(line):
            a, b = int(m.group(1)), int(m.group(2))
            if a > b:
                continue
            if _served(line, m.start(), m.end()):
                served = served or (a, b)
            else:
                own.append((order * 2, a, b))
        for m in YEAR_RE.finditer(line):
            if any(r.start() <= m.start() < r.end() for r in RANGE_RE.finditer(line)):
                continue
            own.append((order * 2 + 1, int(m.group(1)), int(m.group(1))))
    if not own:  # a year alone ("Annual plan 2027 for the 2026-2030 Strategy"), outside every range
        years = {int(m.group(0)) for line in lines for m in re.finditer(r"(?<!\d)20\d\d(?!\d)", line)
                 if not any(r.start() <= m.start() < r.end() for r in RANGE_RE.finditer(line))}
        if len(years) == 1:
            y = years.pop()
            return (y, y), served
        return served, None  # only the strategy's range: the document is the strategy (or its whole-period plan)
    _, a, b = min(own)
    return (a, b), served


# ---------------------------------------------------------------- a person's choice

# A person's choice travels with the column roles (the roles override dict, remembered per file by the import),
# under keys no header can have; it applies only to the file it was made for.
CHOSEN_FILE, CHOSEN_UNIVERSITY, CHOSEN_NAME, CHOSEN_PERIOD = "@file", "@university", "@university_name", "@period"
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")


def _file_key(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def chosen_period(text: str) -> tuple[int, int]:
    """'2026' or '2026-2030' to (start, end); ValueError otherwise."""
    m = re.fullmatch(r"\s*(20\d\d)\s*(?:[-–]\s*(20\d\d))?\s*", text or "")
    if not m or int(m.group(2) or m.group(1)) < int(m.group(1)):
        raise ValueError(f"a period such as 2026 or 2026-2030, not {text!r}")
    return int(m.group(1)), int(m.group(2) or m.group(1))


def period_text(period: tuple[int, int]) -> str:
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def plan_choices(data: bytes, university: str | None = None, name: str | None = None,
                 period: str | None = None) -> dict[str, str]:
    """A person's choice of university (code, and a name for a new one) and period for this file, as entries
    of the column-roles override. ValueError for a code or period that cannot be one."""
    out: dict[str, str] = {}
    if university:
        code = university.strip().upper()
        if not CODE_RE.match(code):
            raise ValueError(f"a university code of 2-12 capital letters and digits (e.g. GDU), not {university!r}")
        out[CHOSEN_UNIVERSITY] = code
    if name and squash(name):
        out[CHOSEN_NAME] = squash(name)[:200]
    if period:
        out[CHOSEN_PERIOD] = period_text(chosen_period(period))
    if out:
        out[CHOSEN_FILE] = _file_key(data)
    return out


def chosen_for(data: bytes, override: dict | None) -> dict[str, str]:
    """The choice made for this very file in an override (a university's remembered roles carry the choice made
    for another of its files: not applied)."""
    if not override or override.get(CHOSEN_FILE) != _file_key(data):
        return {}
    return {k: v for k, v in override.items() if k in (CHOSEN_UNIVERSITY, CHOSEN_NAME, CHOSEN_PERIOD)}


__all__ = ["CHOSEN_FILE", "CHOSEN_NAME", "CHOSEN_PERIOD", "CHOSEN_UNIVERSITY", "chosen_for", "chosen_period",
           "period_text", "plan_choices", "University", "ascii_code", "initials", "nominative", "propose_period",
           "propose_university"]
