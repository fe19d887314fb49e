"""The English-titles page's content: a university's goals and actions, which have an English title, and the
translated share. Reads only (the write is access.record_titles)."""
from __future__ import annotations

import pandas as pd

from analytics import charts
from analytics.db import query


def _given(v: object) -> bool:
    return isinstance(v, str) and v.strip() != ""


def items(institution: str) -> pd.DataFrame:
    """kind, item_key, number ('QKU 1.2.3', 'QKU · 1' for a goal), title, title_en ('' where none)."""
    df = query("title_items", institution=institution)
    number = [f"{i} · {int(g)}" if k == "goal" else charts.action_label(i, g, tg, a, r)
              for k, i, g, tg, a, r in zip(df.kind, df.institution, df.goal_no, df.target_no, df.action_no,
                                           df.goal_ref, strict=True)]
    return df.assign(number=number, title_en=[v.strip() if _given(v) else "" for v in df.title_en])[
        ["kind", "item_key", "number", "title", "title_en"]]


def share(df: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """kind -> (with an English title, all)."""
    return {k: (int((g.title_en != "").sum()), len(g)) for k, g in df.groupby("kind")}
