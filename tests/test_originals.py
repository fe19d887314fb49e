"""Plans as universities circulate them (PDF, Word, Excel in their own layouts and header languages), made from
the bundled plans by scripts/make_originals.py, read by the one general reader (loaders/generic_plan.py) and
compared field by field with the text path (the bundled plans through their own parsers).

Run with -s to see the agreement table and the seconds per page.
"""
from __future__ import annotations

import dataclasses
import io
import os
import shutil
import time
from pathlib import Path

import pytest

from parse import column_roles, generic_plan, tables
from parse.errors import LoadError
from parse.records import Action, Plan
from parse.tables import RawTable
from scripts import harness, make_originals

ROOT = Path(__file__).resolve().parent.parent


HAS_CHROMIUM = harness.chromium_path() is not None and not os.environ.get("ORIGINALS_NO_PDF")
NO_CHROMIUM = ("the PDF originals are printed by Chromium: /usr/bin/chromium is missing (apt-get install chromium) "
               "or ORIGINALS_NO_PDF is set")
FIELDS = {
    "title": lambda a: a.title,
    "deadline raw": lambda a: a.deadline.raw,
    "start year": lambda a: a.deadline.start_year,
    "end year": lambda a: a.deadline.end_year,
    "recurrence": lambda a: a.deadline.recurrence,
    "lead units": lambda a: a.lead_units,
    "partner units": lambda a: a.partner_units,
    "vice-rectors": lambda a: a.vice_rectors,
}
# original -> the bundled plan it was made from
CASES = {"qku.pdf": "qku", "qku.docx": "qku", "qku_en.pdf": "qku", "qku_ru.docx": "qku", "qku_tr.xlsx": "qku",
         "ndu.pdf": "ndu", "ndu.docx": "ndu", "mdu.pdf": "mdu", "mdu.docx": "mdu"}
QKU_ROLES = ["number", "title", "deadline", "lead", "oversight"]


@pytest.fixture(scope="session")
def text_plans(qku, ndu, mdu) -> dict[str, Plan]:
    return {"qku": qku, "ndu": ndu, "mdu": mdu}


@pytest.fixture(scope="session")
def originals(made_originals) -> dict[str, Path]:
    """Written once per run (tests/conftest.py), shared with test_originals_import.py."""
    return made_originals


@pytest.fixture(scope="session")
def readings(originals, ref) -> dict[str, Plan]:
    out = {}
    for name in CASES:
        if name in originals:
            plans = generic_plan.parse(originals[name].read_bytes(), name, ref)
            assert len(plans) == 1
            out[name] = plans[0]
    return out


def pairs(text: Plan, read: Plan) -> list[tuple[Action, Action | None]]:
    """Text-path actions with their reading: by (goal, target, action number) where the text path numbers every
    action uniquely, else by order."""
    keys = [(a.goal_no, a.target_no, a.action_no) for a in text.actions]
    if all(k[2] is not None for k in keys) and len(set(keys)) == len(keys):
        found = {(a.goal_no, a.target_no, a.action_no): a for a in read.actions}
        return [(a, found.get(k)) for a, k in zip(text.actions, keys, strict=True)]
    return [(a, read.actions[i] if i < len(read.actions) else None) for i, a in enumerate(text.actions)]


def agreement(text: Plan, read: Plan) -> dict[str, float]:
    matched = pairs(text, read)
    return {field: 100.0 * sum(b is not None and get(a) == get(b) for a, b in matched) / len(matched)
            for field, get in FIELDS.items()}


def differences(text: Plan, read: Plan, limit: int = 5) -> list[str]:
    out = []
    for a, b in pairs(text, read):
        for field, get in FIELDS.items():
            if b is None or get(a) != get(b):
                out.append(f"{a.goal_no}.{a.target_no}.{a.action_no} {field}: {get(a)!r} != "
                           f"{get(b) if b else 'missing'!r}")
    return out[:limit]


