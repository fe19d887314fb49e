"""The explorer's columns (the keys its table is built with) and the message naming each: the page's headers and
its CSV's header row are the same words."""
from __future__ import annotations

import pandas as pd

from analytics.i18n import t

LABELS = {"number": "c.number", "title": "c.title", "deadline_raw": "c.deadline", "kind": "c.recurrence",
          "start_year": "c.start_year", "end_year": "c.end_year", "lead": "c.lead_units", "partner": "c.partner_units",
          "vr": "c.vice_rector", "people": "c.people", "note_raw": "c.note", "goal_title": "c.goal",
          "target_title": "c.target", "source": "col.source", "check": "src.check"}


def named(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table with its columns named in words of the page's language (for the CSV)."""
    return df.rename(columns=lambda c: t(LABELS[c], lang))
