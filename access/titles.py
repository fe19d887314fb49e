"""The English-titles write: an editor of a university (or an administrator) gives English titles to its actions
and goals; checked, written and audited in one transaction, then the plan database is rebuilt so that every
page and export shows them (as after a unit review decision)."""
from __future__ import annotations

from pathlib import Path

from access import User, _own, _require, _rows, action_owners, audit
from state import translations, user_store

TITLES = "titles_en"


def goal_owners(keys: list[str], db: Path | None = None) -> dict[str, str]:
    """'document_id|goal_no' -> the university of that plan, for the goals the plan database knows."""
    docs = sorted({k.rpartition("|")[0] for k in keys})
    found = {d: i for d, i in _rows("SELECT document_id, institution FROM documents "
                                    "WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [docs], db)}
    return {k: found[k.rpartition("|")[0]] for k in keys if k.rpartition("|")[0] in found}


def record_titles(user: User | None, institution: str, items: list[tuple[str, str, str | None]],
                  rebuild: bool = True, path: Path | None = None, db: Path | None = None) -> int:
    """Give (kind, item key, English title or None to withdraw) for items of `institution`; returns how many.
    Denied (nothing written) unless the person may edit that university and every item is one of its own."""
    _require(_own(user, institution), f"giving English titles to {institution}'s plans")
    assert user is not None
    actions = [k for kind, k, _ in items if kind == "action"]
    goals = [k for kind, k, _ in items if kind == "goal"]
    owners = {k: inst for k, (inst, _) in action_owners(actions, db).items()} | goal_owners(goals, db)
    strangers = [k for k in actions + goals if owners.get(k) != institution]
    _require(not strangers, f"giving English titles to items not of {institution}: {', '.join(strangers[:3])}")
    checked = translations.rows(items, institution, user.label)
    if not checked:
        return 0

    def go(con) -> None:
        con.executemany(translations.INSERT, checked)
        audit(user, TITLES, {"n": len(checked), "items": [r[3] for r in checked[:20]]}, institution, con=con)

    user_store.write(go, path)
    if rebuild:
        from plandb import importer

        importer.rebuild(who=user.label)
    return len(checked)