def test_agreement_table(readings, text_plans):
    """Every original against the text path, per field (printed for the lead to copy)."""
    header = "| original | actions (text / read) | " + " | ".join(FIELDS) + " |"
    lines = [header, "|" + "---|" * (len(FIELDS) + 2)]
    for name, plan in readings.items():
        text = text_plans[CASES[name]]
        score = agreement(text, plan)
        lines.append(f"| {name} | {len(text.actions)} / {len(plan.actions)} | "
                     + " | ".join(f"{score[f]:.1f}" for f in FIELDS) + " |")
    print("\n\nAgreement with the text path, % of actions per field:\n" + "\n".join(lines))
    for name, plan in readings.items():
        for line in differences(text_plans[CASES[name]], plan, 3):
            print(f"  {name}: {line}")
    if not HAS_CHROMIUM:
        print(f"(PDF originals skipped: {NO_CHROMIUM})")


@pytest.mark.parametrize("name", ["qku.pdf", "qku.docx"])
def test_qku_plan_reads_the_same_as_the_text(name, readings, text_plans):
    if name not in readings:
        pytest.skip(NO_CHROMIUM)
    plan, text = readings[name], text_plans["qku"]
    score = agreement(text, plan)
    assert all(v >= 98.0 for v in score.values()), (score, differences(text, plan))
    assert plan.kind == "generic_plan" and plan.identity == text.identity
    assert plan.goals == text.goals and plan.targets == text.targets


@pytest.mark.parametrize("name", [n for n in CASES if n not in ("qku.pdf", "qku.docx")])
def test_other_layouts_read_the_same(name, readings, text_plans):
    """The English, Russian and Turkish headed QKU plans and the NDU and MDU plans in other layouts."""
    if name not in readings:
        pytest.skip(NO_CHROMIUM)
    plan, text = readings[name], text_plans[CASES[name]]
    score = agreement(text, plan)
    floor = 98.0 if CASES[name] == "qku" else 90.0
    assert all(v >= floor for v in score.values()), (score, differences(text, plan))
    assert plan.identity == text.identity
    assert sorted(plan.goals) == sorted(text.goals)
    assert sorted({(a.goal_no, a.target_no) for a in plan.actions}) == \
        sorted({(a.goal_no, a.target_no) for a in text.actions})


def test_action_keys_match_the_text_path(readings, text_plans):
    """Status and results hang on action keys: a plan re-imported as PDF, Word or Excel keeps them."""
    for name, plan in readings.items():
        text = text_plans[CASES[name]]
        expected = [text.action_key(dataclasses.replace(a, seq=a.seq or i))
                    for i, a in enumerate(text.actions, start=1)]
        assert [plan.action_key(a) for a in plan.actions] == expected, name


def test_ndu_goal_references_and_indicators(readings):
    plan = readings["ndu.docx"]
    first = plan.actions[0]
    assert (first.goal_no, first.target_no, first.goal_ref) == (3, 1, "1-1-3")
    assert first.details["expected_result"].startswith("Fakültələrdə keçirilən görüş")
    if "ndu.pdf" in readings:
        pdf = readings["ndu.pdf"].actions
        assert pdf[0].details["indicator_quantitative"] == "Bütün fakültələr"
        # the row broken by the page end is read whole
        assert pdf[6].title == "Xaricdə mübadilə və təcrübələrdə iştirak prosedurlarını təkmilləşdirmək"
        assert pdf[6].deadline.raw == "Yanvar-Sentyabr 2025"


def test_mdu_people_bullets_and_codes(readings, text_plans):
    plan = readings["mdu.docx"]
    text = text_plans["mdu"]
    assert [a.people for a in plan.actions] == [a.people for a in text.actions]
    assert plan.actions[0].lead_units == text.actions[0].lead_units  # "- A;\n- B;" split
    if "mdu.pdf" in readings:
        pdf = readings["mdu.pdf"]
        assert [a.strategy_codes for a in pdf.actions] == [a.strategy_codes for a in text.actions]
        assert [(a.goal_no, a.target_no, a.action_no) for a in pdf.actions] == \
            [(a.goal_no, a.target_no, a.action_no) for a in text.actions]


