"""A Word plan without a table: actions as numbered paragraphs ("1.2.3. Tədris planlarının yenilənməsi – Məsul:
Tədris şöbəsi; Müddət: 2026-cı il"), goals and targets as the paragraphs between them ("Məqsəd 1: …", "1.2. …",
"I. …"). The paragraphs become one table (№ | action | deadline | responsible | partners | note, headings as
full-width rows) that the general reader reads like any other, so units, deadlines and partners read the same.
"""
from __future__ import annotations

import io
import re

from parse.tables import RawTable, check_zip
from parse.text_utils import squash

NUMBER_RE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,3})\.?\s+(?=\S)(.*)$", re.DOTALL)
# field labels inside an action paragraph, by the column they fill
LABELS = {
    "lead": r"m[əa]sul(?:\s+icra[çc][ıi])?|icra[çc][ıi]|responsible|lead|ответственн\w*|исполнител\w*",
    "deadline": r"m[üu]dd[əa]t|icra\s+m[üu]dd[əa]ti|icra\s+tarixi|deadline|timeline|due|срок(?:\s+исполнения)?",
    "partner": r"t[əa]r[əa]fda[şs]lar|partners?|birg[əa]\s+icra[çc][ıi]lar|соисполнител\w*|партн[её]р\w*",
    "note": r"qeyd|note|примечание",
}
LABEL_RE = re.compile(r"(?:^|[\s;,.–—-])(" + "|".join(f"(?P<{k}>{v})" for k, v in LABELS.items()) + r")\s*:\s*",
                      re.IGNORECASE)
HEADER = ["№", "Tədbir", "İcra müddəti", "Məsul", "Tərəfdaşlar", "Qeyd"]
COLUMN = {"deadline": 2, "lead": 3, "partner": 4, "note": 5}


def paragraphs(data: bytes, file: str) -> list[tuple[int, str]]:
    """The Word file's body paragraphs that hold text, in order (no tables in it), each with its number among
    all the body's paragraphs (counted from 1, as the provenance of an action)."""
    import docx

    check_zip(data, file, "word/document.xml")
    document = docx.Document(io.BytesIO(data))
    return [(n, p.text.strip()) for n, p in enumerate(document.paragraphs, start=1) if p.text.strip()]


def _action(number: str, text: str) -> list[str | None] | None:
    """A row from an action paragraph; None when the paragraph names no responsible unit or deadline."""
    fields = list(LABEL_RE.finditer(text))
    if not fields:
        return None
    row: list[str | None] = [number, squash(text[:fields[0].start()]).rstrip(" –—-;,:"), "", "", "", ""]
    for m, nxt in zip(fields, fields[1:] + [None], strict=True):
        value = squash(text[m.end():nxt.start() if nxt else len(text)]).strip(" ;,.")
        role = next(k for k in LABELS if m.group(k))
        col = COLUMN[role]
        row[col] = f"{row[col]}; {value}" if row[col] else value
    return row if row[1] else None


def paragraph_table(data: bytes, file: str) -> RawTable | None:
    """The numbered action paragraphs of a Word file as one table (None when it has none)."""
    rows: list[list[str | None]] = [list(HEADER)]
    numbers = [0]  # each row's paragraph (the header is none)
    before: list[str] = []
    for number, text in paragraphs(data, file):
        m = NUMBER_RE.match(text)
        row = _action(m.group(1), m.group(2)) if m else None
        if row is None and len(rows) == 1 and not m and not re.match(r"\s*[IVX]{1,5}[.)]\s", text):
            before.append(text)  # the heading: university, title, period
            continue
        rows.append(row or [text] + [None] * (len(HEADER) - 1))
        numbers.append(number)
    if not any(r[2] is not None for r in rows[1:]):
        return None
    return RawTable(file, "text", rows, 0, before, {}, "paragraphs", numbers)


__all__ = ["paragraph_table"]
