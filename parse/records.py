"""Normalised records that every plan loader returns and the build writes."""
from __future__ import annotations

from dataclasses import dataclass, field

from parse.deadlines import Deadline
from parse.indicators import Indicator
from parse.provenance import Source


@dataclass
class Warning_:
    file: str
    where: str
    message: str
    candidates: list[str] = field(default_factory=list)


@dataclass
class Action:
    seq: int
    goal_no: int | None
    target_no: int | None
    action_no: int | None
    title: str
    deadline: Deadline
    lead_units: list[str] = field(default_factory=list)
    partner_units: list[str] = field(default_factory=list)
    vice_rectors: list[str] = field(default_factory=list)
    responsible_raw: str | None = None
    note_raw: str | None = None
    source_line: int | None = None
    goal_ref: str | None = None
    details: dict[str, str | None] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)
    strategy_codes: list[str] = field(default_factory=list)
    # The row's references to the strategic plan, as written (cells; parse.strategy_refs reads them)
    strategy_refs: list[str] = field(default_factory=list)
    key: str | None = None  # set where the source carries the key (the Excel template)
    title_en: str | None = None  # an English title where the university gives one (template column title_en)
    indicator: Indicator | None = None  # given explicitly (template indicator columns); else read from details
    source: Source | None = None  # where in its document the action was read (parse.provenance)
    uncertain: list[str] = field(default_factory=list)  # reasons a person should check it (provenance.UNCERTAIN)


@dataclass
class Plan:
    kind: str
    institution: str
    title: str
    period_start: int
    period_end: int
    goals: dict[int, str | None] = field(default_factory=dict)
    targets: dict[tuple[int, int], str | None] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    document_id: str | None = None  # set where the source names it; else the file name
    institution_name: str | None = None  # the university's name where the document gives it
    goals_en: dict[int, str] = field(default_factory=dict)  # English titles where given
    targets_en: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def identity(self) -> tuple[str, int, int]:
        """A plan is the same plan when institution and period agree, whatever file it came in."""
        return (self.institution, self.period_start, self.period_end)

    def action_key(self, a: Action) -> str:
        """Stable key of an action across rebuilds: status and results hang on it."""
        if a.key:
            return a.key
        period = f"{self.period_start}" if self.period_start == self.period_end else \
            f"{self.period_start}-{self.period_end}"
        prefix = f"{self.institution}:{period}"
        if a.goal_ref:
            return f"{prefix}:{a.goal_no}/{a.goal_ref}"
        if a.action_no is not None and a.goal_no is not None and a.target_no is not None:
            return f"{prefix}:{a.goal_no}.{a.target_no}.{a.action_no}"
        return f"{prefix}:{a.goal_no}.{a.target_no}#{a.seq}"
