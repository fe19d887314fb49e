"""The build's warnings as a reader sees them: in Azerbaijani on Azerbaijani pages.

The loaders write their warnings in English (they are also printed by `python -m loaders build`);
each known kind is read back here by its pattern and said again in the page's language. A warning of
a kind not listed stays as written."""
from __future__ import annotations

import re

import pandas as pd

from analytics.i18n import t

# pattern of the loaders' English text -> message key (placeholders are the named groups)
KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^cells outside any column kept as 'unplaced': (?P<cells>.*)$"), "bw.unplaced"),
    (re.compile(r"^new unit (?P<name>.+) will be added \(not reviewed yet\)$"), "bw.new_unit"),
    (re.compile(r"^replaces (?P<plan>\S+ \S+) from (?P<file>.+)$"), "bw.replaces_plan"),
    (re.compile(r"^replaces (?P<files>.+)$"), "bw.replaces"),
    (re.compile(r"^table skipped: expected (?P<what>.+)$"), "bw.table_skipped"),
    (re.compile(r"^full-width row read as no goal or target heading: (?P<text>.+)$"), "bw.full_row"),
    (re.compile(r"^row without an action text skipped$"), "bw.no_action"),
    (re.compile(r"^(?P<value>.+) is no vice-rector portfolio of the list: kept as the person overseeing the action$"),
     "bw.not_portfolio"),
    (re.compile(r"^deadline (?P<value>.+) gives no year or recurrence; kept as written$"), "bw.deadline"),
    (re.compile(r"^read by OCR from a scanned page: check every value against the page image$"), "bw.ocr"),
    (re.compile(r"^read by OCR with low confidence \((?P<pct>\d+) %\): (?P<text>.+)$"), "bw.ocr_low"),
    # what the reader proposed from a plan's heading (the page's own inputs confirm or change it)
    (re.compile(r"^university proposed: (?P<code>\S+) \((?P<name>.+), new\) — .*$"), "bw.uni_proposed_new"),
    (re.compile(r"^university proposed: (?P<code>\S+) — .*$"), "bw.uni_proposed"),
    (re.compile(r"^no university named in the heading: .*$"), "bw.uni_none"),
    (re.compile(r"^university (?P<code>\S+) as chosen$"), "bw.uni_chosen"),
    (re.compile(r"^period proposed: (?P<period>\S+), the plan's own \(it serves the strategy (?P<served>\S+)\) — .*$"),
     "bw.period_proposed"),
    (re.compile(r"^period (?P<period>\S+) as chosen$"), "bw.period_chosen"),
    (re.compile(r"^totals row skipped \(not an action\)$"), "bw.totals"),
    (re.compile(r"^(?P<person>.+) in brackets kept as a person, not a unit$"), "bw.person"),
    (re.compile(r"^partner unit\(s\) taken from the note: (?P<units>.+)$"), "bw.partners_note"),
]
PLACES = {"line": "sətir", "row": "sətir", "rows": "sətirlər", "page": "səhifə", "column": "sütun",
          "table": "cədvəl", "sheet": "vərəq", "paragraph": "abzas", "plan": "plan", "compendium": "toplu"}
PLACE_WORD = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
PHRASES = {"text before the first table": "bw.before_table", "whole file": "bw.whole_file"}
# a column named by its field in the database ('column deadline_raw'): said as the column's role
COLUMN_FIELD = re.compile(r"\bcolumn (deadline_raw|vice_rector_\d+|lead_units|partner_units|title|note_raw)\b")
FIELD_ROLE = {"deadline_raw": "deadline", "lead_units": "lead", "partner_units": "partner", "title": "title",
              "note_raw": "note"}


def message(text: str, lang: str) -> str:
    for pattern, key in KINDS:
        m = pattern.match(text)
        if m:  # a list of cells is written as the cells, not as a Python list
            return t(key, lang, **{k: v.strip("[]") if k == "cells" else v for k, v in m.groupdict().items()})
    return text


def place(text: str, lang: str) -> str:
    """'line 10' -> 'sətir 10', 'page 2, table 1' -> 'səhifə 2, cədvəl 1', 'column deadline_raw' -> 'column
    Deadline' (the role's name, not the database's field)."""
    if not isinstance(text, str):
        return text
    text = COLUMN_FIELD.sub(lambda m: "column " + t(f"colrole.{FIELD_ROLE.get(m.group(1), 'oversight')}", lang), text)
    for phrase, key in PHRASES.items():
        text = text.replace(phrase, t(key, lang))
    if lang == "en":
        return text
    return PLACE_WORD.sub(lambda m: PLACES[m.group(1)], text)


def rows(warnings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """file, place, message, closest known names — every cell as words (no list brackets)."""
    return pd.DataFrame({
        "file": warnings.file,
        "location": [place(x, lang) for x in warnings.location],
        "message": [message(x, lang) for x in warnings.message],
        "candidates": [", ".join(c) if c is not None and len(c) else "—" for c in warnings.candidates],
    })
