"""References from a yearly plan's row to its university's strategic plan, kept as written and read to
goal / target / action numbers.

Forms met in the plans (several may stand in one cell, separated by ";", "," or line breaks):
- NDU: "Məqsəd - 1 hədəf 3-3.1" (goal 1, target 3, action 3.1: the target's number repeated before the
  action's); "Maqsad - 3 hedef 1-1-3" the same with a dash. When the repeated number differs from the
  target ("hədəf 2-1.1") the action cannot be told and the reference stays at the target.
- Codes: "3.3.1" (goal.target.action), "3-3.1" (the same), "2.3" (goal.target), "3" (a goal).
- Words: "Məqsəd 3, hədəf 3.1" (goal 3, target 3, action 1, as in NDU's form), "Goal 2, target 1",
  "Цель 1, задача 2.3", "Amaç 1, hedef 2", with an optional action word ("tədbir 4").
A text naming no number is kept as written with no numbers (not understood); "-", "yoxdur", "none" are no
reference at all. "3-3.1", "3.3.1" and "Məqsəd 3, hədəf 3.1" are one reference (3, 3, 1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parse.text_utils import squash

_SEP = r"\s*[.\-–]\s*"
_NUM = rf"\d{{1,3}}(?:{_SEP}\d{{1,3}})*"
GOAL_WORDS = r"m[əa]qs[əa]d|goal|strategic\s+goal|цель|amaç|amac"
TARGET_WORDS = r"h[əe]d[əe]f|target|objective|задача|задачи|hedef"
ACTION_WORDS = r"t[əe]dbir|action|мероприятие|faaliyet"
_MARK = r"\s*(?:[-–:№#]|no\.?)?\s*"
WORDS_RE = re.compile(
    rf"(?:(?P<gw>{GOAL_WORDS}){_MARK}(?P<g>\d{{1,3}}))?"
    rf"(?:[\s,.\-–/]*(?P<tw>{TARGET_WORDS}){_MARK}(?P<t>{_NUM}))?"
    rf"(?:[\s,.\-–/]*(?P<aw>{ACTION_WORDS}){_MARK}(?P<a>{_NUM}))?",
    re.IGNORECASE,
)
CODE_RE = re.compile(rf"(?<![\d.])({_NUM})(?![\d])")
NONE_WORDS = {"yoxdur", "yox", "none", "no", "n/a", "na", "нет", "yok", "-"}


@dataclass(frozen=True)
class StrategyRef:
    text: str  # as written
    goal_no: int | None
    target_no: int | None
    action_no: int | None

    @property
    def level(self) -> str | None:
        """'goal', 'target' or 'action': the deepest level the reference names; None when not understood."""
        if self.goal_no is None:
            return None
        return "action" if self.action_no is not None else "target" if self.target_no is not None else "goal"


def _parts(text: str) -> list[int]:
    return [int(p) for p in re.findall(r"\d+", text)]


def _code(text: str) -> StrategyRef:
    """'3.3.1', '3-3.1', '2.3', '3': goal, target, action in order (parts beyond three are kept as written)."""
    p = _parts(text)
    return StrategyRef(squash(text), p[0], p[1] if len(p) > 1 else None, p[2] if len(p) > 2 else None)


def _words(m: re.Match) -> StrategyRef:
    text = squash(m.group(0).strip(" ,;.-–/"))
    goal = int(m.group("g")) if m.group("g") else None
    t = _parts(m.group("t")) if m.group("t") else []
    a = _parts(m.group("a")) if m.group("a") else []
    target = action = None
    if goal is None:  # "Hədəf 3.1" alone: the target numbered within its goal
        if len(t) >= 2:
            goal, target, action = t[0], t[1], (t[2] if len(t) > 2 else None)
    elif len(t) == 1:
        target = t[0]
    elif len(t) == 2:  # "hədəf 3.1": target 3, action 1
        target, action = t
    elif len(t) >= 3:  # NDU "hədəf 3-3.1": the target's number repeated before the action's
        target = t[0]
        action = t[2] if t[1] == t[0] and len(t) == 3 else None
    if a:
        action = a[-1]
    return StrategyRef(text, goal, target, action)


def _is_nothing(text: str) -> bool:
    low = squash(text).lower().strip(" .")
    return not re.search(r"\w", low) or low in NONE_WORDS


def read(cell: str | None) -> list[StrategyRef]:
    """Every reference in one cell, in order of writing."""
    if cell is None:
        return []
    out: list[StrategyRef] = []
    for segment in re.split(r"[;\n\r]+", str(cell)):
        segment = squash(segment)
        if _is_nothing(segment):
            continue
        found: list[tuple[int, StrategyRef]] = []
        rest = segment
        if re.search(rf"{GOAL_WORDS}|{TARGET_WORDS}|{ACTION_WORDS}", segment, re.IGNORECASE):
            for m in WORDS_RE.finditer(segment):
                if m.group(0).strip() and (m.group("g") or m.group("t")):
                    found.append((m.start(), _words(m)))
                    rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end():]
        for m in CODE_RE.finditer(rest):
            if all(n <= 99 for n in _parts(m.group(1))):  # years and other large numbers are no item numbers
                found.append((m.start(), _code(m.group(1))))
        if not found:
            found.append((0, StrategyRef(segment, None, None, None)))  # kept as written, not understood
        out += [r for _, r in sorted(found, key=lambda x: x[0])]
    return out


def read_all(cells: list[str]) -> list[StrategyRef]:
    """The references of several cells (a row's columns or lines), duplicates kept once."""
    out: list[StrategyRef] = []
    for cell in cells:
        for r in read(cell):
            if r not in out:
                out.append(r)
    return out
