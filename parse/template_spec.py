"""The Excel plan template: sheet names and columns, shared by the export and the import."""
from __future__ import annotations

LEAD_SLOTS, PARTNER_SLOTS, VR_SLOTS = 5, 3, 3
# institution_name comes last: templates filled before it existed keep their column order.
PLANS = ("plans", ["document_id", "kind", "institution", "title", "period_start", "period_end", "institution_name"])
# Columns a workbook may leave out (templates made before they existed). title_en: an optional English
# title, shown in English mode (the title stays as the university wrote it otherwise); always last.
# The indicator columns (name, unit, baseline, target, target per period) come after title_en, also optional.
INDICATOR_COLUMNS = ["indicator_name", "indicator_unit", "indicator_baseline", "indicator_target",
                     "indicator_period"]
# strategy_ref (last): the item(s) of the university's strategic plan the action serves, as written, several
# separated by ";" ("3.3.1; Məqsəd 2, hədəf 1"); parse.strategy_refs reads them.
STRATEGY_REF = "strategy_ref"
OPTIONAL = {"institution_name", "title_en", *INDICATOR_COLUMNS, STRATEGY_REF}
GOALS = ("goals", ["document_id", "goal_no", "title", "title_en"])
TARGETS = ("targets", ["document_id", "goal_no", "target_no", "title", "title_en"])
ACTIONS = ("actions", [
    "document_id", "seq", "action_key", "goal_no", "target_no", "action_no", "goal_ref", "title", "deadline_raw",
    *[f"lead_unit_{i}" for i in range(1, LEAD_SLOTS + 1)],
    *[f"partner_unit_{i}" for i in range(1, PARTNER_SLOTS + 1)],
    *[f"vice_rector_{i}" for i in range(1, VR_SLOTS + 1)],
    "people", "strategy_codes", "responsible_raw", "note_raw", "indicator_quantitative", "indicator_qualitative",
    "baseline", "resources", "evidence", "reporting", "means", "expected_result", "notes", "unplaced", "title_en",
    *INDICATOR_COLUMNS, STRATEGY_REF,
])
STATUS = ("status", ["action_key", "as_of", "status", "progress_pct", "comment", "evidence_url"])
LISTS = "lists"
README = "README"
DETAIL_COLUMNS = ["indicator_quantitative", "indicator_qualitative", "baseline", "resources", "evidence", "reporting",
                  "means", "expected_result", "notes", "unplaced"]
# Deadline suggestions without a year (a year-less deadline falls in its plan's years); the template adds
# year examples from the newest plan it carries (deadline_choices).
DEADLINE_WORDS = ["Müntəzəm", "Hər semestr", "Hər il", "Hər tədris ilinin sonunda", "Cari il", "İl ərzində",
                  "I rüb", "II rüb", "III rüb", "IV rüb", "I yarımil", "II yarımil"]


def deadline_choices(start: int | None, end: int | None) -> list[str]:
    """The drop-down of deadlines: the words above, then examples in the years of the newest plan."""
    if start is None or end is None:
        return list(DEADLINE_WORDS)
    years = [f"İlboyu {end}", f"Yanvar-Mart {end}", str(end)] + ([f"{start}-{end}"] if start != end else [])
    return DEADLINE_WORDS + years
