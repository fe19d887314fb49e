"""An upload's import preview (plandb.importer.Preview) in words of the page's language: what applying it adds,
changes and removes, and what the reader noticed, as a table. The command line says the same in English
(Preview.lines); a page shows neither its English nor the database's keys ('GDU:2026:1.None#1', 'inferred_role')."""
from __future__ import annotations

import re

import pandas as pd

from analytics import build_warnings, charts, fmt
from analytics.db import query
from analytics.filters import period_text
from analytics.i18n import M, t
from parse.errors import LoadError
from parse.ocr_tables import SCAN_EXPECTED

LISTED = 20  # changed or removed actions named one by one; the rest counted
# a preview warning as the importer writes it: 'page 1, row 4: new unit … will be added (perhaps: A, B)'
WARNING = re.compile(r"^(?P<where>.*?): (?P<message>.*?)(?: \(perhaps: (?P<candidates>.*)\))?$", re.S)
# a scan in which OCR found no table (parse.ocr_tables.no_table_error): its pages and the first line read
SCANNED = re.compile(r"^(?:page 1 of (?P<one>\d+)|pages 1-(?P<many>\d+)) \(scanned, read by OCR\)$")
FIRST_LINE = re.compile(r"^text but no table \(first line: (?P<line>.*)\)$", re.S)
OTHER = [(re.compile(r"^CBHE compendium: (?P<n>\d+) projects$"), "im.pv.cbhe"),
         (re.compile(r"^syllabus: (?P<title>.*)$", re.S), "im.pv.syllabus")]


def action_name(key: str, lang: str) -> str:
    """'GDU 1.1 · Tədris planlarının yenilənməsi' for an action of the database (a changed or removed one); the
    plain words 'not known' for a key the database does not hold."""
    df = query("action_detail", action_key=key, lang=lang)
    if df.empty:
        return t("src.unknown", lang)
    a = df.iloc[0]
    return f"{charts.action_label(a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref)} · {a.title}"


def _named(keys: list[str], lang: str) -> list[str]:
    out = [f"    {action_name(k, lang)}" for k in keys[:LISTED]]
    if len(keys) > LISTED:
        out.append("    " + t("im.pv.more", lang, n=fmt.num(len(keys) - LISTED, lang)))
    return out


def summary(pv, lang: str) -> list[str]:
    """The preview as lines of plain text (shown, never interpreted): the file and its kind, then per plan the
    actions new, changed, removed and unchanged, a new university, new units; statuses and rankings."""
    kind = t(f"kind.{pv.kind}", lang) if f"kind.{pv.kind}" in M else t("kind.other", lang)
    out = [t("im.pv.file", lang, file=pv.file, kind=kind)]
    if pv.already_imported:
        out.append(t("im.pv.already", lang))
    for p in pv.plans:
        code, start, end = p.identity
        out.append(t("im.pv.plan", lang, plan=f"{code} {period_text(start, end)}", new=len(p.new),
                     changed=len(p.changed), removed=len(p.removed), same=p.unchanged))
        if p.new_university:
            out.append("  " + t("im.pv.new_uni", lang, code=code, name=p.new_university))
        if p.new_units:
            names = ", ".join(p.new_units[:LISTED]) + (" …" if len(p.new_units) > LISTED else "")
            out.append("  " + t("im.pv.new_units", lang, n=len(p.new_units), names=names))
        if p.changed:
            out += ["  " + t("im.pv.changed", lang), *_named(p.changed, lang)]
        if p.removed:
            out += ["  " + t("im.pv.removed", lang), *_named(p.removed, lang)]
    if pv.statuses_new or pv.statuses_same:
        out.append(t("im.pv.statuses", lang, new=len(pv.statuses_new), same=pv.statuses_same))
    if pv.rankings_new or pv.rankings_same:
        out.append(t("im.pv.rankings", lang, new=len(pv.rankings_new), same=pv.rankings_same))
    if pv.other:
        out.append(next((t(key, lang, **m.groupdict()) for pattern, key in OTHER if (m := pattern.match(pv.other))),
                        pv.other))
    return out


def warning_rows(warnings: list[str], lang: str) -> pd.DataFrame:
    """The reader's warnings as message, place and closest known names, in words of the page's language (a kind
    build_warnings does not know stays as written)."""
    rows = []
    for w in warnings:
        m = WARNING.match(w)
        where, message, candidates = (m["where"], m["message"], m["candidates"]) if m else ("", w, None)
        said = build_warnings.message(message, lang)
        rows.append((said[:1].upper() + said[1:], build_warnings.place(where, lang), candidates or "—"))  # a sentence
    return pd.DataFrame(rows, columns=["message", "location", "candidates"])  # the message first: a phone shows it


def refusal(exc: LoadError, shown_name: str, as_written: str, lang: str) -> str:
    """Why an upload was refused, in words of the page where the kind is known (a scan without a table); else
    `as_written`, the reader's own sentence (plandb.importer.user_message: the file by its own name)."""
    pages = SCANNED.match(exc.where or "")
    if exc.expected != SCAN_EXPECTED or not pages:
        return as_written
    n = int(pages["one"] or pages["many"])
    first = FIRST_LINE.match(exc.found or "")
    if first:
        return t("im.scan.no_table", lang, file=shown_name, pages=n, line=first["line"])
    return t("im.scan.no_text", lang, file=shown_name, pages=n)
