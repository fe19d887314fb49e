"""Who may write what: the signed-in person, their role, and the checks every write goes through.

No Streamlit here: ui/auth.py turns the identity token (st.user) into a `User`; the screens ask the
pure checks below which controls to show, and write only through the guarded functions at the end
of this module, which check again and record who did what (audit log) in the same place.

Roles (kept in the shared user store, table user_roles, keyed by e-mail):
- viewer: reads only (also everyone signed in without a role, and anonymous visitors);
- unit_editor: status and evidence of the actions its unit leads at its university (action_units,
  role 'lead', in the plan database);
- university_editor: everything of one university: imports of its documents, unit reviews, statuses,
  ranking results;
- admin: every university, and the roles themselves.
The first administrators come from the settings (STRATEGY_ADMINS="a@x.az,b@y.az" or the secrets),
so an installation can be opened without touching the database. In the embedded single-machine mode
the one editor signed in with the editor password may write everything, as before roles existed.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from paths import db_path
from state import user_store

ROLES = user_store.ROLES
WRITERS = ("unit_editor", "university_editor", "admin")
VIEW_MODES = ("open", "signed_in")
ADMINS_ENV = "STRATEGY_ADMINS"
VIEW_ENV = "STRATEGY_VIEW"
# What the audit log calls each write (action column)
STATUS, RANKING, IMPORT, UNDO_IMPORT, UNIT_MERGE, UNIT_ACCEPT, UNIT_UNDO, ROLE_SET, ROLE_REMOVE = (
    "status", "ranking_result", "import", "undo_import", "unit_merge", "unit_accept", "unit_undo", "set_role",
    "remove_role")
ROUND_OPEN, ROUND_CLOSE, ROUND_UPDATE, THRESHOLDS = "round_open", "round_close", "round_update", "thresholds"


@dataclass(frozen=True)
class User:
    """A person as the app knows them: name and e-mail from the identity token, role from the store."""
    name: str
    email: str | None
    role: str = "viewer"
    institution: str | None = None
    unit_name: str | None = None
    via: str = "oidc"          # "oidc": the identity provider; "password": the embedded editor password
    source: str = "store"      # where the role came from: store, settings (first admins), none, password

    @property
    def label(self) -> str:
        """What the record columns (recorded_by, imported_by, decided_by) hold: name and e-mail."""
        return f"{self.name} <{self.email}>" if self.email else self.name


class Denied(PermissionError):
    """A write the signed-in person may not make; the message says what and why (no server detail)."""


# ------------------------------------------------------------------ settings
def _emails(value: object) -> set[str]:
    if value is None:
        return set()
    items = re.split(r"[,;\s]+", value) if isinstance(value, str) else [str(v) for v in value]  # type: ignore[union-attr]
    return {e.strip().lower() for e in items if e and "@" in e}


def settings_admins(extra: object = None) -> set[str]:
    """E-mail addresses that are administrators by the settings: STRATEGY_ADMINS plus `extra` (the
    secrets' [access] admins, a list or a comma-separated text)."""
    return _emails(os.environ.get(ADMINS_ENV)) | _emails(extra)


def view_mode(secret: object = None) -> str:
    """'open' (default: anyone may view) or 'signed_in' (every page asks to sign in first).
    STRATEGY_VIEW wins over the secrets' [access] view; an unknown value closes (signed_in)."""
    value = os.environ.get(VIEW_ENV) or (str(secret) if secret else "") or "open"
    value = value.strip().lower().replace("-", "_")
    return value if value in VIEW_MODES else "signed_in"


# ------------------------------------------------------------------ who is this
def resolve(name: str | None, email: str | None, admins: Iterable[str] = (), email_verified: object = None,
            path: Path | None = None) -> User:
    """The User for an identity token's name and e-mail: an administrator by the settings, else the
    role stored for the e-mail, else a viewer. An address the provider says is not verified gets no
    role (someone could have typed another person's address into their account)."""
    email = (email or "").strip().lower() or None
    shown = (name or "").strip() or email or "?"
    if email is None or email_verified is False or str(email_verified).lower() == "false":
        return User(shown, email, "viewer", source="none")
    if email in {a.strip().lower() for a in admins}:
        return User(shown, email, "admin", source="settings")
    stored = user_store.role_of(email, path)
    if stored is None:
        return User(shown, email, "viewer", source="none")
    return User(shown if name else (stored.name or email), email, stored.role, stored.institution,
                stored.unit_name, source="store")


def password_editor(name: str) -> User:
    """The editor of the embedded single-machine mode (editor password): may write everything."""
    return User(name, None, "admin", via="password", source="password")


# ------------------------------------------------------------------ the plan database: who leads what
def _rows(sql: str, params: list, db: Path | None) -> list[tuple]:
    db = Path(db or db_path())
    if not db.exists():
        return []
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def action_owners(keys: Iterable[str], db: Path | None = None) -> dict[str, tuple[str, frozenset[str]]]:
    """action key -> (its university, the units that lead it), for the keys the plan database knows."""
    keys = sorted({str(k) for k in keys})
    if not keys:
        return {}
    rows = _rows("""
        SELECT a.action_key, a.institution,
               coalesce(list(u.unit_name) FILTER (WHERE u.role = 'lead'), []) AS leads
        FROM actions a LEFT JOIN action_units u USING (action_key)
        WHERE a.action_key IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY a.action_key, a.institution""", [keys], db)
    return {k: (inst, frozenset(leads or [])) for k, inst, leads in rows}


def lead_units(institution: str, db: Path | None = None) -> list[str]:
    """The units that lead at least one action of a university (what a unit editor can be given)."""
    return [r[0] for r in _rows("""
        SELECT DISTINCT u.unit_name FROM action_units u JOIN actions a USING (action_key)
        WHERE u.role = 'lead' AND a.institution = ? ORDER BY 1""", [institution], db)]


def institutions(db: Path | None = None) -> list[str]:
    """University codes in the plan database."""
    return [r[0] for r in _rows("SELECT code FROM institutions ORDER BY code", [], db)]


# ------------------------------------------------------------------ the checks (pure: no writes)
def is_admin(user: User | None) -> bool:
    return user is not None and user.role == "admin"


def can_write(user: User | None) -> bool:
    """May this person write anything at all (decides whether an editor box is shown)."""
    return user is not None and user.role in WRITERS


def _own(user: User | None, institution: str | None) -> bool:
    """An administrator may act for every university (and for documents of none); a university
    editor only for its own."""
    if user is None:
        return False
    if user.role == "admin":
        return True
    return user.role == "university_editor" and bool(institution) and user.institution == institution


def can_import(user: User | None, institution: str | None) -> bool:
    """Import (or undo the import of) a document of `institution`; None is a document of no one
    university (a CBHE compendium, a syllabus): administrators only."""
    return _own(user, institution)


def can_review_units(user: User | None, institution: str | None) -> bool:
    """Merge or accept a new unit name found in a document of `institution`."""
    return _own(user, institution)


def can_record_ranking(user: User | None, institution: str | None) -> bool:
    """Record a ranking result of `institution`."""
    return _own(user, institution)


def can_write_status(user: User | None, action_key: str, db: Path | None = None) -> bool:
    """Record status and evidence of one action."""
    return action_key in writable_actions(user, [action_key], db)


def writable_actions(user: User | None, keys: Iterable[str], db: Path | None = None) -> set[str]:
    """The keys among `keys` whose status this person may record (one query for all)."""
    keys = {str(k) for k in keys}
    if not can_write(user) or not keys:
        return set()
    assert user is not None
    if user.role == "admin":
        return keys
    owners = action_owners(keys, db)
    if user.role == "university_editor":
        return {k for k, (inst, _leads) in owners.items() if inst == user.institution}
    return {k for k, (inst, leads) in owners.items() if inst == user.institution and user.unit_name in leads}


def import_institutions(pv, db: Path | None = None) -> set[str | None]:
    """The universities an import preview (loaders.importer.Preview) would change: its plans, the
    actions of its status rows and its ranking results. None stands for something of no one
    university (a compendium, a syllabus, a status row of an unknown action)."""
    found: set[str | None] = {p.identity[0] for p in pv.plans}
    if pv.other is not None and not pv.plans:
        found.add(None)
    keys = {s["action_key"] for s in pv.statuses_new}
    if keys:
        owners = {k: inst for k, (inst, _l) in action_owners(keys, db).items()}
        owners.update({k: p.identity[0] for p in pv.plans for k in [*p.new, *p.changed]})
        found |= {owners.get(k) for k in keys}
    found |= {r.get("institution") or None for r in pv.rankings_new}
    return found


def import_refusal(user: User | None, pv, db: Path | None = None) -> list[str | None]:
    """The universities of a preview this person may not import into ([] when the import is allowed);
    None in the list is a document of no one university."""
    insts = import_institutions(pv, db)
    if not can_write(user):
        return sorted(insts, key=lambda x: x or "")
    return sorted((i for i in insts if not can_import(user, i)), key=lambda x: x or "")


# ------------------------------------------------------------------ guarded writes, audited
def audit(user: User, action: str, detail: object = None, institution: str | None = None, con=None,
          path: Path | None = None) -> None:
    """Record who (name and e-mail of the identity token) did what, now."""
    user_store.audit(user.name, user.email, action, detail, institution, con=con, path=path)


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise Denied(what)


def record_status(user: User | None, rows: list[dict], path: Path | None = None, db: Path | None = None) -> int:
    """Record status rows (see user_store.record_status) after checking that this person may write
    every one of them; the rows and one audit entry per university go in one transaction.
    Raises Denied naming the actions refused (nothing is written then), ValueError for a bad row."""
    _require(can_write(user), "signing in with an editor role is needed to record a status")
    assert user is not None
    keys = [str(r["action_key"]) for r in rows]
    allowed = writable_actions(user, keys, db)
    refused = [k for k in dict.fromkeys(keys) if k not in allowed]
    if refused:
        raise Denied(f"{user.label} may not record the status of {', '.join(refused[:5])}"
                     + (" …" if len(refused) > 5 else ""))
    clean = user_store.status_rows(rows, user.label)
    if not clean:
        return 0
    owner = {k: inst for k, (inst, _l) in action_owners(keys, db).items()}
    by_uni: dict[str | None, list[dict]] = {}
    for r in clean:
        by_uni.setdefault(owner.get(r[0]), []).append(
            {"action_key": r[0], "as_of": str(r[1]), "status": r[2], "progress_pct": r[3], "comment": r[4],
             "evidence_url": r[5]})

    def go(con) -> None:
        con.executemany(user_store.INSERT_STATUS, clean)
        for inst, changes in by_uni.items():
            audit(user, STATUS, {"actions": changes}, inst, con=con)

    user_store.write(go, path)
    return len(clean)


def record_ranking_result(user: User | None, institution: str, ranking: str, year: int, rank_best: int,
                          rank_worst: int | None, source: str | None, valid_rankings=None,
                          path: Path | None = None) -> None:
    """Record one ranking result of `institution` when this person may; the row and its audit entry go
    in one transaction. Raises Denied (nothing written) or ValueError for a bad result."""
    _require(can_record_ranking(user, institution), f"recording a ranking result of {institution}")
    assert user is not None
    user_store.check_ranking_result(institution, ranking, year, rank_best, rank_worst, valid_rankings)
    rows = user_store.ranking_rows([(institution, ranking, int(year), int(rank_best),
                                     None if rank_worst is None else int(rank_worst), source or None)], user.label)

    def go(con) -> None:
        con.executemany(user_store.INSERT_RANKING, rows)
        audit(user, RANKING, {"ranking": ranking, "year": int(year), "rank_best": rank_best, "rank_worst": rank_worst,
                              "source": source or None}, institution, con=con)

    user_store.write(go, path)


def apply_import(user: User | None, path: Path, roles: dict[str, str] | None = None, db: Path | None = None):
    """Import a document (loaders.importer.apply) when this person may change every university it
    touches; the universities are those of the document itself, read again here. Audited per
    university. Returns the importer's Result; raises Denied (nothing imported) or LoadError."""
    from plandb import importer

    _require(can_write(user), "signing in with an editor role is needed to import")
    assert user is not None
    pv = importer.preview(Path(path), db, roles=roles)
    refused = import_refusal(user, pv, db)
    if refused:
        raise Denied(f"{user.label} may not import into " + ", ".join(i or "(no one university)" for i in refused))
    result = importer.apply(Path(path), user.label, db, roles=roles)
    if result.applied:
        detail = {"import_id": result.import_id, "file": Path(path).name, "kind": pv.kind,
                  "plans": [f"{p.identity[0]} {p.identity[1]}-{p.identity[2]}: {len(p.new)} new, "
                            f"{len(p.changed)} changed, {len(p.removed)} removed" for p in pv.plans],
                  "statuses": len(pv.statuses_new), "rankings": len(pv.rankings_new)}

        def go(con) -> None:
            for inst in sorted(import_institutions(pv, db), key=lambda x: x or ""):
                audit(user, IMPORT, detail, inst, con=con)

        user_store.write(go)
    return result


def last_import() -> tuple[str, set[str | None]] | None:
    """The import the next undo would take back, with the universities it changed (from the audit
    log; an import made outside the app, with no audit entry, counts as of no one university)."""
    import_id = user_store.newest_import()  # the store's numbering, as importer.undo_last
    if import_id is None:
        return None
    entries = user_store.read("SELECT institution, detail FROM audit_log WHERE action = ? AND detail LIKE ?",
                              [IMPORT, f'%"import_id": {json.dumps(import_id)}%'])
    insts = {None if pd.isna(i) else str(i) for i, d in zip(entries.institution, entries.detail, strict=True)
             if json.loads(d).get("import_id") == import_id}
    return import_id, insts or {None}


def can_undo_import(user: User | None) -> bool:
    last = last_import()
    return last is not None and can_write(user) and all(can_import(user, i) for i in last[1])


def undo_last_import(user: User | None, db: Path | None = None) -> str | None:
    """Undo the newest import when this person may import into every university it changed."""
    from plandb import importer

    last = last_import()
    if last is None:
        return None
    import_id, insts = last
    _require(can_write(user) and all(can_import(user, i) for i in insts),
             f"{user.label if user else 'nobody'} may not undo import {import_id}")
    assert user is not None
    undone = importer.undo_last(user.label, db, expected=import_id)
    if undone:
        def go(con) -> None:
            for inst in sorted(insts, key=lambda x: x or ""):
                audit(user, UNDO_IMPORT, {"import_id": undone}, inst, con=con)

        user_store.write(go)
    return undone


def review_units(user: User | None, institutions_: Iterable[str | None]) -> None:
    """Raise Denied unless this person may review a name found in all of these universities."""
    insts = list(institutions_) or [None]
    _require(all(can_review_units(user, i) for i in insts),
             f"{user.label if user else 'nobody'} may not review unit names of {', '.join(i or '?' for i in insts)}")


def merge_unit(user: User | None, name: str, into: str, institutions_: list[str], ref=None) -> str:
    from state import unit_review

    review_units(user, institutions_)
    assert user is not None
    decision_id = unit_review.merge(name, into, user.label, institutions_[0] if institutions_ else None, ref)
    _audit_each(user, UNIT_MERGE, {"decision_id": decision_id, "name": name, "into": into}, institutions_)
    return decision_id


def accept_unit(user: User | None, name: str, name_en: str, kind: str, institutions_: list[str]) -> str:
    from state import unit_review

    review_units(user, institutions_)
    assert user is not None
    decision_id = unit_review.accept(name, name_en, kind, user.label, institutions_[0] if institutions_ else None)
    _audit_each(user, UNIT_ACCEPT, {"decision_id": decision_id, "name": name, "name_en": name_en, "kind": kind},
                institutions_)
    return decision_id


def rebuild_plans(user: User | None) -> None:
    """Rebuild the plan database so that a unit decision shows on every page (only for a person who may
    review units somewhere); published to every server with the shared store."""
    from plandb import importer

    _require(can_write(user) and user is not None and user.role != "unit_editor", "rebuilding the plan database")
    assert user is not None
    importer.rebuild(who=user.label)


def decision_institution(decision_id: str) -> str | None:
    df = user_store.read("SELECT institution FROM unit_decisions WHERE decision_id = ?", [decision_id])
    return None if df.empty or pd.isna(df.institution.iloc[0]) else str(df.institution.iloc[0])


def undo_unit_decision(user: User | None, decision_id: str) -> bool:
    from state import unit_review

    inst = decision_institution(decision_id)
    review_units(user, [inst])
    assert user is not None
    done = unit_review.undo(decision_id, user.label)
    if done:
        _audit_each(user, UNIT_UNDO, {"decision_id": decision_id}, [inst])
    return done


def _audit_each(user: User, action: str, detail: object, insts: Iterable[str | None]) -> None:
    def go(con) -> None:
        for inst in sorted(set(insts) or {None}, key=lambda x: x or ""):
            audit(user, action, detail, inst, con=con)

    user_store.write(go)


def set_role(admin: User | None, email: str, role: str, name: str | None = None, institution: str | None = None,
             unit_name: str | None = None, path: Path | None = None) -> None:
    """Give a person a role (administrators only; not their own, so nobody locks themselves out)."""
    _require(is_admin(admin), "only an administrator may give roles")
    assert admin is not None
    email = (email or "").strip().lower()
    _require(email != (admin.email or ""), "an administrator cannot change their own role")
    if role == "university_editor":
        unit_name = None
    user_store.set_role(email, role, admin.name, admin.email, name=name, institution=institution,
                        unit_name=unit_name, path=path)


def remove_role(admin: User | None, email: str, path: Path | None = None) -> bool:
    """Take a person's stored role away (they become a viewer); audited in the same transaction."""
    _require(is_admin(admin), "only an administrator may take roles away")
    assert admin is not None
    email = (email or "").strip().lower()
    _require(email != (admin.email or ""), "an administrator cannot change their own role")

    def go(con) -> bool:
        gone = con.execute("DELETE FROM user_roles WHERE email = ? RETURNING role, institution",
                           [email]).fetchall()
        if gone:
            audit(admin, ROLE_REMOVE, {"email": email, "role": gone[0][0]}, gone[0][1], con=con)
        return bool(gone)

    return user_store.write(go, path)


def changes(actions: Iterable[str] | None = None, institution: str | None = None, limit: int = 100,
            path: Path | None = None) -> pd.DataFrame:
    """The newest audit entries first: of these actions, of one university when given."""
    where, params = [], []
    acts = list(actions or [])
    if acts:
        where.append(f"action IN ({', '.join('?' * len(acts))})")
        params += acts
    if institution:
        where.append("institution = ?")
        params.append(institution)
    sql = ("SELECT changed_at, who_name, who_email, action, institution, detail FROM audit_log"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY changed_at DESC, id DESC LIMIT ?")
    return user_store.read(sql, [*params, int(limit)], path)


# The reporting year's writes (access/reporting.py), reachable as access.open_round(...) like every other write.
from access.plan_matches import can_review_matches, decide  # noqa: E402  (plan to plan: confirm/break a match)
from access.reporting import (  # noqa: E402  (they use the checks above)
    can_run_rounds,
    close_round,
    evidence_for,
    may_view_evidence,
    open_round,
    record_update,
    set_thresholds,
)
from access.titles import record_titles  # noqa: E402  (English titles of actions and goals)

__all__ = ["can_review_matches", "can_run_rounds", "close_round", "decide", "evidence_for", "may_view_evidence",
           "open_round", "record_titles", "record_update", "set_thresholds"]
