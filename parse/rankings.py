"""Ranking targets named in plan actions: one row per ranking an action names."""
from __future__ import annotations

import re
from dataclasses import dataclass

from parse.records import Action, Plan
from parse.reference import Reference

# "ilk 100-ə daxil olmaq" = enter the top 100; "ilk 200-300-cü yerlərə" = places 200-300.
TOP_RE = re.compile(r"ilk\s+(\d+)(?:\s*-\s*(\d+))?\s*-?\s*(?:ə|ü|cü|cı|ci|cu|a|e)?\b", re.IGNORECASE)


@dataclass
class RankingTarget:
    institution: str
    ranking: str
    best_rank: int | None
    worst_rank: int | None
    deadline_raw: str | None
    end_year: int | None
    action: Action


def ranking_targets(plan: Plan, ref: Reference) -> list[RankingTarget]:
    out: list[RankingTarget] = []
    for action in plan.actions:
        text = " ".join(filter(None, [action.title, action.details.get("indicator_quantitative")]))
        named = [r["key"] for r in ref.rankings if re.search(r["patterns"], text, re.IGNORECASE)]
        best = worst = None
        m = TOP_RE.search(text)
        if m and len(named) == 1:  # numbers only bind when the action names one ranking
            if m.group(2):
                best, worst = int(m.group(1)), int(m.group(2))
            else:
                best, worst = 1, int(m.group(1))
        for key in named:
            out.append(RankingTarget(plan.institution, key, best, worst, action.deadline.raw,
                                     action.deadline.end_year, action))
    return out
