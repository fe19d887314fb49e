"""The Excel plan template: sheet names and columns, shared by the export and the import."""
from __future__ import annotations

LEAD_SLOTS, PARTNER_SLOTS, VR_SLOTS = 5, 3, 3
# institution_name comes last: templates filled before it existed keep their column order.
PLANS = ("plans", ["document_id", "kind", "institution", "title", "period_start", "period_end", "institution_name"])
# Columns a workbook may leave out (templates made before they existed).
OPTIONAL = {"institution_name"}
GOALS = ("goals", ["document_id", "goal_no", "title"])
TARGETS = ("targets", ["document_id", "goal_no", "target_no", "title"])
ACTIONS = ("actions", [
    "document_id", "seq", "action_key", "goal_no", "target_no", "action_no", "goal_ref", "title", "deadline_raw",
    *[f"lead_unit_{i}" for i in range(1, LEAD_SLOTS + 1)],
    *[f"partner_unit_{i}" for i in range(1, PARTNER_SLOTS + 1)],
    *[f"vice_rector_{i}" for i in range(1, VR_SLOTS + 1)],
    "people", "strategy_codes", "responsible_raw", "note_raw", "indicator_quantitative", "indicator_qualitative",
    "baseline", "resources", "evidence", "reporting", "means", "expected_result", "notes", "unplaced",
])
STATUS = ("status", ["action_key", "as_of", "status", "progress_pct", "comment", "evidence_url"])
LISTS = "lists"
README = "README"
DETAIL_COLUMNS = ["indicator_quantitative", "indicator_qualitative", "baseline", "resources", "evidence", "reporting",
                  "means", "expected_result", "notes", "unplaced"]
DEADLINE_CHOICES = ["Müntəzəm", "Hər tədris ilinin sonunda", "Cari il", "İlboyu 2026", "İl ərzində",
                    "Yanvar-Mart 2026", "Aprel-İyun 2026", "İyul-Sentyabr 2026", "Oktyabr-Dekabr 2026",
                    "2026", "2026-2027", "2026-2030"]
