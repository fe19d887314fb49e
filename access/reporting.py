"""The reporting year's writes: open and close a round, report an update with evidence, set the thresholds.

Each checks the person's role, writes and audits in one transaction of the user store (state/rounds.py holds
the tables and reads). A closed round is read-only for everyone; a unit's entry after the due date and the
grace days needs the university's office (a university editor or an administrator).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from access import (
    ROUND_CLOSE,
    ROUND_OPEN,
    ROUND_UPDATE,
    THRESHOLDS,
    Denied,
    User,
    _own,
    _require,
    action_owners,
    audit,
    writable_actions,
)
from parse import evidence
from paths import today
from state import rounds, user_store
from state.user_store import STATUSES

MAX_COMMENT = 4000


def can_run_rounds(user: User | None, institution: str | None) -> bool:
    """Open and close rounds, set thresholds, accept late entries: the university's office (or an admin)."""
    return _own(user, institution)


def open_round(user: User | None, institution: str, label: str, period_start: dt.date, period_end: dt.date,
               due_date: dt.date, grace_days: int = 0, path: Path | None = None) -> str:
    """Open a reporting round for `institution`; returns its id. Raises Denied or ValueError (nothing written)."""
    _require(can_run_rounds(user, institution), f"opening a reporting round of {institution}")
    assert user is not None
    label = (label or "").strip()
    if not label or len(label) > 120:
        raise ValueError("give the round a name of at most 120 characters, such as '2026, first half'")
    if period_start > period_end:
        raise ValueError(f"the period starts after it ends ({period_start} > {period_end})")
    if due_date < period_start:
        raise ValueError(f"the due date {due_date} is before the period starts ({period_start})")
    if not 0 <= int(grace_days) <= 365:
        raise ValueError(f"grace days must be between 0 and 365, found {grace_days}")
    if any(r.label == label and not r.closed for r in rounds.rounds(institution, path)):
        raise ValueError(f"a round named {label!r} is already open for {institution}")
    rid = rounds.new_id()
    row = [rid, institution, label, period_start, period_end, due_date, int(grace_days), user.label, rounds.now()]

    def go(con) -> None:
        con.execute(rounds.INSERT_ROUND, row)
        audit(user, ROUND_OPEN, {"round_id": rid, "label": label, "period": [str(period_start), str(period_end)],
                                 "due": str(due_date), "grace_days": int(grace_days)}, institution, con=con)

    user_store.write(go, path)
    return rid


def close_round(user: User | None, round_id: str, path: Path | None = None) -> bool:
    """Close a round: from then on it is read-only for everyone. False when it was closed already."""
    r = rounds.get(round_id, path)
    if r is None:
        raise ValueError("no such reporting round")
    _require(can_run_rounds(user, r.institution), f"closing a reporting round of {r.institution}")
    assert user is not None
    if r.closed:
        return False

    def go(con) -> None:
        con.execute(rounds.CLOSE_ROUND, [user.label, rounds.now(), round_id])
        audit(user, ROUND_CLOSE, {"round_id": round_id, "label": r.label}, r.institution, con=con)

    user_store.write(go, path)
    return True


def _pct(value: object) -> float | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= float(value) <= 100:
        raise ValueError(f"progress is a number from 0 to 100, found {value!r}")
    return float(value)


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(float(value)) > 1e12:
        raise ValueError(f"the indicator's actual value is a number, found {value!r}")
    return float(value)