# ---------------------------------------------------------------- raw tables

def test_word_tables_merged_cells_and_repeated_header(originals):
    found = tables.docx_tables(originals["qku.docx"].read_bytes(), "qku.docx")
    first = found[0]
    assert first.before == ["Qərbi Kaspi Universiteti (QKU)", "Strateji plan 2021-2025",
                            "Hədəf 1.1: Yüksək rəqabətqabiliyyətli təhsilin (dərəcələrin) təmin olunması"]
    assert first.rows[1][0].startswith("Məqsəd 1: ") and first.rows[2][0] is None  # merged: its text once
    assert first.merged[(2, 0)] == (1, 0)
    long = next(t for t in found if len(t.rows) > 13)  # the header row copied inside it is dropped
    assert [r for r in long.rows[1:] if r[1:] == long.rows[0][1:]] == []
    assert long.row_where(9) == f"{long.where}, row 11"


def test_excel_table_under_title_rows_with_merged_headings(originals):
    (table,) = tables.xlsx_tables(originals["qku_tr.xlsx"].read_bytes(), "qku_tr.xlsx")
    assert (table.where, table.first_row_ref) == ("sheet 'Plan'", 4)
    assert table.before == ["Batı Hazar Üniversitesi (QKU)", "Stratejik Plan 2021-2025"]
    assert table.rows[1] == ["Amaç 1: Tədrisin keyfiyyətinin yüksəldilməsi", None, None, None, None]
    assert table.rows[3][:3] == ["1", "Tədris proqramlarının (sillabusların) beynəlxalq standartlara "
                                 "uyğunlaşdırılması", "Müntəzəm"]


def test_pdf_tables_ruled_unruled_and_broken_rows(originals):
    if "qku.pdf" not in originals:
        pytest.skip(NO_CHROMIUM)
    qku = tables.pdf_tables(originals["qku.pdf"].read_bytes(), "qku.pdf")
    assert (qku[0].where, qku[0].method, qku[0].before) == \
        ("page 1", "lines", ["Qərbi Kaspi Universiteti", "Strateji plan 2021-2025"])
    assert qku[0].rows[1] == ["Məqsəd 1: Tədrisin keyfiyyətinin yüksəldilməsi", None, None, None, None]
    assert all(t.rows[0] == qku[0].rows[0] for t in qku)  # the header printed on every page
    en = tables.pdf_tables(originals["qku_en.pdf"].read_bytes(), "qku_en.pdf")
    assert {t.method for t in en} == {"words"} and en[0].rows[0] == ["No", "Activity", "Timeline",
                                                                     "Responsible units", "Oversight"]
    ndu = tables.pdf_tables(originals["ndu.pdf"].read_bytes(), "ndu.pdf")
    assert ndu[0].rows[0][2:4] == ["Nəticə indikatoru", None] and ndu[0].merged[(0, 3)] == (0, 2)
    assert ndu[1].rows[2][:2] == ["", "prosedurlarını təkmilləşdirmək"]  # the rest of a row broken by the page


# ---------------------------------------------------------------- column roles

def roles(originals, ref, name: str) -> list[str]:
    found = generic_plan.roles_of(originals[name].read_bytes(), name, ref)
    assert len(found) == 1
    return [c.role for c in found[0][1]]


def test_english_russian_and_turkish_headers_give_the_same_roles(originals, ref):
    assert roles(originals, ref, "qku_ru.docx") == QKU_ROLES
    assert roles(originals, ref, "qku_tr.xlsx") == QKU_ROLES
    if "qku_en.pdf" not in originals:
        pytest.skip(NO_CHROMIUM)
    assert roles(originals, ref, "qku_en.pdf") == QKU_ROLES


