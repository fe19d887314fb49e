"""Which column of a plan table holds what: decided from the header words (Azerbaijani, English, Russian,
Turkish) and confirmed or overridden by the cells' content (deadlines, numbers, unit names, vice-rectors).

An editor may correct the roles; the correction is remembered per university keyed by `mapping_key(header)`,
so it applies to that university's next document whatever the column order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parse.deadlines import parse_deadline
from parse.errors import LoadError
from parse.reference import Reference
from parse.tables import RawTable
from parse.text_utils import az_lower, squash, tokens
from parse.units import find_units

ROLES = ("number", "goal", "target", "title", "deadline", "lead", "partner", "oversight", "indicator", "note",
         "strategy", "ignore")

# Header words, folded (lower case, "ı" -> "i"); checked in this order, so "soisponitel" is a partner before
# "ispolnitel" is a lead and "icra nəzarət" is oversight before "icra müddəti" is a deadline.
HEADER_WORDS: list[tuple[str, str]] = [
    # The item of the university's strategic plan a row serves ("Strateji plan bəndi", "İnkişaf strategiyasındakı
    # yeri", "Strategic plan item", "Пункт стратегического плана", "Stratejik plan maddesi").
    ("strategy", r"strateji plan|strategiyasindak|strategiya bənd|strategic plan|strategy item|стратегическ"
                 r"|stratejik plan"),
    ("ignore", r"icra yollar|baza göstərici|resurs|ehtiyac|büdcə|budget|бюджет|ресурс|bütçe|kaynak|təsdiqlədiyi"
               r"|means of|baseline|источник|hesabatlil|reporting|отчетн|raporla"),
    ("partner", r"əməkdaşliq edən|tərəfdaş|partner|co-?operat|supporting|соисполн|партн|işbirliği|iş birliği"
                r"|paydaş|ortak"),
    ("oversight", r"nəzarət|oversight|supervis|контрол|курир|kontrol|gözetim"),
    ("deadline", r"müddət|tarix|mərhələ|timeline|deadline|\bdue\b|time ?frame|period|schedule|\bwhen\b|срок|дата"
                 r"|süre|tarih|takvim|zaman"),
    ("lead", r"məsul|icraçi|responsib|\blead\b|owner|executor|ответствен|исполнит|sorumlu|yürüt"),
    ("indicator", r"nəticə|indikator|göstərici|expected|outcome|output|\bkpi|indicator|measure of|результат"
                  r"|индикатор|показател|beklenen|sonuç|gösterge|kəmiyyət|keyfiyyət"),
    ("note", r"qeyd|\bnotes?\b|remark|comment|примеч|açiklama|\bnot\b|notlar"),
    ("title", r"tədbir|görülən iş|görüləcək iş|fəaliyyət|action|activit|initiative|мероприят|действ|faaliyet"
              r"|eylem|yapilacak"),
    ("goal", r"məqsəd|maqsad|\bgoal|strategic objective|цель|amaç"),
    ("target", r"hədəf|hedef|target|objective|задач|istiqamət|direction"),
    ("number", r"^(?:№|no\.?|#|n|s\.? ?s\.?|sira|sira no|№ п/п|п/п|nr\.?|number|num)$|^№"),
]
HEADER_RES = [(role, re.compile(pattern)) for role, pattern in HEADER_WORDS]
NUMBER_RE = re.compile(r"^\s*\d{1,3}(?:\s*[.\-]\s*\d{1,3}){0,4}\s*[.)]?\s*$")
VR_WORDS = re.compile(r"prore|vice[- ]?rector|проректор|rektör yardimci|rektor yardimci|rektor müşavir")


def fold(text: str | None) -> str:
    """Lower case (Azerbaijani and Turkish dotted/dotless i), single spaces."""
    return squash(az_lower(text or "").replace("ı", "i"))


def mapping_key(header: str | None) -> str:
    """The header as a key for remembered mappings: folded, punctuation and numbering dropped."""
    return squash(re.sub(r"[^\w№#]+", " ", fold(header)))


def header_role(text: str | None) -> str | None:
    """The role a header cell names, or None."""
    low = fold(text)
    if not low:
        return None
    low = re.sub(r"\s*/\s*", " / ", low)
    for role, regex in HEADER_RES:
        if regex.search(low):
            return role
    return None


def is_header_row(row: list[str | None]) -> bool:
    """Short cells, most of them header words, naming at least two roles, one of them action, deadline or lead."""
    cells = [c for c in row if c and c.strip()]
    if len(cells) < 2 or any(len(c) > 80 for c in cells):
        return False
    roles = [header_role(c) for c in cells]
    named = {r for r in roles if r}
    return sum(r is not None for r in roles) * 2 >= len(cells) and len(named - {"ignore"}) >= 2 and \
        bool(named & {"title", "deadline", "lead"})


@dataclass
class ColumnRole:
    index: int
    role: str
    confidence: float
    header: str
    example: str | None
    key: str = ""  # mapping_key(header): how an editor's correction is remembered
    mean_length: float = 0.0  # of the column's texts


def header_rows(table: RawTable) -> int:
    """Number of header rows at the top of the table (0: no header, e.g. a continued table)."""
    start, end = header_span(table)
    return end if start == 0 else 0


def header_span(table: RawTable) -> tuple[int, int]:
    """(first, last + 1) of the header rows among the table's first rows; title rows may stand above them."""
    for i, row in enumerate(table.rows[:4]):
        if is_header_row(row):
            n = i + 1
            # A header cell merged over sub-columns ("Nəticə indikatoru" over "Kəmiyyət | Keyfiyyət"): one more row.
            nxt = table.rows[n] if n < len(table.rows) else []
            if any(c is None for c in row[1:]) and any(c is None for c in nxt) and not is_heading_row(nxt):
                n += 1
            return i, n
    return 0, 0


