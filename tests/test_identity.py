"""Identities belong to their university (issue 28 item 5): a plan's document id begins with its university's
code and is never the id of another university's (or another period's) plan, so one university's import cannot
take the id the reader derives for another's plan and block it. Real seeds, the template of reports/template.py."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from parse.errors import LoadError
from plandb import importer


def template_with(site: Path, name: str, doc_id: str, institution: str, start: int, end: int) -> Path:
    """The seed template (every plan as it is) plus one new plan of `institution` under `doc_id`."""
    from reports.template import build_template

    path = site / name
    path.write_bytes(build_template())
    wb = load_workbook(path)
    wb["plans"].append([doc_id, "xlsx_template", institution, f"{institution} plan {start}-{end}", start, end])
    wb["goals"].append([doc_id, 1, "Tədrisin keyfiyyəti"])
    wb["targets"].append([doc_id, 1, 1, "Akkreditasiya"])
    head = [c.value for c in wb["actions"][1]]
    values = {"document_id": doc_id, "seq": 1, "goal_no": 1, "target_no": 1, "action_no": 1,
              "title": "Akkreditasiya müraciəti", "deadline_raw": f"{start}", "vice_rector_1": "academic",
              "lead_unit_1": "Keyfiyyətin Təminatı Mərkəzi"}
    wb["actions"].append([values.get(h) for h in head])
    wb.save(path)
    return path


def documents(db: Path) -> dict[str, tuple]:
    from analytics import db as data

    data.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0]: tuple(r[1:]) for r in con.execute(
            "SELECT document_id, institution, period_start, period_end FROM documents").fetchall()}
    finally:
        con.close()


def test_a_university_cannot_take_another_universitys_id(site):
    db = site / "s.duckdb"
    before = db.read_bytes()
    path = template_with(site, "qku_takes_ndu.xlsx", "ndu_plan_2026_2030", "QKU", 2026, 2030)
    with pytest.raises(LoadError) as err:
        importer.apply(path, "QKU editor")
    said = importer.user_message(err.value, "qku.xlsx")
    assert said.startswith("qku.xlsx: plan of QKU 2026-2030, document_id: expected an id that begins with the "
                           "university's code, e.g. 'qku_plan_2026_2030', found 'ndu_plan_2026_2030'"), said
    assert str(site) not in said and "duplicate" not in said
    assert db.read_bytes() == before  # nothing imported


def test_an_id_in_use_for_another_plan_is_refused_clearly(site):
    path = template_with(site, "qku_reuses.xlsx", "qku_strategic_plan_2021_2025", "QKU", 2026, 2030)
    with pytest.raises(LoadError) as err:
        importer.preview(path)
    assert "it is the id of the QKU plan 2021-2025" in str(err.value) and "new document_id" in str(err.value)


def test_each_university_imports_under_its_own_ids(site):
    db = site / "s.duckdb"
    qku = template_with(site, "qku.xlsx", "qku_plan_2026_2030", "QKU", 2026, 2030)
    assert importer.apply(qku, "QKU editor").applied
    # NDU's own plan for the same years, under the id the reader derives for it, is not blocked by QKU's
    ndu = template_with(site, "ndu.xlsx", "ndu_plan_2026_2030", "NDU", 2026, 2030)
    assert importer.apply(ndu, "NDU editor").applied
    docs = documents(db)
    assert docs["qku_plan_2026_2030"] == ("QKU", 2026, 2030) and docs["ndu_plan_2026_2030"] == ("NDU", 2026, 2030)
    # the same file again (QKU's plan now in the database under its id, same university and years): no refusal
    assert not importer.preview(qku).has_changes


NEW_NAME = "Rəqəmsal Transformasiya Mərkəzi"
KTM = "Keyfiyyətin Təminatı Mərkəzi"


def two_universities_name_a_new_unit(site: Path) -> Path:
    """The seed template plus a 2027 plan of QKU and one of NDU whose action is led by the same new name."""
    from reports.template import build_template

    path = site / "both.xlsx"
    path.write_bytes(build_template())
    wb = load_workbook(path)
    head = [c.value for c in wb["actions"][1]]
    for inst in ("QKU", "NDU"):
        doc_id = f"{inst.lower()}_plan_2027"
        wb["plans"].append([doc_id, "xlsx_template", inst, f"{inst} 2027", 2027, 2027])
        wb["goals"].append([doc_id, 1, "Rəqəmsal universitet"])
        wb["targets"].append([doc_id, 1, 1, "Rəqəmsal xidmətlər"])
        values = {"document_id": doc_id, "seq": 1, "goal_no": 1, "target_no": 1, "action_no": 1,
                  "title": "Elektron xidmətlər", "deadline_raw": "2027", "vice_rector_1": "academic",
                  "lead_unit_1": NEW_NAME}
        wb["actions"].append([values.get(h) for h in head])
    wb.save(path)
    return path


def leads(db: Path) -> dict[str, list[str]]:
    from analytics import db as data

    data.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {inst: list(units) for inst, units in con.execute(
            "SELECT institution, lead_units FROM v_actions WHERE document_id IN ('qku_plan_2027', 'ndu_plan_2027')"
        ).fetchall()}
    finally:
        con.close()


def pending(db: Path) -> set[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = (Path(__file__).resolve().parent.parent / "queries" / "units_to_review.sql").read_text(encoding="utf-8")
        return {(r[0], r[1]) for r in con.execute(sql).fetchall()}
    finally:
        con.close()


def test_a_unit_merge_holds_for_its_own_university_only(site):
    """Issue 28 item 9: NDU's editor says the new name means KTM; QKU's same-named unit stays QKU's to review."""
    from state import unit_review

    db = site / "s.duckdb"
    assert importer.apply(two_universities_name_a_new_unit(site), "centre").applied
    assert leads(db) == {"QKU": [NEW_NAME], "NDU": [NEW_NAME]}
    assert {(NEW_NAME, "QKU"), (NEW_NAME, "NDU")} <= pending(db)
    unit_review.merge(NEW_NAME, KTM, "NDU editor", institution="NDU")
    importer.rebuild(db, who="NDU editor")
    assert leads(db) == {"QKU": [NEW_NAME], "NDU": [KTM]}
    assert (NEW_NAME, "QKU") in pending(db) and (NEW_NAME, "NDU") not in pending(db)
    # QKU's own decision on the same name does not take NDU's back
    unit_review.accept(NEW_NAME, "Digital Transformation Centre", "centre", "QKU editor", institution="QKU")
    in_force = unit_review.active()
    assert set(zip(in_force.name, in_force.institution, in_force.decision, strict=True)) >= {
        (NEW_NAME, "NDU", "merge"), (NEW_NAME, "QKU", "accept")}
    importer.rebuild(db, who="QKU editor")
    assert leads(db) == {"QKU": [NEW_NAME], "NDU": [KTM]} and not {n for n, _ in pending(db)} & {NEW_NAME}
