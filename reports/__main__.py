"""Command line exports of a filtered view.

python -m reports deck --out FILE.pptx [--page P]... [--plan P] [--unit U]... [--role lead|any] [--goal N]
                       [--vice-rector V]... [--year-from Y] [--year-to Y] [--lang az|en]
python -m reports workbook --out FILE.xlsx  (same filters)
python -m reports annual --uni QKU [--year Y | --round LABEL | --closeout] --out FILE.docx [--pdf]  (same filters)
python -m reports carryover --uni QKU --out NEXT.xlsx  (the unfinished actions of an ended plan, as a template)

Without --page the export is the meeting pack: every page. An unknown filter value exits with
status 2 and lists the valid values.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from reports import PAGE_ORDER


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m reports", description="Export a filtered view.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, suffix in (("deck", ".pptx"), ("workbook", ".xlsx"), ("annual", ".docx"), ("carryover", ".xlsx")):
        p = sub.add_parser(name, help=HELP.get(name, f"write a {suffix} file"))
        p.add_argument("--out", type=Path, required=True, help=f"output file ({suffix})")
        p.add_argument("--db", type=Path, help="database file (default $STRATEGY_DB or data/strategy.duckdb)")
        p.add_argument("--page", action="append", default=[], help=f"one of {', '.join(PAGE_ORDER)} (repeatable)")
        p.add_argument("--university", "--uni", dest="uni", help="university code: all its plans, e.g. QKU")
        p.add_argument("--plan", help="one plan: its document id (or, as before, a university code)")
        p.add_argument("--unit", action="append", default=[], help="canonical unit name (repeatable)")
        p.add_argument("--role", default="lead", help="lead (default) or any")
        p.add_argument("--goal", help="goal number")
        p.add_argument("--vice-rector", action="append", default=[], dest="vr", help="portfolio key (repeatable)")
        p.add_argument("--year-from", type=int, default=None, help="first year (default: the plans' earliest)")
        p.add_argument("--year-to", type=int, default=None, help="last year (default: the plans' latest)")
        p.add_argument("--lang", default="az", help="az (default) or en")
        if name == "workbook":
            p.add_argument("--template", action="store_true",
                           help="the editable plan template (plans, drop-down lists) instead of a report")
        if name == "annual":
            p.add_argument("--year", type=int, help="a calendar year (default: the filters' years)")
            p.add_argument("--round", dest="round_ref", help="a reporting round (its label or id)")
            p.add_argument("--closeout", action="store_true", help="the whole period of an ended plan")
            p.add_argument("--pdf", action="store_true", help="also write the PDF beside it (needs LibreOffice)")
    return parser


HELP = {"annual": "write the implementation report (.docx, and a PDF with --pdf)",
        "carryover": "write the next plan's template with the unfinished actions of an ended plan (.xlsx)"}


def _annual(args, f) -> int:
    """The implementation report (and its PDF); 2 for a period the plans cannot give, 3 without LibreOffice."""
    from analytics.implementation import PeriodError
    from reports.annual import pdf
    from reports.annual.report import build_report

    if not f.scope:
        print("error: choose a university (--uni) or a plan (--plan) for the report", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        data, figures = build_report(f, args.year, args.round_ref, args.closeout)
    except PeriodError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _write(args.out, data)
    kind = "close-out" if figures.period.closeout else "report"
    print(f"wrote {args.out} ({kind}, {figures.period.label()}, {figures.total} actions) in "
          f"{time.perf_counter() - started:.1f} s")
    if args.pdf:
        out = args.out.with_suffix(".pdf")
        try:
            _write(out, pdf.to_pdf(data))
        except pdf.PdfError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 3
        print(f"wrote {out} in {time.perf_counter() - started:.1f} s")
    return 0


def _carryover(args, f) -> int:
    from reports.annual.carryover import CarryOverError, build_carryover

    try:
        data, draft = build_carryover(f)
    except CarryOverError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _write(args.out, data)
    print(f"wrote {args.out}: plan {draft.document_id} ({draft.period_start}-{draft.period_end}) with "
          f"{draft.carried} unfinished actions ({draft.finished} done or cancelled left out); edit it, then "
          f"`python -m loaders import {args.out}`")
    return 0


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _check(name: str, values: list[str], valid: list[str]) -> None:
    bad = [v for v in values if v not in valid]
    if bad:
        raise UsageError(f"unknown {name} {', '.join(map(repr, bad))}; valid values: {', '.join(map(str, valid))}")


def filters_from_args(args) -> object:
    from analytics import filters as flt

    opts = flt.options()
    _check("--page", args.page, PAGE_ORDER)
    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        raise UsageError("--year-from is after --year-to")
    f, rejected = flt.resolve(opts, plan=args.plan, uni=args.uni, goal=args.goal, units=tuple(args.unit),
                              unit_role=args.role, vrs=tuple(args.vr), year_from=args.year_from,
                              year_to=args.year_to, lang=args.lang)
    for r in rejected:
        if r.param.startswith("year_") and opts.years:
            raise UsageError(f"{OPTION[r.param]} {r.value} is outside the years of the loaded plans "
                             f"({opts.years[0]}-{opts.years[1]})")
        _check(OPTION[r.param], [r.value], list(r.allowed))
    return f


OPTION = {"uni": "--university", "plan": "--plan", "goal": "--goal", "unit": "--unit", "role": "--role",
          "vr": "--vice-rector", "year_from": "--year-from", "year_to": "--year-to", "lang": "--lang"}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.db:
        os.environ["STRATEGY_DB"] = str(args.db)
    from paths import db_path

    if not db_path().exists():
        print(f"error: no database at {db_path()}; run `python -m loaders build` first", file=sys.stderr)
        return 2
    try:
        f = filters_from_args(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "annual":
        return _annual(args, f)
    if args.command == "carryover":
        return _carryover(args, f)
    from reports.images import ExportError

    pages = args.page or PAGE_ORDER
    started = time.perf_counter()
    try:
        if args.command == "workbook" and args.template:
            from reports.template import build_template

            data = build_template(f.scope)
        elif args.command == "deck":
            from reports.deck import build_deck

            data = build_deck(f, pages)
        else:
            from reports.workbook import build_workbook

            data = build_workbook(f, pages)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    tmp = args.out.with_name(f".{args.out.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, args.out)
    what = "template" if getattr(args, "template", False) else f"{len(pages)} page(s)"
    print(f"wrote {args.out} ({len(data) / 1e6:.1f} MB, {what}) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    import warnings

    warnings.filterwarnings("ignore")
    sys.exit(main())