def test_roles_from_content_override_the_header(ref):
    table = RawTable("t.docx", "table 1", [
        ["Sıra", "Nə ediləcək", "Vaxt", "Kim"],
        ["1.1.1", "Tədris proqramlarının yenilənməsi", "Müntəzəm", "Tədris Şöbəsi"],
        ["1.1.2", "Sorğuların keçirilməsi", "2023-2025", "Keyfiyyətin Təminatı Mərkəzi, Kafedralar"],
        ["1.2.1", "Beynəlxalq akkreditasiyaya hazırlıq", "Hər il, avqust", "Elm Şöbəsi"],
    ])
    found = column_roles.infer_roles(table, ref, n_header=1)
    assert [c.role for c in found] == ["number", "title", "deadline", "lead"]
    assert found[2].example == "Müntəzəm" and found[2].header == "Vaxt"


def test_editor_mapping_is_kept_by_header_text(originals, ref):
    data = originals["qku_tr.xlsx"].read_bytes()
    assert column_roles.mapping_key("  İcra   Müddəti: ") == "icra müddəti"
    (_, found), = generic_plan.roles_of(data, "qku_tr.xlsx", ref)
    mapping = column_roles.remember(found)
    assert mapping == {"no": "number", "faaliyet": "title", "süre": "deadline", "sorumlu birim": "lead",
                       "kontrol": "oversight"}
    mapping["süre"] = "ignore"  # the editor says the deadline column is something else
    plan = generic_plan.parse(data, "qku_tr.xlsx", ref, roles_override=mapping)[0]
    assert all(a.deadline.raw is None for a in plan.actions) and len(plan.actions) == 158


def test_a_table_without_an_action_column_is_refused(tmp_path, ref):
    import docx

    doc = docx.Document()
    doc.add_paragraph("Qərbi Kaspi Universiteti — Strateji plan 2021-2025")
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["№", "İcra müddəti", "Məsul"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "2021-2025", "Tədris Şöbəsi"], strict=True):
        cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(LoadError) as err:
        generic_plan.parse(buf.getvalue(), "plan.docx", ref)
    assert err.value.where == "table 1" and "action column" in err.value.expected


