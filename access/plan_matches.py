"""Plan to plan: an editor confirms or breaks a match between an action of a university's earlier plan and one
of its next plan, or withdraws that decision. Each checks the role (a university editor of that university, or
an administrator; the editor password of the embedded mode stands for every role), writes and audits in one
transaction of the user store (state/plan_matches.py holds the table and the reads)."""
from __future__ import annotations

from pathlib import Path

from access import Denied, User, _own, _require, _rows, audit
from state import plan_matches, user_store

MATCH_DECISION = "plan_match"


def can_review_matches(user: User | None, institution: str | None) -> bool:
    """Confirm or break the matching of a university's plans: its university editor, or an administrator."""
    return _own(user, institution)


def _plan_of(keys: list[str], db: Path | None) -> dict[str, tuple[str, str]]:
    """action key -> (its plan document, its university), for the keys the plan database knows."""
    rows = _rows("SELECT action_key, document_id, institution FROM actions "
                 "WHERE action_key IN (SELECT unnest(?::VARCHAR[]))", [keys], db)
    return {k: (doc, inst) for k, doc, inst in rows}


def decide(user: User | None, old_key: str, new_key: str, decision: str, path: Path | None = None,
           db: Path | None = None) -> str:
    """Record `decision` ('confirm', 'break' or 'clear': withdraw the one in force) on the match of `old_key`
    (an action of the earlier plan) with `new_key` (one of the later plan of the same university); the decision
    and its audit entry go in one transaction. Returns the decision's id.
    Raises Denied (nothing written) or ValueError for actions that are not of two plans of one university."""
    if decision not in plan_matches.DECISIONS:
        raise ValueError(f"a decision is one of {', '.join(plan_matches.DECISIONS)}, found {decision!r}")
    found = _plan_of([old_key, new_key], db)
    missing = [k for k in (old_key, new_key) if k not in found]
    if missing:
        raise ValueError(f"no action {', '.join(missing)} in the plan database")
    (old_doc, old_inst), (new_doc, new_inst) = found[old_key], found[new_key]
    if old_inst != new_inst or old_doc == new_doc:
        raise ValueError(f"{old_key} and {new_key} are not actions of two plans of one university")
    _require(can_review_matches(user, old_inst), f"reviewing the plan-to-plan matching of {old_inst}")
    assert user is not None
    did = plan_matches.new_id()
    row = [did, old_inst, old_doc, new_doc, old_key, new_key, decision, user.label, plan_matches.now()]

    def go(con) -> None:
        con.execute(plan_matches.INSERT, row)
        audit(user, MATCH_DECISION, {"decision": decision, "old": old_key, "new": new_key,
                                     "plans": [old_doc, new_doc]}, old_inst, con=con)

    user_store.write(go, path)
    return did


__all__ = ["MATCH_DECISION", "Denied", "can_review_matches", "decide"]
