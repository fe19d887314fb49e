"""Cells of a plan row (action, deadline, responsible units, note) to a normalised Action.

The PDF parser finds these cells in broken text; Word tables and the Excel template give them
directly. All of them end here, so a plan reads the same whatever format it came in.
"""
from __future__ import annotations

import re

from parse.deadlines import parse_deadline
from parse.records import Action, Plan, Warning_
from parse.reference import Reference, new_unit_name
from parse.text_utils import norm_token, squash, tokens
from parse.units import find_units, is_note_word

SEPARATOR_WORDS = {",", ";", "və", "ilə", "birlikdə"}
# The last word of a unit's name ("... fakültəsi", "... Nazirliyi", "Отдел ...", "... Office"): a name that ends
# in one is a unit on its own. Stems, so that case endings and k/y alternation ("nazirliyi") still match.
UNIT_HEADS = ("şöbə", "kafedra", "mərkəz", "fakültə", "departament", "nazirl", "sektor", "laboratoriya", "idarə",
              "bölmə", "şura", "komitə", "dekanl", "institut", "xidmət", "qrup", "klub", "cəmiyyət", "assosiasiya",
              "agentl", "fond", "redaksiya", "ofis", "aparat", "komissiya", "palata", "office", "centre", "center",
              "department", "faculty", "ministry", "unit", "council", "committee", "laboratory", "board", "agency",
              "отдел", "центр", "кафедр", "факультет", "министерств", "управлен", "лаборатор", "совет", "деканат",
              "комитет", "служб")
# a person in brackets after a unit: "Pedaqogika kafedrası (kaf. müd. dos. S. Quliyeva)"
PERSON_IN_BRACKETS_RE = re.compile(
    r"\s*\(([^()]*?(?:\b[A-ZƏÖÜÇŞĞİА-Я]\.\s*[A-ZƏÖÜÇŞĞİА-Я][^\W\d_]+|\b(?:dos|prof|müd|kaf|dekan|rəhbər|dr|"
    r"b\.m|f\.e\.d|t\.e\.d|prof|доц|проф|зав)\.)[^()]*)\)")


def is_unit_head(word: str) -> bool:
    """Is this word the head of a unit's name (şöbəsi, kafedrası, Nazirliyi, Office, отдел)?"""
    w = norm_token(word)
    return any(w.startswith(h) for h in UNIT_HEADS)


def people_in_brackets(text: str | None) -> tuple[str | None, list[str]]:
    """The cell without people named in brackets after a unit, and those people as written."""
    if not text:
        return text, []
    people = [squash(m.group(1)) for m in PERSON_IN_BRACKETS_RE.finditer(text)]
    return (PERSON_IN_BRACKETS_RE.sub("", text) if people else text), people


