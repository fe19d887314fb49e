"""The Data page's import preview as its users read it (issue 25, seen in a browser at 1400 and 390 px): in words of
the page's language, never the command line's English ('warning: …', 'check: … — inferred_role') nor the database's
keys ('AZMIU:2026:1.None#1'); the reader's notes as a table of message, place and closest names; the column editor
names its table in the page's language. The explorer puts To check and Source beside the title when rows need
checking, and its CSV has the page's column names.

Values checked by reading the AzMİU Word original (scripts/make_new_originals.py): two tables, 4 actions, units
'Memarlıq fakültəsi' (table 1, row 2), 'İnşaat materialları kafedrası' (table 1, row 3), 'Dil Mərkəzi' (table 2,
row 3), a note 'Dekanlıqlarla birlikdə' (table 2, row 3), the heading naming 'Azərbaycan Memarlıq və İnşaat
Universiteti' without a code."""
from __future__ import annotations

from pathlib import Path

import pytest

from analytics import build_warnings, import_words
from analytics.explorer_columns import LABELS, named
from analytics.i18n import t
from plandb import importer
from scripts import make_new_originals as made

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RAW = ("warning:", "check:", "inferred_role", "None", "nan", "[]", ":2026:", "(perhaps:")


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    return {name: path for name, (_o, path) in made.make_all(tmp_path_factory.mktemp("words"), pdf=False).items()}


def test_warnings_in_words_of_the_page() -> None:
    rows = import_words.warning_rows([
        "text before the first table (table 1): university proposed: AZMIU (Azərbaycan Memarlıq və İnşaat "
        "Universiteti, new) — confirm it or give another (--university CODE)",
        "page 1, row 14: totals row skipped (not an action) (perhaps: Cəmi: 9 tədbir)",
        "table 2, row 3: partner unit(s) taken from the note: Dekanlıqlar (perhaps: Dekanlıqlarla birlikdə)",
        "row 4, column deadline_raw: deadline Tezliklə gives no year or recurrence; kept as written",
    ], "az")
    assert list(rows.columns) == ["message", "location", "candidates"]
    assert rows.values.tolist() == [
        ["Universitet təklif olunur: AZMIU (Azərbaycan Memarlıq və İnşaat Universiteti, yeni); yuxarıda təsdiqləyin "
         "və ya başqasını yazın", "birinci cədvəldən əvvəlki mətn (cədvəl 1)", "—"],
        ["Yekun sətri buraxıldı (tədbir deyil)", "səhifə 1, sətir 14", "Cəmi: 9 tədbir"],
        ["Tərəfdaş bölmə(lər) qeyddən götürüldü: Dekanlıqlar", "cədvəl 2, sətir 3", "Dekanlıqlarla birlikdə"],
        ["İcra müddəti Tezliklə nə il, nə də təkrarlanma göstərir; yazıldığı kimi saxlanıldı",
         "sətir 4, sütun İcra müddəti", "—"]]
    assert build_warnings.place("row 4, column vice_rector_2", "en") == "row 4, column Oversight (vice-rector)"


def test_summary_names_no_keys_and_speaks_each_language(site, originals) -> None:
    pv = importer.preview(originals["azmiu_2026.docx"])
    az, en = import_words.summary(pv, "az"), import_words.summary(pv, "en")
    assert az[:3] == ["azmiu_2026.docx: Plan cədvəli (PDF, Word, Excel və ya skan)",
                      "AZMIU 2026: 4 yeni, 0 dəyişən, 0 silinən, 0 dəyişməyən tədbir",
                      "  Yeni universitet əlavə olunacaq: AZMIU (Azərbaycan Memarlıq və İnşaat Universiteti)"]
    assert en[1] == "AZMIU 2026: 4 new, 0 changed, 0 removed, 0 unchanged actions"
    assert not [line for line in az + en for raw in RAW if raw in line]


def test_a_changed_plan_names_its_actions_by_number_and_title(site, originals, tmp_path) -> None:
    """Applied once, then the same plan with one title changed: the preview names that action, not its key."""
    from docx import Document

    assert importer.apply(originals["azmiu_2026.docx"], "Test Editor").applied
    doc = Document(str(originals["azmiu_2026.docx"]))
    cell = next(c for tb in doc.tables for r in tb.rows for c in r.cells
                if c.text == "Xarici tələbələr üçün hazırlıq kursu")
    cell.paragraphs[0].runs[0].text = "Xarici tələbələr üçün hazırlıq kursu (yeni)"
    changed = tmp_path / "azmiu_2026.docx"
    doc.save(str(changed))
    from analytics import db as data

    data.close()
    lines = import_words.summary(importer.preview(changed), "en")
    assert lines[1:4] == ["AZMIU 2026: 0 new, 1 changed, 0 removed, 3 unchanged actions", "  Changed actions:",
                          "    AZMIU 2.2 · [az] Xarici tələbələr üçün hazırlıq kursu"]  # as the database holds it
    assert not [line for line in lines for raw in RAW if raw in line]


