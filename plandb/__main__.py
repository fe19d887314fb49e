"""Plan database command line: `python -m plandb` (or `python -m loaders`) build|import|undo|recover|synth."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from parse.errors import LoadError
from paths import RAW_DIR, db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the DuckDB database from the source documents")
    b.add_argument("--raw", type=Path, default=RAW_DIR, help="folder of source documents (default data/raw)")
    b.add_argument("--db", type=Path, default=None, help="database file (default $STRATEGY_DB or data/strategy.duckdb)")
    imp = sub.add_parser("import", help="import a document (.txt, .docx plan or .xlsx template)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="print the preview and write nothing")
    imp.add_argument("--by", default=os.environ.get("USER", "command line"), help="who imports (recorded)")
    imp.add_argument("--university", metavar="CODE", help="the plan's university (PDF, Word or Excel plan), when the "
                     "proposed one is wrong: a known code, or a new one with --university-name")
    imp.add_argument("--university-name", metavar="NAME", help="the name of a new university given with --university")
    imp.add_argument("--period", metavar="YEARS", help="the plan's own period, e.g. 2026 or 2026-2030, when the "
                     "proposed one is wrong")
    syn = sub.add_parser("synth", help="write synthetic documents for N institutions (for benchmarks)")
    syn.add_argument("--institutions", type=int, required=True)
    syn.add_argument("--out", type=Path, required=True)
    syn.add_argument("--seed", type=int, default=7)
    und = sub.add_parser("undo", help="undo the last import")
    und.add_argument("--by", default=os.environ.get("USER", "command line"), help="who undoes (recorded)")
    sub.add_parser("recover", help="finish or roll back an import or undo that was interrupted")
    args = parser.parse_args(argv)
    if args.command == "import":
        from plandb import importer

        try:
            roles = _choices(args)
            if args.dry_run:
                pv = importer.preview(args.file, roles=roles)
                print("\n".join(pv.lines()))
                print("dry run: nothing written")
                return 0
            result = importer.apply(args.file, args.by, roles=roles)
        except (LoadError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            print("Nothing was written; the database is unchanged.", file=sys.stderr)
            return 2
        print("\n".join(result.preview.lines()))
        print(f"imported as {result.import_id}" if result.applied else "nothing to import")
        return 0
    if args.command == "synth":
        from plandb.synth import synth

        n = synth(args.institutions, args.out, args.seed)
        print(f"wrote {args.institutions} institutions ({n} actions) to {args.out}")
        return 0
    if args.command == "undo":
        from plandb import importer

        try:
            undone = importer.undo_last(args.by)
        except LoadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"undid import {undone}" if undone else "no import to undo")
        return 0
    if args.command == "recover":
        from plandb import importer

        print(importer.recover_now() or "nothing to recover")
        return 0
    if args.command == "build":
        from plandb.importer import locked_build

        try:
            report = locked_build(args.raw, args.db or db_path())
        except LoadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            print("The previous database, if any, is unchanged.", file=sys.stderr)
            return 2
        print(f"Built {report.db} in {report.seconds:.1f} s")
        print("\nRows per table:")
        for name, n in report.rows.items():
            print(f"  {name:<24} {n:>6}")
        print(f"\nValidation report: {len(report.warnings)} warning(s)")
        for w in report.warnings:
            line = f"  {Path(w.file).name}, {w.where}: {w.message}"
            if w.candidates:
                line += f" (closest known: {', '.join(w.candidates)})"
            print(line)
    return 0


def _choices(args: argparse.Namespace) -> dict[str, str] | None:
    """--university, --university-name and --period as the import's choice for this file (LoadError if invalid)."""
    if not (args.university or args.university_name or args.period):
        return None
    from parse.university_guess import plan_choices

    if args.university_name and not args.university:
        raise LoadError(str(args.file), "--university-name", "a code given with --university as well",
                        args.university_name)
    try:
        return plan_choices(args.file.read_bytes(), args.university, args.university_name, args.period) or None
    except ValueError as exc:
        raise LoadError(str(args.file), "--university / --period", str(exc)) from None


if __name__ == "__main__":
    sys.exit(main())