def split_lines(text: str) -> str:
    """Line breaks separate names where the line before ends a unit's name ("Filologiya fakültəsi\\nTarix
    fakültəsi"); elsewhere a line break may fall inside a name and is a space."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        prev = out.split()
        starts_name = line.strip()[:1].isupper()
        out += ("; " if prev and starts_name and is_unit_head(prev[-1]) else " ") + line
    return out


def _both_units(before: list[str], after: list[str], ref: Reference) -> bool:
    """Does 'və' join two units ("Maliyyə şöbəsi və Hüquq şöbəsi"), not words inside one name ("Təbiət elmləri
    və kənd təsərrüfatı fakültəsi", "Ekologiya və Təbii Sərvətlər Nazirliyi")?"""
    if not before or not is_unit_head(before[-1]):
        return False
    rest: list[str] = []
    for k, tok in enumerate(after):
        if norm_token(tok) in SEPARATOR_WORDS or ref.matcher.match_at(after, k):
            break
        rest.append(tok)
    return not rest or is_unit_head(rest[-1])


def units_in_cell(text: str | None, ref: Reference) -> tuple[list[str], list[str]]:
    """Canonical units named in a cell, and the chunks that name no known unit. 'və' inside an unknown name
    splits it only where both parts are units on their own (_both_units)."""
    units, unknown, _split = read_cell(text, ref)
    return units, unknown


def read_cell(text: str | None, ref: Reference) -> tuple[list[str], list[str], bool]:
    """units_in_cell, and whether a name no reference knows was cut off at 'və' (a guess a person should check:
    provenance reason 'split_name')."""
    toks = tokens(text or "")
    units, mask = find_units(toks, ref.matcher)
    unknown: list[str] = []
    chunk: list[str] = []
    split = False
    for i, (tok, is_unit) in enumerate(zip(toks, mask, strict=True)):
        word = norm_token(tok)
        glued = word == "və" and chunk and not is_unit and not _both_units(chunk, toks[i + 1:], ref) and \
            i + 1 < len(toks) and not mask[i + 1]
        if not glued and (is_unit or word in SEPARATOR_WORDS):
            # 'və' between two parts, one of them unknown: the cell was cut into names here
            split = split or (word == "və" and not is_unit and i + 1 < len(toks) and (bool(chunk) or not mask[i + 1])
                              and i > 0)
            if chunk:
                unknown.append(" ".join(chunk))
            chunk = []
        else:
            chunk.append(tok)
    if chunk:
        unknown.append(" ".join(chunk))
    return units, unknown, split


def lines_split(text: str | None) -> bool:
    """Did split_lines cut the cell at a line break (a guess: the line before ended a unit's name)?"""
    return bool(text) and split_lines(text).count(";") > text.count(";")  # type: ignore[union-attr]


def keep_new_units(chunks: list[str], plan: Plan, ref: Reference, file: str, where: str,
                   known: list[str] | None = None) -> list[str]:
    """Names no reference knows are kept as new units of the plan's university (not reviewed yet),
    never dropped; the warning says so and names the known units it most likely means."""
    out: list[str] = []
    for chunk in chunks:
        name = new_unit_name(chunk)
        if name is None or name in out or name in (known or []):
            continue
        out.append(name)
        plan.warnings.append(Warning_(file, where, f"new unit {name!r} will be added (not reviewed yet)",
                                      ref.matcher.closest(name)))
    return out


def read_note(note: str | None, ref: Reference, lead: list[str]) -> tuple[list[str], list[str]]:
    """Partner units ("... ilə birlikdə") and vice-rector portfolios named in a note."""
    toks = tokens(note or "")
    partners, mask = find_units(toks, ref.matcher)
    rest = " ".join(t for t, is_unit in zip(toks, mask, strict=True) if not is_unit)
    return [p for p in partners if p not in lead], ref.vice_rector_keys(rest)


# Cues that a note names partners: after them in Azerbaijani ("Elm şöbəsi ilə birlikdə", "Dekanlıqlarla birgə"),
# before them in English and Russian ("together with the ...", "совместно с ...").
CUE_AFTER_RE = re.compile(r"(?:\s+ilə)?\s+(?:birlikdə|bilrikdə|birgə|əməkdaşlıqda|əməkdaşlıq\s+şəraitində)\b",
                          re.IGNORECASE)
RU_HEADS = r"(?:отдел|кафедр|центр|деканат|факультет|управлени|служб|лаборатори|библиотек|министерств|совет|комитет" \
           r"|ректорат|сектор|бухгалтери|технопарк|учебн\w*\s+част)"
CUE_BEFORE_RE = re.compile(r"\b(?:together|jointly|in\s+(?:cooperation|collaboration|partnership))\s+with"
                           r"(?:\s+the)?\s+|(?:совместно|вместе)\s+со?\s+|(?P<gen>при\s+участии\s+)"
                           rf"|(?<![\w-])со?\s+(?=(?:[\w-]+(?:ым|им|ой|ей|ыми|ими)\s+){{0,2}}{RU_HEADS})",
                           re.IGNORECASE)  # a bare "с" only right before a unit's name ("с учебным отделом")
CLAUSE_RE = re.compile(r"\s*(?:;|\.\s|\n)\s*")
# Russian case endings of the words of a unit's name up to its head noun, to the nominative: after "совместно с"
# the instrumental ("Министерством науки" -> "Министерство науки", "кафедрой" -> "кафедра", "учебным отделом" ->
# "учебный отдел"), after "при участии" the genitive ("отдела кадров" -> "отдел кадров"). Longest first.
RU_NOUN = {"ins": (("ством", "ство"), ("ием", "ие"), ("ой", "а"), ("ей", "я"), ("ом", ""), ("ем", ""), ("ами", "ы"),
                   ("ями", "и")),
           "gen": (("ства", "ство"), ("ия", "ие"), ("ии", "ия"), ("ов", "ы"), ("ы", "а"), ("ки", "ка"), ("а", ""))}
RU_ADJ = {"ins": (("ыми", "ые"), ("ими", "ие"), ("ым", "ый"), ("им", "ий"), ("ой", "ая"), ("ей", "яя")),
          "gen": (("ого", "ый"), ("его", "ий"), ("ой", "ая"), ("ей", "яя"), ("ых", "ые"), ("их", "ие"))}
RU_HEAD_RE = re.compile(RU_HEADS, re.IGNORECASE)
RU_AND_RE = re.compile(rf"\s*,\s*|\s+и\s+(?=(?:[\w-]+\s+){{0,2}}{RU_HEADS})", re.IGNORECASE)


def _ru_word(word: str, table) -> str:
    for end, repl in table:
        if word.lower().endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)] + repl
    return word


