"""What the exports and the plan database say, as one JSON file, to compare two versions of the code.

A restructure must change nothing people receive: run this before and after (on the same plan database)
and compare. Per filter and language: every slide's texts, table cells and picture hashes, every workbook
cell; and every table of the plan database (rows in a fixed order, hashed).

    python -m scripts.export_digest --out before.json        # on the old code
    python -m scripts.export_digest --out after.json         # on the new code
    python -m scripts.export_digest --compare before.json after.json
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
from pathlib import Path

CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")  # the time of day an export was made (its Filters sheet) differs by run

# The filters compared: everything, one university, one plan and year range, a unit and a vice-rector.
CASES: list[dict] = [
    {},
    {"uni": "QKU", "goal": 2},
    {"uni": "NDU", "year_from": 2025, "year_to": 2025},
    {"units": ("Keyfiyyətin Təminatı Mərkəzi",), "unit_role": "any"},
    {"vrs": ("science",)},
]


def _slides(data: bytes) -> list[list[str]]:
    from pptx import Presentation

    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        items = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                items.append("text:" + shape.text_frame.text)
            if shape.has_table:
                items += ["cell:" + c.text for row in shape.table.rows for c in row.cells]
            if shape.shape_type == 13:  # a picture: the chart as drawn
                items.append("picture:" + hashlib.sha1(shape.image.blob).hexdigest())
        out.append(items)
    return out


def _cells(data: bytes) -> dict[str, list[list[str]]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [[CLOCK.sub("hh:mm", repr(c.value)) for c in row] for row in ws.iter_rows()]
            for ws in wb.worksheets}


def _database() -> dict[str, str]:
    import duckdb

    from paths import db_path

    con = duckdb.connect(str(db_path()), read_only=True)
    try:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
            rows = sorted(map(repr, con.table(table).fetchall()))
            out[table] = hashlib.sha1("\n".join(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def digest() -> dict:
    from analytics.filters import Filters
    from reports import PAGE_ORDER

    try:
        from analytics.filters import complete
    except ImportError:  # code from before the one Filters constructor
        from reports.packs import scoped as complete
    from reports.deck import build_deck
    from reports.workbook import build_workbook

    out: dict = {"database": _database(), "exports": {}}
    for case in CASES:
        for lang in ("az", "en"):
            f = complete(Filters(lang=lang, **case))
            name = json.dumps({**case, "lang": lang}, ensure_ascii=False, sort_keys=True)
            out["exports"][name] = {"deck": _slides(build_deck(f, list(PAGE_ORDER))),
                                    "workbook": _cells(build_workbook(f, list(PAGE_ORDER)))}
            print(f"digested {name}", file=sys.stderr)
    return out


def compare(a: dict, b: dict, path: str = "") -> list[str]:
    """Where two digests differ (first 200 places)."""
    if type(a) is not type(b):
        return [f"{path}: {a!r:.80} != {b!r:.80}"]
    if isinstance(a, dict):
        diffs = [f"{path}/{k}: only in one" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            diffs += compare(a[k], b[k], f"{path}/{k}")
        return diffs[:200]
    if isinstance(a, list):
        diffs = [f"{path}: {len(a)} items != {len(b)}"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            diffs += compare(x, y, f"{path}[{i}]")
        return diffs[:200]
    return [] if a == b else [f"{path}: {a!r:.80} != {b!r:.80}"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path)
    p.add_argument("--compare", nargs=2, type=Path)
    args = p.parse_args(argv)
    if args.compare:
        a, b = (json.loads(x.read_text(encoding="utf-8")) for x in args.compare)
        diffs = compare(a, b)
        print("\n".join(diffs) if diffs else "identical: database tables, deck texts and pictures, workbook cells")
        return 1 if diffs else 0
    if not args.out:
        p.error("--out or --compare")
    args.out.write_text(json.dumps(digest(), ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
