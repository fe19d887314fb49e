"""Reference tables (data/reference/*.csv): units, vice-rectors, rankings, countries, institutions."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from parse.errors import LoadError
from parse.text_utils import norm_token
from paths import REFERENCE_DIR  # noqa: F401 (re-exported)


def squash_header(text: str) -> str:
    return " ".join(text.split())[:200]

# Case endings a unit name takes in running text: "kafedralar-la", "Bölmələr-lə", "şöbəsi-nin".
# Genitive endings only after a multi-word name: "Tələbələrin" is not the unit "Tələbələr".
UNIT_SUFFIXES = ("", "la", "lə")
GENITIVE_SUFFIXES = ("nin", "nın", "ın", "in")

REQUIRED_COLUMNS = {
    "units.csv": ["canonical_az", "name_en", "kind", "aliases"],
    "vice_rectors.csv": ["key", "name_az", "name_en", "keywords"],
    "rankings.csv": ["key", "name", "publisher", "url", "patterns"],
    "countries.csv": ["code", "name_az", "name_en", "iso3"],
    "institutions.csv": ["code", "name_az", "name_en", "city"],
    "organisations.csv": ["canonical", "aliases"],
}


def read_table(name: str, ref_dir: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    path = ref_dir / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED_COLUMNS[name] if c not in header]
            if missing:
                raise LoadError(str(path), "header (line 1)", f"columns {REQUIRED_COLUMNS[name]}",
                                ",".join(header))
            rows = []
            for line_no, row in enumerate(reader, start=2):
                key = REQUIRED_COLUMNS[name][0]
                if not (row.get(key) or "").strip():
                    raise LoadError(str(path), f"line {line_no}", f"a value in column {key!r}")
                rows.append({k: (v or "").strip() for k, v in row.items() if k})
            return rows
    except UnicodeDecodeError as exc:
        raise LoadError(str(path), f"byte {exc.start}", "UTF-8 text") from exc


# A suggestion must be at least this similar (rapidfuzz 0-100, after case endings are cut).
MIN_SCORE = 80
# Case endings of running text, longest first: "şöbəsinə" -> "şöbəsi", "mərkəzinin" -> "mərkəzi",
# "dekanlıqlarla" -> "dekanlıqlar". Only cut when a stem of 4+ letters remains.
CASE_ENDINGS = ("nın", "nin", "nun", "nün", "na", "nə", "ya", "yə", "dan", "dən", "nda", "ndə", "la", "lə",
                "ın", "in", "un", "ün", "da", "də")


# Russian vice-rector titles, read clause by clause (a partner cue ends the clause: "..., совместно с ...")
RU_CLAUSE_RE = re.compile(r"[,;.()\n]|\s(?:совместно|вместе|при\s+участии|со?)\s")
RU_VR_RE = re.compile(r"(?:(?P<before>[\w-]+)\s+)?проректор\w*(?:\s+по\s+(?P<after>.+))?")
RU_ADVISER_RE = re.compile(r"советник\w*\s+ректора")


def stem_word(word: str) -> str:
    w = norm_token(word)
    for end in CASE_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


def stem_phrase(text: str) -> str:
    return " ".join(stem_word(w) for w in re.split(r"[\s,;]+", text) if norm_token(w))


def new_unit_name(text: str) -> str | None:
    """A unit name as written, tidied for storing: single spaces, no list bullets or end punctuation,
    first letter upper-case. None when nothing name-like is left."""
    name = " ".join(text.split()).strip(" .;,:-–•·*()\"'“”«»")
    name = re.sub(r"^(\d+[.)]\s*)+", "", name).strip()
    if len(name) < 2 or not any(ch.isalpha() for ch in name):
        return None
    return {"i": "İ", "ı": "I"}.get(name[0], name[0].upper()) + name[1:]


@dataclass
class Match:
    start: int
    end: int  # exclusive token index
    units: list[str]


@dataclass
class UnitMatcher:
    """Finds canonical unit names in token streams through the alias table."""

    aliases: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    canonical: list[str] = field(default_factory=list)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> UnitMatcher:
        m = cls()
        for row in rows:
            name = row["canonical_az"]
            m.canonical.append(name)
            # English names are aliases too: plans written in English name units in English.
            names = [name] + [a for a in row["aliases"].split("|") if a.strip()] + [row.get("name_en") or ""]
            names = [a for a in names if a.strip()]
            for alias in names:
                key = tuple(norm_token(t) for t in alias.split())
                m.aliases.setdefault(key, [])
                if name not in m.aliases[key]:
                    m.aliases[key].append(name)
        # "Elm və Tədris Şöbələri" names two units at once.
        return m

    def match_at(self, toks: list[str], i: int) -> Match | None:
        """Longest alias starting at token i (case-insensitive, allowing a case ending); of equally long
        ones the first in the alias table. Only aliases whose first word can match token i are tried."""
        if i >= len(toks):
            return None
        first = norm_token(toks[i])
        index = self._by_first()
        keys = list(index.get(first, ()))
        if first.endswith(("la", "lə")):  # a one-word name with a case ending: "kafedralar-la"
            keys += [k for k in index.get(first[:-2], ()) if len(k[1]) == 1]
        if not keys:
            return None
        keys.sort()
        norm = [first] + [norm_token(t) for t in toks[i + 1:i + 12]]
        best: Match | None = None
        for _order, key in keys:
            n = len(key)
            if n > len(norm) or (best and n <= best.end - i):
                continue
            if list(key[:-1]) != norm[:n - 1]:
                continue
            last = norm[n - 1]
            suffixes = UNIT_SUFFIXES + (GENITIVE_SUFFIXES if n > 1 else ())
            if any(last == key[-1] + s for s in suffixes):
                best = Match(i, i + n, self.aliases[key])
        return best

    def _by_first(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """Alias keys by their first word, with their position in the table; rebuilt when aliases are added
        (values replaced in place keep their position and are read from the table itself)."""
        cached = self.__dict__.get("_index")
        if cached is None or cached[0] != len(self.aliases):
            index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
            for order, key in enumerate(self.aliases):
                if key:
                    index.setdefault(key[0], []).append((order, key))
            cached = (len(self.aliases), index)
            self.__dict__["_index"] = cached
        return cached[1]

    def closest(self, text: str, limit: int = 3, prefer: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """Known units that a new name most likely means, best first; none below MIN_SCORE.

        Case endings are cut from every word first ("Tədris şöbəsinə" reads as "tədris şöbəsi"),
        words are compared in any order, and units in `prefer` (the same university's) come first."""
        names: dict[str, str] = {}  # stemmed alias -> canonical
        for key, units in self.aliases.items():
            if len(units) == 1:
                names.setdefault(stem_phrase(" ".join(key)), units[0])
        query = stem_phrase(text)
        if not query:
            return []
        found = process.extract(query, list(names), scorer=fuzz.token_sort_ratio, limit=None,
                                score_cutoff=MIN_SCORE)
        best: dict[str, float] = {}
        for alias, score, _ in found:
            unit = names[alias]
            best[unit] = max(best.get(unit, 0.0), score)
        ranked = sorted(best, key=lambda u: (u not in prefer, -best[u], u))
        return ranked[:limit]

    def add_alias(self, alias: str, unit: str) -> None:
        key = tuple(norm_token(t) for t in alias.split())
        if key:
            self.aliases[key] = [unit]

    def add_unit(self, name: str) -> None:
        if name not in self.canonical:
            self.canonical.append(name)
        self.add_alias(name, name)


def organisation_aliases(ref_dir: Path) -> dict[str, str]:
    """organisations.csv: canonical name and '|'-separated aliases (optional file)."""
    if not (ref_dir / "organisations.csv").exists():
        return {}
    out: dict[str, str] = {}
    for row in read_table("organisations.csv", ref_dir):
        for alias in [row["canonical"], *row["aliases"].split("|")]:
            if alias.strip():
                out[" ".join(norm_token(w) for w in alias.split())] = row["canonical"]
    return out


def extra_unit_aliases(ref_dir: Path) -> list[dict[str, str]]:
    """unit_aliases.csv (optional): names of known units in other languages ('Учебный отдел' is the Tədris
    Şöbəsi), reviewed like new units before they are added; read by the matcher only (the plan database's
    unit_aliases table lists the aliases of units.csv)."""
    path = ref_dir / "unit_aliases.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [{k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(fh)]
    return [r for r in rows if r.get("alias") and r.get("canonical_az")]


SCOPED_MERGES = "unit_merges_by_institution"  # attribute: {institution: [(name, unit_name), ...]}


@dataclass
class Reference:
    units: list[dict[str, str]]
    vice_rectors: list[dict[str, str]]
    rankings: list[dict[str, str]]
    countries: list[dict[str, str]]
    institutions: list[dict[str, str]]
    matcher: UnitMatcher
    organisation_aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical name

    def has_own_merges(self, institution: str | None) -> bool:
        """Has `institution` unit merges of its own (state.unit_review keeps them on the reference)?"""
        return bool(institution and self.__dict__.get(SCOPED_MERGES, {}).get(institution))

    def organisation(self, name: str) -> str:
        """One organisation, one name: 'Azərbaycan Təhsil Nazirliyi' is the Ministry of Education."""
        key = " ".join(norm_token(w) for w in name.split())
        return self.organisation_aliases.get(key, name)

    @classmethod
    def load(cls, ref_dir: Path = REFERENCE_DIR) -> Reference:
        units = read_table("units.csv", ref_dir)
        combined = {"Elm və Tədris Şöbələri": ["Elm Şöbəsi", "Tədris Şöbəsi"]}
        matcher = UnitMatcher.from_rows(units)
        for alias, names in combined.items():
            matcher.aliases[tuple(norm_token(t) for t in alias.split())] = names
        known = {u["canonical_az"] for u in units}
        for row in extra_unit_aliases(ref_dir):
            if row["canonical_az"] in known:
                matcher.add_alias(row["alias"], row["canonical_az"])
        return cls(
            units=units,
            vice_rectors=read_table("vice_rectors.csv", ref_dir),
            rankings=read_table("rankings.csv", ref_dir),
            countries=read_table("countries.csv", ref_dir),
            institutions=read_table("institutions.csv", ref_dir),
            matcher=matcher,
            organisation_aliases=organisation_aliases(ref_dir),
        )

    def vice_rector_keys(self, note: str) -> list[str]:
        """Portfolios named in a note such as 'Tədris və Elmi işlər üzrə prorektorlarla birlikdə'.

        The note is read clause by clause: the portfolio words before each "prorektor..."
        (also misspelt, e.g. "prorejktor") name vice-rectors; a clause ending in "müşaviri" names
        the rector's adviser. Unit names must already be removed from the note by the caller.
        """
        keys: list[str] = []
        clause: list[str] = []
        for word in (norm_token(w) for w in re.split(r"[\s,]+", note) if w):
            if word.startswith("prore"):
                for vr in self.vice_rectors:
                    if vr["key"] == "adviser":
                        continue
                    kws = vr["keywords"].split("|")
                    if any(w == kw or (len(kw) > 4 and w.startswith(kw)) for w in clause for kw in kws):
                        if vr["key"] not in keys:
                            keys.append(vr["key"])
                clause = []
            elif word == "müşaviri":
                if "adviser" not in keys:
                    keys.append("adviser")
                clause = []
            else:
                clause.append(word)
        for key in self._ru_vice_rector_keys(note):
            if key not in keys:
                keys.append(key)
        return keys

    def _ru_vice_rector_keys(self, note: str) -> list[str]:
        """Portfolios of Russian titles: the words after 'проректор по' up to the clause's end ('Проректор по
        учебной работе', 'проректор по административно-хозяйственной работе'), or the word before it
        ('исполнительный проректор'); 'советник ректора' is the adviser. Stems in vice_rectors.csv, keywords_ru."""
        keys: list[str] = []
        for clause in RU_CLAUSE_RE.split(note.lower().replace("ё", "е")):
            for m in RU_VR_RE.finditer(clause):
                phrase = f"{m.group('before') or ''} {m.group('after') or ''}"
                keys += [vr["key"] for vr in self.vice_rectors if vr.get("keywords_ru") and vr["key"] not in keys
                         and vr["key"] != "adviser" and any(stem in phrase for stem in vr["keywords_ru"].split("|"))]
            if "adviser" not in keys and RU_ADVISER_RE.search(clause):
                keys.append("adviser")
        return keys

    def institution_in(self, header: str, default: str) -> tuple[str, str | None]:
        """The university a document's heading names: '(CODE)' or a name from institutions.csv.

        Returns (code, name as written or None). Documents without a heading (the QKU plan's PDF
        text starts at 'Məqsəd 1') keep the default of their kind."""
        code = re.search(r"\(([A-Z][A-Z0-9]{1,9})\)", header)
        if code:
            return code.group(1), squash_header(header)
        low = norm_token(header) if " " not in header else " ".join(norm_token(w) for w in header.split())
        for inst in self.institutions:
            if " ".join(norm_token(w) for w in inst["name_az"].split()) in low:
                return inst["code"], None
        return default, None

    def country_code(self, name_or_code: str) -> str | None:
        text = name_or_code.strip()
        for c in self.countries:
            if text.upper() == c["code"] or norm_token(text) in (norm_token(c["name_az"]),
                                                                 norm_token(c["name_en"])):
                return c["code"]
        return None
