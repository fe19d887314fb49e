"""Reading unit names out of token streams: lists of responsible units and units named in notes."""
from __future__ import annotations

from dataclasses import dataclass, field

from parse.reference import UnitMatcher
from parse.text_utils import norm_token

SEPARATORS = {",", ";"}
# Words of a vice-rector note ("Tədris işləri üzrə prorektorla birlikdə"): never a title.
NOTE_WORDS = {
    "tədris", "elmi", "elm", "işləri", "işlər", "və", "üzrə", "ilə", "birlikdə", "bilrikdə",
    "inkişaf", "beynəlxalq", "əlaqələr", "ümumi", "icraçı", "rektor", "müşaviri", ",", ";",
}


def is_note_word(token: str) -> bool:
    t = norm_token(token)
    return t in NOTE_WORDS or t.startswith("prore")


def starts_note(toks: list[str], i: int) -> bool:
    """Does a vice-rector note start at token i? ("Tədris işləri üzrə", "İcraçı prorektorla")."""
    window = [norm_token(t) for t in toks[i:i + 6]]
    return bool(window) and is_note_word(toks[i]) and any(
        w == "üzrə" or w.startswith("prore") for w in window
    )


@dataclass
class UnitList:
    units: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    end: int = 0


def _add(target: list[str], names: list[str]) -> None:
    for n in names:
        if n not in target:
            target.append(n)


def read_unit_list(toks: list[str], matcher: UnitMatcher, start: int = 0) -> UnitList:
    """Read 'A, B və C' from toks[start:]; stop where the list ends (no separator follows).

    Text between separators that is no known unit is returned in `unknown`, never dropped.
    """
    out = UnitList(end=start)
    i, n = start, len(toks)
    while i < n:
        if toks[i] in SEPARATORS:
            i += 1
            continue
        m = matcher.match_at(toks, i)
        if m:
            _add(out.units, m.units)
            i = m.end
        else:
            if starts_note(toks, i):
                break
            j = i
            while j < n and toks[j] not in SEPARATORS and not starts_note(toks, j) and not (
                j > i and matcher.match_at(toks, j)
            ):
                j += 1
            chunk = " ".join(toks[i:j]).strip(" .")
            if chunk:
                out.unknown.append(chunk)
            i = j
        out.end = i
        if i < n and toks[i] in SEPARATORS:
            continue
        if i + 1 < n and norm_token(toks[i]) == "və" and matcher.match_at(toks, i + 1):
            i += 1
            continue
        break
    out.end = i
    return out


def find_units(toks: list[str], matcher: UnitMatcher) -> tuple[list[str], list[bool]]:
    """Every unit named anywhere in toks, and a mask of the tokens that belong to a unit name."""
    units: list[str] = []
    mask = [False] * len(toks)
    i = 0
    while i < len(toks):
        m = matcher.match_at(toks, i)
        if m:
            _add(units, m.units)
            for k in range(m.start, m.end):
                mask[k] = True
            i = m.end
        else:
            i += 1
    return units, mask
