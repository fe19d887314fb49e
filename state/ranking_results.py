"""Ranking results read by parse/ranking_results.py, recorded in the user store (once each)."""
from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from parse.ranking_results import SHEET, _key, parse_rank
from state import user_store


def is_recorded(institution: str, ranking: str, year: int, rank_best: int | None, rank_worst: int | None,
                source: str | None, path: Path | None = None) -> bool:
    """Whether exactly this result (same university, ranking, year, place or band and source) is recorded."""
    existing = user_store.ranking_results(path)
    wanted = _key(institution, ranking, year, rank_best, rank_worst, source or None)
    return any(_key(*r) == wanted for r in existing[["institution", "ranking", "year", "rank_best", "rank_worst",
                                                       "source"]].itertuples(index=False))


def apply_results(rows: Iterable[dict], who: str, valid_rankings: Collection[str] | None,
                  path: Path | None = None) -> int:
    """Record the rows read by read_sheet (or dicts with the same keys); returns how many were new.

    A row exactly like one already recorded (university, ranking, year, band and source) is skipped,
    so importing the same workbook twice records nothing the second time. Raises ValueError naming
    the row for an unknown ranking or an invalid band, before anything is written."""
    rows = list(rows)
    existing = user_store.ranking_results(path)
    seen = {_key(*r) for r in existing[["institution", "ranking", "year", "rank_best", "rank_worst", "source"]]
            .itertuples(index=False)}
    new = []
    for n, row in enumerate(rows, start=1):
        where = f"sheet '{SHEET}', row {row['row']}" if row.get("row") else f"row {n}"
        best, worst = row.get("rank_best"), row.get("rank_worst")
        if best is None and row.get("result") is not None:
            best, worst = parse_rank(row["result"])
        try:
            user_store.check_ranking_result(row.get("institution"), row.get("ranking"), row.get("year"), best,
                                            worst, valid_rankings)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        key = _key(row["institution"], row["ranking"], row["year"], best, worst, row.get("source") or None)
        if key in seen:
            continue
        seen.add(key)
        new.append(key)
    if new:
        user_store.record_ranking_results(new, who, path)
    return len(new)
