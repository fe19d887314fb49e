"""Provenance (issue 25): every action keeps where it came from (file, page or sheet, table, row; a line of the
bundled text plans; a paragraph of a Word plan without a table) and the reasons a person should check it; the plan
database stores both, the action page and the explorer say them in words, the import preview lists the rows to check
first. Also the Russian vocabulary: vice-rector titles and partners in other grammatical cases.

Values checked by reading the documents: the QKU text's action 1.1.1 starts at line 8 ("1."); the Gəncə Word
table's row 6 is action 4 ("Tələbə sorğularının ...", units "Filologiya fakültəsi" and "Tarix fakültəsi" on two
lines of one cell); the AzTU sheet 'Plan' row 7 holds "Elektron kitabxananın yaradılması"; the Lənkəran Word plan's
paragraph 9 is "2.1.1. Elmi jurnalın nəşri ..."; the AzMİU Word file's second table heads its unit column
"Kim tərəfindən", a header no reader knows.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analytics import provenance_words
from analytics.i18n import t
from analytics.labels import shown_title
from parse import generic_plan
from parse.provenance import Source, file_name
from plandb import importer
from scripts import make_new_originals as made

APP = str(Path(__file__).resolve().parent.parent / "app.py")
QKU_FILE = "qku_strategic_plan_2021_2025.txt"
SURVEY = "Tələbə sorğularının keçirilməsi və nəticələrin təhlili"


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    return {name: path for name, (_o, path) in made.make_all(tmp_path_factory.mktemp("prov"), pdf=False).items()}


def _read(path: Path, ref):
    [plan] = generic_plan.parse(path.read_bytes(), str(path), ref)
    return {a.title: a for a in plan.actions}


def test_seed_action_keeps_its_file_and_line(qku, ndu, mdu) -> None:
    first = qku.actions[0]
    assert (first.goal_no, first.target_no, first.action_no) == (1, 1, 1)
    assert first.source == Source(QKU_FILE, line=8, method="text") and first.uncertain == []
    assert all(a.source and a.source.file == QKU_FILE and a.source.line == a.source_line for a in qku.actions)
    assert ndu.actions[0].source == Source("ndu_international_relations_plan_2025.txt", line=10, method="text")
    assert mdu.actions[0].source.file == "mdu_veterans_centre_plan_2025.txt"


def test_the_file_name_people_know() -> None:
    assert file_name("/srv/data/imported/20261203-101500-0a1b2c3d__gdu_2026.docx") == "gdu_2026.docx"
    assert file_name("data/raw/qku_strategic_plan_2021_2025.txt") == QKU_FILE


def test_word_excel_and_paragraph_originals_say_table_sheet_row_paragraph(originals, ref) -> None:
    gdu = _read(originals["gdu_2026.docx"], ref)
    survey = gdu[SURVEY]
    assert survey.source == Source("gdu_2026.docx", table=1, row=6, method="docx")
    assert survey.lead_units == ["Filologiya fakültəsi", "Tarix fakültəsi"]
    assert survey.uncertain == ["split_name"]  # cut at the line break into two new names
    assert gdu["Tədris planlarının yenilənməsi"].source.row == 3 and gdu["Tədris planlarının yenilənməsi"].uncertain \
        == []
    # "Təbiət elmləri və kənd təsərrüfatı fakültəsi" is kept whole: nothing was split
    assert gdu["Yeni magistratura proqramlarının açılması"].uncertain == []
    aztu = _read(originals["aztu_2027_2030.xlsx"], ref)
    assert aztu["Elektron kitabxananın yaradılması"].source == Source("aztu_2027_2030.xlsx", sheet="Plan", row=7,
                                                                      method="xlsx")
    ldu = _read(originals["ldu_2026_paragraphs.docx"], ref)
    assert ldu["Elmi jurnalın nəşri"].source == Source("ldu_2026_paragraphs.docx", paragraph=9, method="paragraphs")
    azmiu = _read(originals["azmiu_2026.docx"], ref)
    erasmus = azmiu["Erasmus+ mübadilə proqramlarına qoşulma"]
    assert erasmus.source == Source("azmiu_2026.docx", table=2, row=2, method="docx")
    assert erasmus.uncertain == ["inferred_role"] and erasmus.lead_units == ["Beynəlxalq Əlaqələr Şöbəsi"]
    assert azmiu["Memarlıq ixtisası üzrə yeni tədris planı"].uncertain == []  # table 1 says "Məsul"


def test_source_in_words_in_both_languages() -> None:
    src = Source("gdu_2026.docx", page=3, table=1, row=12, method="docx")
    assert provenance_words.of(src, "en") == "gdu_2026.docx, page 3, table 1, row 12"
    assert provenance_words.of(src, "az") == "gdu_2026.docx, səhifə 3, cədvəl 1, sətir 12"
    assert provenance_words.of(Source("plan.pdf", page=2, row=4, method="ocr"), "en") == \
        "plan.pdf, page 2, row 4 (read from the page image by OCR)"
    assert provenance_words.of(Source(QKU_FILE, line=8, method="text"), "en") == f"{QKU_FILE}, line 8"
    assert provenance_words.reasons(["inferred_role", "split_name"], "en") == \
        "a column's role was guessed from its cells, not read from its header; a unit cell was split into several " \
        "new names"


def test_seed_database_stores_provenance(con) -> None:
    row = con.execute("SELECT source_file, source_line, source_page, source_table, source_row, source_method, "
                      "uncertain FROM actions WHERE action_key = 'QKU:2021-2025:1.1.1'").fetchone()
    assert row == (QKU_FILE, 8, None, None, None, "text", [])
    assert con.execute("SELECT count(*) FROM actions WHERE source_file IS NULL").fetchone()[0] == 0


def test_preview_lists_rows_to_check_first_and_the_import_stores_them(site, originals) -> None:
    pv = importer.preview(originals["gdu_2026.docx"])
    assert [r.title for r in pv.to_check] == [SURVEY]
    assert pv.rows[0].title == SURVEY and not any(r.uncertain for r in pv.rows[1:])  # first, then the rest in order
    assert len(pv.rows) == 9
    lines = pv.lines()
    assert lines[1] == f"check: {SURVEY} — split_name (table 1, row 6)"  # right after the file's line
    pv = importer.preview(originals["azmiu_2026.docx"])
    assert [(r.title, r.uncertain, r.source.table, r.source.row) for r in pv.rows[:3]] == [
        ("Erasmus+ mübadilə proqramlarına qoşulma", ["inferred_role"], 2, 2),
        ("Xarici tələbələr üçün hazırlıq kursu", ["inferred_role"], 2, 3),
        ("Memarlıq ixtisası üzrə yeni tədris planı", [], 1, 2)]
    result = importer.apply(originals["gdu_2026.docx"], "Test Editor")
    assert result.applied
    from analytics import db as data

    data.close()
    c = duckdb.connect(str(site / "s.duckdb"), read_only=True)
    try:
        row = c.execute("SELECT source_file, source_table, source_row, source_method, uncertain FROM actions "
                        "WHERE title = ?", [SURVEY]).fetchone()
    finally:
        c.close()
    assert row == ("gdu_2026.docx", 1, 6, "docx", ["split_name"])  # the kept upload's name, not its stored name


def test_action_page_and_explorer_show_the_source(site, originals, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    assert importer.apply(originals["gdu_2026.docx"], "Test Editor").applied
    from analytics import db as data

    data.close()
    c = duckdb.connect(str(site / "s.duckdb"), read_only=True)
    try:
        key = c.execute("SELECT action_key FROM actions WHERE title = ?", [SURVEY]).fetchone()[0]
    finally:
        c.close()
    for lang, where, check in (("en", "Source: gdu_2026.docx, table 1, row 6",
                                "To check: a unit cell was split into several new names"),
                               ("az", "Mənbə: gdu_2026.docx, cədvəl 1, sətir 6",
                                "Yoxlanmalı: bölmə xanası bir neçə yeni ada bölünüb")):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("screens/action.py")
        at.query_params["action"] = key
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        texts = [x.value for x in at.text]
        assert where in texts and check in texts
        at.query_params.pop("action")
        at.switch_page("screens/explorer.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        frame = at.dataframe[0].value  # keys as columns; the page labels them through column_config
        assert f"{QKU_FILE}, {t('src.line', lang, n=8)}" in set(frame["source"])
        survey = frame[frame.title == shown_title(SURVEY, None, lang)].iloc[0]  # in English: '[az] …'
        assert (survey.source, survey.check) == (where.split(": ", 1)[1], check.split(": ", 1)[1])


def test_russian_vice_rectors_and_partners_in_other_cases(ref) -> None:
    """The Sumqayıt original's rows (scripts/make_new_originals.py, goal 3) as the reader meets them."""
    from parse.normalise import partners_from_note
    from parse.records import Plan

    assert ref.vice_rector_keys("Проректор по международным связям") == ["international"]
    assert ref.vice_rector_keys("проректор по административно-хозяйственной работе") == ["general"]
    assert ref.vice_rector_keys("Проректор по учебной работе; с отделом международных связей") == ["academic"]
    assert ref.vice_rector_keys("проректор по научной работе, совместно с кафедрой философии") == ["science"]
    plan = Plan("generic_plan", "SDU", "plan", 2026, 2028)
    assert partners_from_note("Проректор по учебной работе; с отделом международных связей", ref, plan, "f", "row 1",
                              []) == ["Beynəlxalq Əlaqələr Şöbəsi"]
    assert partners_from_note("при участии отдела кадров", ref, plan, "f", "row 2", []) == ["İnsan Resursları Şöbəsi"]
    assert partners_from_note("совместно с Центром обеспечения качества и кафедрами", ref, plan, "f", "row 3", []) \
        == ["Keyfiyyətin Təminatı Mərkəzi", "Kafedralar"]
    assert partners_from_note("совместно с кафедрой философии", ref, plan, "f", "row 4", []) == ["Кафедра философии"]
    # one name with "и" inside it stays one name
    assert partners_from_note("совместно с Министерством науки и образования", ref, plan, "f", "row 5", []) == \
        ["Министерство науки и образования"]
    # a bare "с" is a cue only right before a unit's name
    assert partners_from_note("с Учебным отделом", ref, plan, "f", "row 6", []) == ["Tədris Şöbəsi"]
    assert partners_from_note("с учетом рекомендаций кафедр", ref, plan, "f", "row 7", []) == []
    assert partners_from_note("в соответствии с планом отдела кадров", ref, plan, "f", "row 8", []) == []


def test_data_page_upload_lists_rows_to_check_before_the_preview(site, originals, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("screens/data.py").run()
    at.text_input[0].input("Tester")
    at.text_input[1].input("s3cret")
    next(b for b in at.button if b.label == "Daxil ol").click().run()
    at.file_uploader[0].set_value(("azmiu_2026.docx", originals["azmiu_2026.docx"].read_bytes(),
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).run()
    assert not at.exception and not at.error
    marks = [m.value for m in at.markdown]
    heading, preview = f"**{t('im.check', 'az', n=2)}**", f"**{t('im.preview', 'az')}**"
    assert heading in marks and marks.index(heading) < marks.index(preview)
    [frame] = [d.value for d in at.dataframe if t("col.check_reason", "az") in d.value.columns]
    assert list(frame[t("c.title", "az")]) == ["Erasmus+ mübadilə proqramlarına qoşulma",
                                               "Xarici tələbələr üçün hazırlıq kursu"]
    assert set(frame[t("col.check_reason", "az")]) == {t("rs.inferred_role", "az")}
    assert list(frame[t("col.source", "az")]) == ["azmiu_2026.docx, cədvəl 2, sətir 2",
                                                  "azmiu_2026.docx, cədvəl 2, sətir 3"]