def header_texts(table: RawTable, n: int) -> list[str]:
    """One header text per column from the first n rows, merged cells filled from their origin."""
    out = []
    for c in range(table.width):
        parts: list[str] = []
        for r in range(n):
            text = table.cell(r, c, follow_merge=True)
            if text and text not in parts:
                parts.append(text)
        out.append(squash(" ".join(parts)))
    return out


def _share(values: list[str], pred) -> float:
    return sum(1 for v in values if pred(v)) / len(values) if values else 0.0


def _has_unit(text: str, ref: Reference) -> bool:
    return bool(find_units(tokens(text), ref.matcher)[0])


def content_role(values: list[str], ref: Reference) -> tuple[str | None, float]:
    """The role the cells suggest on their own, with the share of cells that agree."""
    if not values:
        return None, 0.0
    avg = sum(len(v) for v in values) / len(values)
    checks = [
        ("number", _share(values, lambda v: bool(NUMBER_RE.match(v)))),
        ("deadline", _share(values, lambda v: len(v) <= 60 and parse_deadline(v, 2000, 2000).recurrence is not None)
         if avg <= 40 else 0.0),
        ("oversight", _share(values, lambda v: bool(VR_WORDS.search(fold(v))))),
        ("lead", _share(values, lambda v: _has_unit(v, ref)) if avg <= 200 else 0.0),
    ]
    role, share = max(checks, key=lambda x: x[1])
    return (role, share) if share >= 0.5 else (None, share)


def data_rows(table: RawTable, start: int) -> list[list[str | None]]:
    """Rows below the header that are no full-width headings."""
    return [r for r in table.rows[start:] if not is_heading_row(r)]


def is_heading_row(row: list[str | None]) -> bool:
    """A full-width row: text in its first cell only, the other cells merged into it."""
    filled = [c for c in row if c]
    return len(row) > 1 and len(filled) == 1 and bool(row[0]) and all(c is None for c in row[1:])