@pytest.mark.parametrize("lang", ["az", "en"])
def test_data_page_preview_in_words(site, originals, monkeypatch, lang) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("screens/data.py").run()
    at.text_input[0].input("Tester")
    at.text_input[1].input("s3cret")
    next(b for b in at.button if b.label == t("ed.sign_in", lang)).click().run()
    at.file_uploader[0].set_value(("azmiu_2026.docx", originals["azmiu_2026.docx"].read_bytes(), DOCX)).run()
    assert not at.exception and not at.error
    assert not at.code  # the command line's English is not the page's preview
    [text] = [x.value for x in at.text]
    assert text.splitlines()[1] == t("im.pv.plan", lang, plan="AZMIU 2026", new=4, changed=0, removed=0, same=0)
    assert not [raw for raw in RAW if raw in text]
    heads = [t(f"col.{c}", lang) for c in ("message", "location", "candidates")]
    [notes] = [d.value for d in at.dataframe if list(d.value.columns) == heads]  # the build's own list is another
    partners = {"az": "Tərəfdaş bölmə(lər) qeyddən götürüldü: Dekanlıqlar",
                "en": "Partner unit(s) taken from the note: Dekanlıqlar"}[lang]  # a sentence: capital first
    assert partners in set(notes[t("col.message", lang)])
    assert not [c for c in notes.astype(str).values.ravel() for raw in RAW if raw in c]
    captions = [c.value for c in at.caption]
    assert ("Cədvəl 1: sütunlar" if lang == "az" else "Columns of table 1") in captions
    assert t("im.pv.warnings", lang, n=5) in captions


def test_explorer_puts_reasons_beside_titles_and_names_csv_columns(site, originals) -> None:
    from streamlit.testing.v1 import AppTest

    assert importer.apply(originals["gdu_2026.docx"], "Test Editor").applied  # one row keeps split_name
    from analytics import db as data

    data.close()
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = "en"
    at.query_params["uni"] = "GDU"
    at.run()
    at.switch_page("screens/explorer.py").run()
    assert not at.exception, [e.value for e in at.exception]
    grid = at.dataframe[0]
    assert list(grid.proto.column_order)[:4] == ["number", "title", "check", "source"]
    assert len(grid.value) == 9
    assert set(grid.value.columns) == set(LABELS)  # every column has its words: the CSV is named with them
    assert list(named(grid.value, "az").columns)[:3] == ["№", "Adı", "İcra müddəti"]


def test_who_changed_what_says_an_import_in_words_of_the_page() -> None:
    """The audit keeps an import's plans in English ('GDU 2026-2026: 9 new, …'); the Data page's list of changes
    said it so on Azerbaijani pages."""
    import json

    import access
    from ui import auth

    detail = json.dumps({"import_id": "20261203-113201-19b5c37b", "file": "gdu_2026_scan.png",
                         "plans": ["GDU 2026-2026: 9 new, 0 changed, 0 removed",
                                   "QKU 2021-2025: 1 new, 2 changed, 1 removed"]})
    assert auth._detail(access.IMPORT, detail, "az") == ("gdu_2026_scan.png · GDU 2026: 9 yeni, 0 dəyişən, 0 silinən "
                                                         "tədbir · QKU 2021-2025: 1 yeni, 2 dəyişən, 1 silinən tədbir")
    assert auth._detail(access.IMPORT, detail, "en").endswith("QKU 2021-2025: 1 new, 2 changed, 1 removed action")


def test_a_scan_without_a_table_is_refused_in_words_of_the_page() -> None:
    """Seen on the Data page: 'Fayl qəbul edilmədi; … no_table_scan.png: page 1 of 1 (scanned, read by OCR):
    expected a table of actions …' — English in an Azerbaijani sentence."""
    from parse.errors import LoadError
    from parse.ocr_tables import no_table_error

    exc = no_table_error("/tmp/upload-x/no_table_scan.png", 1, ["Gəncə Dövlət Universitetinin 2026-cı il üzrə PLANI"])
    az = import_words.refusal(exc, "no_table_scan.png", "as written", "az")
    assert az.startswith("no_table_scan.png: skan edilmiş səhifələrdə (1) tədbirlər cədvəli tapılmadı. OCR mətni "
                         "oxudu (birinci sətir: 'Gəncə Dövlət Universitetinin 2026-cı il üzrə PLANI')")
    assert "expected" not in az and "/tmp" not in az
    en = import_words.refusal(no_table_error("scan.pdf", 3, []), "scan.pdf", "as written", "en")
    assert en == "scan.pdf: OCR could read no text on the scanned pages (3). Upload a clearer scan."
    other = LoadError("plan.pdf", "page 2", "a table of actions", "a picture")
    assert import_words.refusal(other, "plan.pdf", "as written", "az") == "as written"  # another kind: as written