def test_numbers_bullets_partners_and_a_new_university(tmp_path, ref):
    """No headings: "3-1-5" numbers give goal and target; bulleted and dashed unit lists are split; a partner
    column; an English vice-rector name; a title row inside the table above the header; new names kept."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Gəncə Dövlət Universiteti (GDU)")
    doc.add_paragraph("Fəaliyyət planı 2026-cı il")
    rows = [["№", "Tədbirin adı", "Müddət", "Məsul qurum", "Əməkdaşlıq edən", "Nəzarət"],
            ["3-1-5", "Tələbə sorğusunun keçirilməsi", "I rüb 2026", "• Tədris Şöbəsi\n• Gənclər Təşkilatı",
             "- Elm Şöbəsi; - Karyera Klubu", "Vice-rector for Academic Affairs"],
            ["3-2-1", "Müəllimlərin təlimi", "Hər semestr", "Keyfiyyətin Təminatı Mərkəzi", "",
             "Elmi işlər üzrə prorektor"]]
    table = doc.add_table(rows=len(rows) + 1, cols=6)
    title = table.cell(0, 0).merge(table.cell(0, 5))
    title.text = "Cədvəl 1. Tədbirlər"
    for r, values in enumerate(rows, start=1):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text
    path = tmp_path / "gdu.docx"
    doc.save(str(path))
    plan = generic_plan.parse(path.read_bytes(), path.name, ref)[0]
    assert (plan.institution, plan.institution_name, plan.period_start, plan.period_end) == \
        ("GDU", "Gəncə Dövlət Universiteti", 2026, 2026)
    first, second = plan.actions
    assert (first.goal_no, first.target_no, first.action_no) == (3, 1, 5)
    assert (second.goal_no, second.target_no, second.action_no) == (3, 2, 1)
    assert first.lead_units == ["Tədris Şöbəsi", "Gənclər Təşkilatı"]
    assert first.partner_units == ["Elm Şöbəsi", "Karyera Klubu"]
    assert (first.vice_rectors, second.vice_rectors) == (["academic"], ["science"])
    assert (first.deadline.recurrence, first.deadline.start_month, first.deadline.end_month) == ("period", 1, 3)
    assert second.deadline.recurrence == "semester"
    assert {w.message for w in plan.warnings} >= {"new unit 'Gənclər Təşkilatı' will be added (not reviewed yet)",
                                                  "new unit 'Karyera Klubu' will be added (not reviewed yet)"}


# ---------------------------------------------------------------- bad input

def test_kind_is_told_from_the_content(originals):
    assert generic_plan.kind_of(originals["qku.docx"].read_bytes()) == "docx"
    assert generic_plan.kind_of(originals["qku_tr.xlsx"].read_bytes()) == "xlsx"
    assert generic_plan.kind_of(originals["encrypted.pdf"].read_bytes()) == "pdf"
    assert generic_plan.kind_of(b"Mqsd 1: plain text") is None


def load_error(originals, ref, name: str) -> LoadError:
    with pytest.raises(LoadError) as err:
        generic_plan.parse(originals[name].read_bytes(), name, ref)
    assert err.value.file == name
    return err.value


def test_encrypted_pdf(originals, ref):
    err = load_error(originals, ref, "encrypted.pdf")
    assert err.expected == "an unencrypted PDF"


def test_scanned_pdf_without_text_layer_is_read_by_ocr(originals, ref):
    """A picture of QKU rows (boxes around each row, no column rules) is read by OCR from the words' positions
    under its header, and the plan says it was read by OCR (tests/test_ocr.py scores a ruled scan)."""
    if "scanned.pdf" not in originals:
        pytest.skip(NO_CHROMIUM)
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed")
    data = originals["scanned.pdf"].read_bytes()
    assert all(t.method == "ocr" for t in generic_plan.read_tables(data, "scanned.pdf"))
    plan = generic_plan.parse(data, "scanned.pdf", ref)[0]
    assert (plan.institution, plan.period_start, plan.period_end) == ("QKU", 2021, 2025)
    assert plan.warnings[0].message == generic_plan.OCR_READ


def test_pdf_without_a_table(originals, ref):
    if "no_table.pdf" not in originals:
        pytest.skip(NO_CHROMIUM)
    err = load_error(originals, ref, "no_table.pdf")
    assert "table of actions" in err.expected


def test_word_file_without_tables(originals, ref):
    err = load_error(originals, ref, "no_tables.docx")
    assert "at least one table" in err.expected and "no table" in err.found


def test_excel_file_without_a_header_row(originals, ref):
    err = load_error(originals, ref, "no_header.xlsx")
    assert err.where == "every sheet" and "header row" in err.expected


# ---------------------------------------------------------------- speed

def test_seconds_per_page(originals, ref):
    """A 40-page PDF of the QKU table repeated: printed, not asserted (machines are noisy)."""
    if "qku_40_pages.pdf" not in originals:
        pytest.skip(NO_CHROMIUM)
    path = originals["qku_40_pages.pdf"]
    pages = make_originals.pdf_pages(path)
    started = time.perf_counter()
    plan = generic_plan.parse(path.read_bytes(), path.name, ref)[0]
    seconds = time.perf_counter() - started
    print(f"\n\n{pages}-page plan PDF ({len(plan.actions)} actions): {seconds:.1f} s, {seconds / pages:.2f} s per page")
    assert len(plan.actions) == 158 * round(len(plan.goals) / 8)