def infer_roles(table: RawTable, ref: Reference, override: dict | None = None, n_header: int | None = None,
                require_title: bool = True) -> list[ColumnRole]:
    """Each column's role. `override` maps a column index or a `mapping_key` of a header to a role and wins."""
    n = header_rows(table) if n_header is None else n_header
    headers = header_texts(table, n)
    rows = data_rows(table, n)
    out: list[ColumnRole] = []
    for c, header in enumerate(headers):
        values = [squash(r[c]) for r in rows if c < len(r) and r[c] and squash(r[c])]
        h = header_role(header)
        guess, share = content_role(values, ref)
        role, conf = h or "ignore", 0.6 if h else 0.2
        if guess == h and h:
            conf = 0.95
        elif guess == "deadline" and h not in ("title", "indicator", "goal", "target"):
            role, conf = "deadline", 0.8  # dates whatever the header says
        elif guess == "number" and h in (None, "ignore", "number"):
            role, conf = "number", 0.85
        elif guess == "oversight" and h in (None, "ignore", "note", "lead", "partner"):
            role, conf = ("oversight", 0.8) if h != "lead" or share >= 0.8 else (role, conf)
        elif guess == "lead" and h is None:
            role, conf = "lead", 0.7
        elif h == "title" and values and sum(map(len, values)) / len(values) >= 15:
            conf = 0.9
        elif guess is None and h is None and values and sum(map(len, values)) / len(values) >= 15:
            role, conf = "title?", 0.3  # long text without a known header: a title if nothing else is
        out.append(ColumnRole(c, role, round(conf, 2), header, values[0][:80] if values else None,
                              mapping_key(header), sum(map(len, values)) / len(values) if values else 0.0))
    _settle(out)
    for col in out:
        forced = (override or {}).get(col.index, (override or {}).get(col.key))
        if forced:
            if forced not in ROLES:
                raise LoadError(table.source, table.where, f"a column role of {', '.join(ROLES)}", forced)
            col.role, col.confidence = forced, 1.0
    if require_title and not any(c.role == "title" for c in out):
        raise LoadError(table.source, table.where,
                        "a header row naming the columns, with an action column (e.g. № | Tədbirlər / Görülən işin "
                        "məzmunu / Action / Мероприятие / Faaliyet | İcra müddəti | Məsul)",
                        " | ".join(headers)[:160] or None)
    return out


def _settle(cols: list[ColumnRole]) -> None:
    """One title (the longest texts; a long-text column without a known header only when no header names one),
    one lead (a second unit column is the partner), one action number (besides a section number)."""
    if not any(c.role == "title" for c in cols):
        guesses = [c for c in cols if c.role == "title?"]
        if guesses:
            max(guesses, key=lambda c: c.mean_length).role = "title"
    titles = sorted((c for c in cols if c.role == "title"), key=lambda c: -c.mean_length)
    for extra in titles[1:]:
        extra.role, extra.confidence = "ignore", 0.4
    leads = [c for c in cols if c.role == "lead"]
    for extra in leads[1:]:
        extra.role, extra.confidence = "partner", min(extra.confidence, 0.6)
    numbers = [c for c in cols if c.role == "number"]
    for extra in numbers[1:]:
        if extra.header and header_role(extra.header) == "number":
            continue  # "s.s." and "№": the first may be a section number (see generic_plan)
        extra.role, extra.confidence = "ignore", 0.4
    for c in cols:
        if c.role == "title?":
            c.role = "ignore"


def is_guessed(col: ColumnRole) -> bool:
    """Was the column's role guessed (from its cells, or left to it by the other columns) rather than read from a
    known header or chosen by a person? Rows using it are worth a look (provenance reason 'inferred_role').
    A note column whose cells name vice-rectors (oversight) is read as a note either way: no guess that matters."""
    def family(role: str | None) -> str | None:
        return "note" if role in ("note", "oversight") else role

    return col.confidence < 1.0 and family(header_role(col.header)) != family(col.role)


def remember(roles: list[ColumnRole]) -> dict[str, str]:
    """The mapping to store for a university: header key -> role (apply it with `infer_roles(override=...)`)."""
    return {c.key: c.role for c in roles if c.key}
