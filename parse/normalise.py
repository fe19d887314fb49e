"""Cells of a plan row (action, deadline, responsible units, note) to a normalised Action.

The PDF parser finds these cells in broken text; Word tables and the Excel template give them
directly. All of them end here, so a plan reads the same whatever format it came in.
"""
from __future__ import annotations

from parse.deadlines import parse_deadline
from parse.records import Action, Plan, Warning_
from parse.reference import Reference, new_unit_name
from parse.text_utils import norm_token, squash, tokens
from parse.units import find_units

SEPARATOR_WORDS = {",", ";", "və", "ilə", "birlikdə"}


def units_in_cell(text: str | None, ref: Reference) -> tuple[list[str], list[str]]:
    """Canonical units named in a cell, and the chunks that name no known unit."""
    toks = tokens(text or "")
    units, mask = find_units(toks, ref.matcher)
    unknown, chunk = [], []
    for tok, is_unit in zip(toks, mask, strict=True):
        if is_unit or norm_token(tok) in SEPARATOR_WORDS:
            if chunk:
                unknown.append(" ".join(chunk))
            chunk = []
        else:
            chunk.append(tok)
    if chunk:
        unknown.append(" ".join(chunk))
    return units, unknown


def keep_new_units(chunks: list[str], plan: Plan, ref: Reference, file: str, where: str,
                   known: list[str] | None = None) -> list[str]:
    """Names no reference knows are kept as new units of the plan's university (not reviewed yet),
    never dropped; the warning says so and names the known units it most likely means."""
    out: list[str] = []
    for chunk in chunks:
        name = new_unit_name(chunk)
        if name is None or name in out or name in (known or []):
            continue
        out.append(name)
        plan.warnings.append(Warning_(file, where, f"new unit {name!r} will be added (not reviewed yet)",
                                      ref.matcher.closest(name)))
    return out


def read_note(note: str | None, ref: Reference, lead: list[str]) -> tuple[list[str], list[str]]:
    """Partner units ("... ilə birlikdə") and vice-rector portfolios named in a note."""
    toks = tokens(note or "")
    partners, mask = find_units(toks, ref.matcher)
    rest = " ".join(t for t, is_unit in zip(toks, mask, strict=True) if not is_unit)
    return [p for p in partners if p not in lead], ref.vice_rector_keys(rest)


def action_from_cells(plan: Plan, ref: Reference, file: str, where: str, *, goal_no: int | None,
                      target_no: int | None, action_no: int | None, title: str, deadline_raw: str | None,
                      responsible: str | None, note: str | None, seq: int = 0,
                      source_line: int | None = None) -> Action:
    lead, unknown = units_in_cell(responsible, ref)
    lead += keep_new_units(unknown, plan, ref, file, where, lead)
    partners, vrs = read_note(note, ref, lead)
    return Action(seq=seq, goal_no=goal_no, target_no=target_no, action_no=action_no, title=squash(title),
                  deadline=parse_deadline(deadline_raw, plan.period_start, plan.period_end), lead_units=lead,
                  partner_units=partners, vice_rectors=vrs, responsible_raw=squash(responsible or "") or None,
                  note_raw=squash(note or "") or None, source_line=source_line)
