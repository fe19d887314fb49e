"""Command line: `python -m loaders build [--raw DIR] [--db FILE]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.build import RAW_DIR, build, db_path
from loaders.errors import LoadError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the DuckDB database from the source documents")
    b.add_argument("--raw", type=Path, default=RAW_DIR, help="folder of source documents (default data/raw)")
    b.add_argument("--db", type=Path, default=None, help="database file (default $STRATEGY_DB or data/strategy.duckdb)")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            report = build(args.raw, args.db or db_path())
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


if __name__ == "__main__":
    sys.exit(main())