def record_update(user: User | None, round_id: str, action_key: str, *, status: str | None = None,
                  progress_pct: float | None = None, actual_value: float | None = None, comment: str | None = None,
                  link: str | None = None, file_name: str | None = None, file_data: bytes | None = None,
                  day: dt.date | None = None, path: Path | None = None, db: Path | None = None) -> str:
    """Report on one action in an open round: a status, a progress %, the indicator's actual value, a comment
    and evidence (a file or an http(s) link). The update, its evidence file, the action's status history and
    the audit entry are written in one transaction; returns the update id.
    Raises Denied (nothing written), ValueError for a bad value, LoadError for a refused evidence file."""
    r = rounds.get(round_id, path)
    if r is None:
        raise ValueError("no such reporting round")
    _require(not r.closed, f"reporting in the closed round {r.label!r} (a closed round is read-only)")
    owners = action_owners([action_key], db)
    _require(action_key in owners and owners[action_key][0] == r.institution,
             f"reporting on {action_key} in a round of {r.institution}")
    _require(action_key in writable_actions(user, [action_key], db), f"reporting on {action_key}")
    assert user is not None
    day = day or today()
    late = r.late_on(day)
    _require(not late or can_run_rounds(user, r.institution),
             f"reporting after {r.due_date + dt.timedelta(days=r.grace_days)} (the due date and grace days of "
             f"{r.label!r} have passed: the strategy office can still record it)")
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, found {status!r}")
    pct, actual = _pct(progress_pct), _number(actual_value)
    comment = (comment or "").strip() or None
    if comment and len(comment) > MAX_COMMENT:
        raise ValueError(f"a comment has at most {MAX_COMMENT} characters, found {len(comment)}")
    url = evidence.check_link(link) if link and link.strip() else None
    blob = None
    if file_data is not None:
        shown, kind = evidence.check_file(file_name or "evidence", file_data)
        blob = (hashlib.sha256(file_data).hexdigest(), shown, kind)
    if status is None and pct is None and actual is None and comment is None and url is None and blob is None:
        raise ValueError("nothing to record: give a status, a progress, the indicator's value, a comment or evidence")
    uid, at = rounds.new_id(), rounds.now()
    row = [uid, round_id, action_key, status, pct, actual, comment, url, blob[0] if blob else None,
           blob[1] if blob else None, late, user.label, at]

    def go(con) -> None:
        if blob is not None:
            con.execute(rounds.INSERT_EVIDENCE, [blob[0], blob[1], blob[2], len(file_data or b""), file_data,
                                                 r.institution, user.label, at])
        con.execute(rounds.INSERT_UPDATE, row)
        if status is not None:  # the status history every page reads carries the round's status too
            con.executemany(user_store.INSERT_STATUS, user_store.status_rows(
                [{"action_key": action_key, "as_of": day, "status": status, "progress_pct": pct,
                  "comment": comment, "evidence_url": url}], user.label, import_id=f"{ROUND_TAG}{uid}"))
        audit(user, ROUND_UPDATE, {"round_id": round_id, "action_key": action_key, "status": status,
                                   "progress_pct": pct, "actual_value": actual, "late": late,
                                   "evidence": blob[1] if blob else url}, r.institution, con=con)

    user_store.write(go, path)
    return uid


ROUND_TAG = "round:"  # import_id of a status row a round update wrote (never an import's id: undo leaves it)


def may_view_evidence(user: User | None, institution: str | None) -> bool:
    """Evidence (participant lists, letters) is for the university's own people, the office and the
    administrators: a signed-in person of that university, or an administrator (the editor password of the
    embedded mode stands for one). Anonymous visitors of an open dashboard see only that a file exists."""
    if user is None:
        return False
    return user.role == "admin" or (institution is not None and user.institution == institution)


def evidence_for(user: User | None, sha256: str, view_allowed, path: Path | None = None):
    """(file name, media type, bytes) of an evidence file, for a person allowed to view its university
    (`view_allowed(institution) -> bool`, the viewing rule of the deployment); Denied otherwise."""
    found = rounds.evidence_file(sha256, path)
    if found is None:
        raise Denied("no such evidence file")
    name, kind, data, institution = found
    _require(bool(view_allowed(institution)), f"viewing the evidence of {institution}")
    return name, kind, data


def set_thresholds(user: User | None, institution: str, on_track: float, behind: float,
                   path: Path | None = None) -> None:
    """A university's thresholds for the computed state (shares of the expected value)."""
    _require(can_run_rounds(user, institution), f"setting the thresholds of {institution}")
    assert user is not None
    if not 0 < behind < on_track <= 2:
        raise ValueError(f"thresholds read 0 < behind < on track ≤ 2, found behind {behind}, on track {on_track}")

    def go(con) -> None:
        con.execute(rounds.UPSERT_THRESHOLDS, [institution, float(on_track), float(behind), user.label, rounds.now()])
        audit(user, THRESHOLDS, {"on_track": on_track, "behind": behind}, institution, con=con)

    user_store.write(go, path)
