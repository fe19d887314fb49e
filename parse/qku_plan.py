"""QKU strategic plan 2021-2025 (PDF text): goals, targets and numbered actions.

The PDF table has five columns (№, action, deadline, responsible unit, note). Extraction splits
cells over lines and interleaves columns, so an action is read as one block of lines from its
number to the next number, and its parts are found by content:
  title    = text before the deadline, plus any later text that is neither unit nor note
  deadline = the first "Müntəzəm" / "Hər tədris ilinin sonunda" / "2021-2025"
  lead     = the unit list right after the deadline
  note     = the rest: co-executor units (partners) and overseeing vice-rectors
"""
from __future__ import annotations

import re

from parse.deadlines import DEADLINE_PATTERN, parse_deadline
from parse.errors import LoadError
from parse.normalise import keep_new_units
from parse.provenance import text_line
from parse.records import Action, Plan
from parse.reference import Reference
from parse.text_utils import join_broken, norm_token, squash, tokens
from parse.units import NOTE_WORDS, find_units, read_unit_list

KIND = "qku_strategic_plan"
GOAL_RE = re.compile(r"^\s*M[əa]qs[əa]d\s*(\d+)\s*:\s*(.*)$")
TARGET_RE = re.compile(r"^\s*H[əe]d[əe]f\s*(\d+)\s*:\s*(.*)$")
HEADER_RE = re.compile(r"^\s*№\s+Görülən işin məzmunu")
ACTION_RE = re.compile(r"^\s*(\d{1,2})\.\s*(.*)$")
PERIOD = (2021, 2025)  # the QKU plan's period; a heading such as "… Strateji plan 2026-2030" overrides it
GOAL_ANYWHERE_RE = re.compile(r"^\s*M[əa]qs[əa]d\s*1\s*:", re.MULTILINE)


def detect(text: str) -> bool:
    """A QKU-style plan: numbered goals and the five-column action table header."""
    return bool(re.search(r"№\s+Görülən işin məzmunu", text)) and bool(
        re.search(r"M[əa]qs[əa]d\s*1\s*:", text)
    )


def parse(text: str, file: str, ref: Reference, vocab: set[str]) -> Plan:
    first_goal = GOAL_ANYWHERE_RE.search(text)
    header = text[: first_goal.start()] if first_goal else ""
    institution, title = ref.institution_in(header, "QKU")
    years = re.search(r"\b(20\d\d)\s*-\s*(20\d\d)\b", header)
    period = (int(years.group(1)), int(years.group(2))) if years else PERIOD
    plan = Plan(KIND, institution, title or f"{institution} — Strateji plan {period[0]}-{period[1]}", *period)
    if institution == "QKU" and not title:
        plan.title = "Qərbi Kaspi Universiteti — Strateji plan 2021-2025"
    lines = text.splitlines()
    goal = target = None
    expecting: str | None = None  # "goal" / "target" title continuation
    block: list[tuple[int, str]] = []
    block_no: int | None = None
    next_no = 1
    in_table = False

    def flush() -> None:
        nonlocal block, block_no
        if block_no is not None:
            plan.actions.append(_parse_action(block, block_no, goal, target, file, ref, vocab, plan))
        block, block_no = [], None

    for idx, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        gm, tm = GOAL_RE.match(line), TARGET_RE.match(line)
        if gm:
            flush()
            goal, target, in_table = int(gm.group(1)), None, False
            plan.goals[goal] = squash(gm.group(2))
            expecting = "goal"
            continue
        if tm:
            flush()
            if goal is None:
                raise LoadError(file, f"line {idx}", "a 'Məqsəd N:' heading before the first 'Hədəf'")
            target, in_table = int(tm.group(1)), False
            plan.targets[(goal, target)] = squash(tm.group(2))
            expecting = "target"
            continue
        if HEADER_RE.match(line):
            if target is None:
                raise LoadError(file, f"line {idx}", "a 'Hədəf N:' heading before the action table")
            in_table, next_no, expecting = True, 1, None
            continue
        if expecting == "target" and not in_table:
            plan.targets[(goal, target)] = join_broken([plan.targets[(goal, target)], line], vocab)
            continue
        if expecting == "goal" and not in_table:
            plan.goals[goal] = join_broken([plan.goals[goal], line], vocab)
            continue
        if not in_table:
            continue
        am = ACTION_RE.match(line)
        if am and int(am.group(1)) == next_no:
            flush()
            block_no, next_no = next_no, next_no + 1
            block = [(idx, am.group(2))]
            continue
        if block_no is not None:
            block.append((idx, line))
    flush()
    if not plan.actions:
        raise LoadError(file, "whole file", "numbered actions under 'Məqsəd'/'Hədəf' headings")
    return plan


def _parse_action(block, number, goal, target, file, ref: Reference, vocab, plan: Plan) -> Action:
    first_line = block[0][0]
    fragments = [frag for _, line in block for frag in re.split(r"\s{2,}", line.strip()) if frag]
    joined = join_broken(fragments, vocab)
    m = DEADLINE_PATTERN.search(joined)
    if not m:
        raise LoadError(file, f"line {first_line} (goal {goal}, target {target}, action {number})",
                        "a deadline (Müntəzəm, Hər tədris ilinin sonunda or a year range)",
                        joined[:80])
    title = joined[: m.start()].strip()
    deadline = parse_deadline(m.group(0), plan.period_start, plan.period_end)
    toks = tokens(joined[m.end():])
    lead = read_unit_list(toks, ref.matcher)
    lead.units += keep_new_units(lead.unknown, plan, ref, file, f"line {first_line} (action {goal}.{target}.{number})",
                                 lead.units)
    rest = toks[lead.end:]
    partners, mask = find_units(rest, ref.matcher)
    # Tokens that are neither a unit name nor note vocabulary continue the title
    # (the PDF put the end of a long action title after the note column).
    leftover, note = _split_leftover(rest, mask)
    if leftover:
        title = f"{title} {leftover}"
    note_text = " ".join(t for t, is_unit in zip(rest, mask, strict=True) if not is_unit)
    return Action(
        seq=0,
        goal_no=goal,
        target_no=target,
        action_no=number,
        title=squash(title).replace(" ,", ","),
        deadline=deadline,
        lead_units=lead.units,
        partner_units=[p for p in partners if p not in lead.units],
        vice_rectors=ref.vice_rector_keys(note_text),
        responsible_raw=squash(" ".join(toks[: lead.end])).replace(" ,", ",") or None,
        note_raw=squash(note).replace(" ,", ",") or None,
        source_line=first_line,
        source=text_line(file, first_line),
    )


def _split_leftover(toks: list[str], unit_mask: list[bool]) -> tuple[str, str]:
    """Split note tokens into (title continuation, note text)."""
    is_title = [not unit_mask[i] and norm_token(t) not in NOTE_WORDS and not norm_token(t).startswith("prore")
                for i, t in enumerate(toks)]
    # 'və' and ',' between two title words belong to the title.
    for i in range(1, len(toks) - 1):
        if not is_title[i] and not unit_mask[i] and norm_token(toks[i]) in {"və", ","}:
            if is_title[i - 1] and is_title[i + 1]:
                is_title[i] = True
    title = " ".join(t for t, f in zip(toks, is_title, strict=True) if f)
    note = " ".join(t for t, f in zip(toks, is_title, strict=True) if not f)
    return title, note