def _ru_name(text: str, case: str) -> str:
    """One name to the nominative: its words up to the head noun (adjectives before it), else its first word."""
    words = text.split()
    if not words or not re.match(r"[А-Яа-яЁё]", words[0]):
        return text
    head = next((i for i, w in enumerate(words[:3]) if RU_HEAD_RE.match(w)), None)
    if head is None:
        words[0] = _ru_word(words[0], RU_NOUN[case])
    else:
        words[:head] = [_ru_word(w, RU_ADJ[case]) for w in words[:head]]
        words[head] = _ru_word(words[head], RU_NOUN[case])
    return " ".join(words)


def _ru_nominative(text: str, case: str = "ins") -> str:
    """Names after a Russian cue, each to the nominative, as a comma-separated list ('с отделом кадров и
    кафедрами' -> 'отдел кадров, кафедры'); 'и' separates names only before another unit's head word
    ('Министерством науки и образования' is one name)."""
    return ", ".join(_ru_name(part, case) for part in RU_AND_RE.split(text.strip()) if part.strip())


def _vice_rector_phrase(chunk: str) -> bool:
    """'Tədris işləri üzrə prorektor', or 'Tədris' of 'Tədris, Elm və İnkişaf üzrə prorektorlarla': no unit."""
    words = chunk.split()
    return any(norm_token(w).startswith(("prore", "rektor", "vice-rector", "проректор")) for w in words) or \
        all(is_note_word(w) for w in words)


def _only_units(note: str, ref: Reference, institution: str) -> bool:
    """Is the note a list of known units and nothing else ('Keyfiyyətin Təminatı Mərkəzi və Strateji İnkişaf
    Mərkəzi', 'QKU-nun Elmi Şurası')?"""
    toks = tokens(note)
    _units, mask = find_units(toks, ref.matcher)
    code = institution.lower()
    rest = [t for t, m in zip(toks, mask, strict=True) if not m and norm_token(t) not in SEPARATOR_WORDS
            and not norm_token(t).startswith(code + "-")]
    return any(mask) and not rest


def partners_from_note(note: str | None, ref: Reference, plan: Plan, file: str, where: str,
                       lead: list[str]) -> list[str]:
    """Partners a note names: where it says so ("... ilə birlikdə", "together with ...", "совместно с ..."),
    unknown names kept as new units; or every unit of a note that lists units and nothing else. A unit merely
    mentioned ("Maliyyə şöbəsinin vəsaiti hesabına") is no partner. The preview is told what was taken."""
    if not note or not squash(note):
        return []
    if _only_units(note, ref, plan.institution):
        found = [u for u in find_units(tokens(note), ref.matcher)[0] if u not in lead]
    else:
        found = []
        for clause in CLAUSE_RE.split(note):
            texts = []
            if m := CUE_AFTER_RE.search(clause):
                texts.append(clause[:m.start()])
            for m in CUE_BEFORE_RE.finditer(clause):
                nxt = CUE_BEFORE_RE.search(clause, m.end())
                texts.append(_ru_nominative(clause[m.end():nxt.start() if nxt else len(clause)],
                                            "gen" if m.group("gen") else "ins"))
            for text in texts:
                units, unknown = units_in_cell(text, ref)
                unknown = [c for c in unknown if not _vice_rector_phrase(c)]
                units += keep_new_units(unknown, plan, ref, file, where, units + lead)
                found += [u for u in units if u not in found and u not in lead]
    if found:
        plan.warnings.append(Warning_(file, where, "partner unit(s) taken from the note: " + ", ".join(found),
                                      [squash(note)[:120]]))
    return found


def action_from_cells(plan: Plan, ref: Reference, file: str, where: str, *, goal_no: int | None,
                      target_no: int | None, action_no: int | None, title: str, deadline_raw: str | None,
                      responsible: str | None, note: str | None, seq: int = 0,
                      source_line: int | None = None, note_cues: bool = False) -> Action:
    """One action from its cells. With `note_cues` (plans read by the general reader) partners come from the note
    only where it says so (partners_from_note); else every unit the note names is a partner."""
    cell, people = people_in_brackets(responsible)
    lead, unknown, split = read_cell(cell, ref)
    new = keep_new_units(unknown, plan, ref, file, where, lead)
    lead += new
    partners, vrs = read_note(note, ref, lead)
    if note_cues:
        partners = partners_from_note(note, ref, plan, file, where, lead)
    for person in people:
        plan.warnings.append(Warning_(file, where, f"{person!r} in brackets kept as a person, not a unit"))
    return Action(people=people, seq=seq, goal_no=goal_no, target_no=target_no, action_no=action_no,
                  uncertain=["split_name"] if split and new else [],
                  title=squash(title),
                  deadline=parse_deadline(deadline_raw, plan.period_start, plan.period_end), lead_units=lead,
                  partner_units=partners, vice_rectors=vrs, responsible_raw=squash(responsible or "") or None,
                  note_raw=squash(note or "") or None, source_line=source_line)
