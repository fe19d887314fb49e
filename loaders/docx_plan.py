"""A Word plan: 'Məqsəd N:' and 'Hədəf N:' paragraphs, each target followed by a table with the QKU
columns (№, action, deadline, responsible unit, note). Cells go through loaders/normalise.py."""

from __future__ import annotations

import io
import re

from loaders.errors import LoadError
from loaders.normalise import action_from_cells
from loaders.qku_plan import GOAL_RE, TARGET_RE
from loaders.records import Plan
from loaders.reference import Reference
from loaders.safe_zip import check_zip
from loaders.text_utils import az_lower, squash

KIND = "docx_plan"
PERIOD_RE = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b|\b(20\d\d)-c[iı]\s+il\b", re.IGNORECASE)
COLUMNS = {
    "no": ("№",),
    "title": ("görülən işin məzmunu", "görüləcək işlər", "fəaliyyətin adı", "tədbir"),
    "deadline": ("icra müddəti", "icra tarixi", "icra mərhələləri", "müddət"),
    "responsible": ("məsul", "icraçı"),
    "note": ("qeyd", "icra nəzarət"),
}


def detect(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and b"word/document.xml" in data[:20000] + data[-20000:]


def _columns(header: list[str], file: str, where: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        low = az_lower(cell)
        for key, words in COLUMNS.items():
            if key not in found and any(w in low for w in words):
                found[key] = i
                break
    missing = [k for k in ("title", "deadline", "responsible") if k not in found]
    if missing:
        raise LoadError(
            file, where, "table columns № | action | deadline | responsible unit | note", " | ".join(header)
        )
    return found


def parse(data: bytes, file: str, ref: Reference) -> list[Plan]:
    try:
        return _parse(data, file, ref)
    except LoadError:
        raise
    except Exception as exc:  # a damaged document part shows up while reading
        raise LoadError(file, "whole file", "a readable Word document", f"{type(exc).__name__}: {exc}"[:120]) \
            from None


def _parse(data: bytes, file: str, ref: Reference) -> list[Plan]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip(data, file, "word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise LoadError(file, "whole file", "a Word document (.docx)", type(exc).__name__) from None
    body = document.element.body
    blocks = [
        Paragraph(el, document) if el.tag.endswith("}p") else Table(el, document)
        for el in body.iterchildren()
        if el.tag.endswith(("}p", "}tbl"))
    ]
    intro = " ".join(b.text for b in blocks[:8] if isinstance(b, Paragraph))
    institution = next(
        (
            i["code"]
            for i in ref.institutions
            if az_lower(i["name_az"]) in az_lower(intro) or re.search(rf"\b{i['code']}\b", intro)
        ),
        None,
    )
    name = None
    if institution is None:  # a university the reference does not know: "Gəncə Dövlət Universiteti (GDU)"
        m = re.search(r"([^()\n]{3,120}?)\s*\(([A-Z][A-Z0-9]{1,11})\)", intro)
        if m:
            institution, name = m.group(2), squash(m.group(1))
    period = PERIOD_RE.search(intro)
    if not institution or not period:
        raise LoadError(
            file,
            "first paragraphs",
            "a title naming the university (e.g. 'Qərbi Kaspi Universiteti', or a new one with its code: "
            "'Gəncə Dövlət Universiteti (GDU)') "
            "and the plan period (e.g. '2021-2025' or '2026-cı il')",
            intro[:100] or None,
        )
    start = int(period.group(1) or period.group(3))
    end = int(period.group(2) or period.group(3))
    plan = Plan(KIND, institution, squash(intro.split("\n")[0])[:200], start, end)
    plan.institution_name = name
    plan.document_id = (
        f"{institution.lower()}_plan_{start}_{end}" if start != end else f"{institution.lower()}_plan_{start}"
    )
    goal = target = None
    seq = 0
    for n, block in enumerate(blocks, start=1):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if m := GOAL_RE.match(text):
                goal, target = int(m.group(1)), None
                plan.goals[goal] = squash(m.group(2))
            elif m := TARGET_RE.match(text):
                if goal is None:
                    raise LoadError(file, f"paragraph {n}", "a 'Məqsəd N:' heading before the first 'Hədəf'", text[:60])
                target = int(m.group(1))
                plan.targets[(goal, target)] = squash(m.group(2))
            continue
        rows = [[squash(c.text) for c in row.cells] for row in block.rows]
        if not rows:
            continue
        cols = _columns(rows[0], file, f"table {n}")
        if target is None:
            raise LoadError(file, f"table {n}", "a 'Hədəf N:' heading before the table")
        for r, cells in enumerate(rows[1:], start=2):
            if not any(cells):
                continue
            where = f"table {n}, row {r}"
            number = re.match(r"\s*(\d+)", cells[cols["no"]]) if "no" in cols else None
            seq += 1
            title = cells[cols["title"]]
            if not title:
                raise LoadError(file, where, "an action text", " | ".join(cells))
            plan.actions.append(
                action_from_cells(
                    plan,
                    ref,
                    file,
                    where,
                    goal_no=goal,
                    target_no=target,
                    action_no=int(number.group(1)) if number else None,
                    title=title,
                    deadline_raw=cells[cols["deadline"]] or None,
                    responsible=cells[cols["responsible"]],
                    note=cells[cols["note"]] if "note" in cols else None,
                    seq=seq,
                )
            )
    if not plan.actions:
        raise LoadError(file, "whole file", "at least one plan table under 'Məqsəd'/'Hədəf' headings")
    return [plan]
