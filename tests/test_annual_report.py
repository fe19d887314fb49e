"""The implementation report, the close-out and the carry-over on the real seed plans: statuses and round updates
recorded through the write door, the .docx read back with python-docx, its figures compared with the
dashboard's (the Progress page's queries and views), the carry-over imported back through the real importer."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document

import access
from analytics import views
from analytics.filters import Filters
from analytics.i18n import t
from analytics.implementation import PeriodError, report_filters, status_actions
from analytics.pages import progress as progress_core
from reports.annual.report import build_report

TODAY = "2026-12-03"
QKU = "QKU:2021-2025:"
NDU_TARGETED = "NDU:2025:1/3-3.1"   # "İl ərzində 3 ..." : 3 a year, the NDU plan's one numeric target
NDU_OTHER = "NDU:2025:1/1-1-5"
HOSTILE = "=SUM(A1) <b>yox</b> {PAGE}"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture()
def today(monkeypatch):
    monkeypatch.setenv("STRATEGY_TODAY", TODAY)


@pytest.fixture()
def qku_statuses(site, today):
    office = access.User("QKU office", "office@qku.edu.az", "university_editor", "QKU")
    access.record_status(office, [
        {"action_key": QKU + "1.1.1", "status": "done", "as_of": "2025-06-30", "comment": "Sillabuslar yeniləndi",
         "evidence_url": "https://qku.edu.az/sillabus"},
        {"action_key": QKU + "1.1.3", "status": "at_risk", "as_of": "2025-10-01", "comment": HOSTILE},
        {"action_key": QKU + "2.1.1", "status": "in_progress", "as_of": "2025-11-01"},
        {"action_key": QKU + "1.2.1", "status": "not_started", "as_of": "2024-03-01", "comment": "Büdcə ayrılmayıb"},
    ])
    return office


@pytest.fixture()
def ndu_round(site, today):
    office = access.User("Office", "office@ndu.edu.az", "university_editor", "NDU")
    unit = access.User("Unit", "bes@ndu.edu.az", "unit_editor", "NDU", "Beynəlxalq Əlaqələr Şöbəsi")
    rid = access.open_round(office, "NDU", "2025, il", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                            dt.date(2026, 1, 15))
    day = dt.date(2026, 1, 10)
    access.record_update(unit, rid, NDU_TARGETED, status="in_progress", actual_value=2, comment="2 sərgidə iştirak",
                         link="https://ndu.edu.az/xeber/1", day=day)
    access.record_update(unit, rid, NDU_OTHER, status="done", progress_pct=100, comment="42 tələbə",
                         file_name="iştirakçılar.pdf", file_data=PDF, day=day)
    return rid


def _read(data: bytes) -> Document:
    return Document(io.BytesIO(data))


def _texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _headings(doc: Document, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def _table_after(doc: Document, heading: str):
    """The first table after the heading with this text."""
    paragraphs, tables = doc.paragraphs, doc.tables  # proxies kept alive: lxml hands back the same objects
    texts = {id(p._p): p.text for p in paragraphs if p.style.name.startswith("Heading")}
    by_el = {id(tb._tbl): tb for tb in tables}
    seen = False
    for el in doc.element.body.iterchildren():
        if texts.get(id(el)) == heading:
            seen = True
        elif seen and id(el) in by_el:
            return by_el[id(el)]
    raise AssertionError(f"no table after {heading!r}")


def _rows(table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in table.rows]


def _by_state(doc: Document, lang: str) -> dict[str, str]:
    """The summary's actions-by-state table (one row: total, then each state) as {column: figure}."""
    header, row = _rows(_table_after(doc, t("ar.by_state", lang)))
    return dict(zip(header, row, strict=True))


# ------------------------------------------------------------------ close-out of QKU 2021-2025
@pytest.mark.parametrize("lang", ["az", "en"])
def test_qku_closeout_reads_back_with_the_dashboards_figures(qku_statuses, lang) -> None:
    f = Filters(uni="QKU", lang=lang)
    data, d = build_report(f)
    assert d.period.closeout and d.period.label() == "2021–2025"  # the plan ended in 2025: a close-out
    doc = _read(data)
    text = "\n".join(_texts(doc))
    assert t("ar.title.plan_closeout", lang) in [p.text for p in doc.paragraphs if p.style.name == "Title"]
    h1 = _headings(doc, 1)
    for key in ("ar.summary", "ar.part_a", "ar.part_b", "ar.close.part", "ar.annexes"):
        assert t(key, lang) in h1
    # every part is listed as text under the contents (LibreOffice and PDF show it without updating fields)
    listed = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert t("ar.summary", lang) in listed and t("ar.annex.deadlines", lang) in listed

    # the dashboard's numbers for the same filters: the Progress page's frame and its charts' rows
    rf = report_filters(f, d.period)
    acts = status_actions(rf, dt.date.fromisoformat(TODAY))
    assert d.total == len(acts) == 158
    assert d.count("done") == int((acts.status == "done").sum()) == 1
    assert d.count("at_risk") == int((acts.status == "at_risk").sum()) == 1
    assert d.ended_unrecorded == int(acts.ended_unrecorded.sum()) if "ended_unrecorded" in acts else True
    sentence = t("ar.lead.done", lang, n="158", done="1", ended=str(d.ended_unrecorded))
    assert sentence in text
    progress = {s.key: s.rows for s in views.built(progress_core.progress(rf))}
    goal_rows = progress["status-by-goal"]
    assert int(goal_rows[t("st.done", lang)].sum()) == int(d.by_goal["done"].sum()) == 1
    assert int(goal_rows[t("c.actions", lang)].sum()) == int(d.by_goal[["done", "on_track", "behind", "at_risk",
                                                                          "not_assessed"]].sum().sum()) == 158
    vr_rows = progress["status-by-vr"]
    assert int(vr_rows[t("c.actions", lang)].sum()) == len(d.acts.explode("vice_rectors"))
    assert int(vr_rows[t("st.at_risk", lang)].sum()) == int(d.by_vr["at_risk"].sum())

    # summary table: per state, the same counts
    by_state = _by_state(doc, lang)
    assert by_state[t("state.done", lang)] == "1" and by_state[t("state.at_risk", lang)] == "1"
    assert by_state[t("state.behind", lang)] == "1" and by_state[t("state.on_track", lang)] == "1"
    assert by_state[t("state.not_assessed", lang)] == "154" and by_state[t("ar.total", lang)] == "158"
    # close-out: share done per goal equals the Progress page's table, every action not done is listed
    goals = _rows(_table_after(doc, t("ar.close.goal", lang)))
    assert [r[1] for r in goals[1:]] == [str(int(x)) for x in d.progress_goal.actions]
    not_done = _rows(_table_after(doc, t("ar.close.not_done", lang, n="157")))
    assert len(not_done) == 1 + 157
    row = next(r for r in not_done if r[0] == "QKU 1.1.3")
    assert row[2] == t("st.at_risk", lang) and row[4] == HOSTILE  # the unit's text as written
    assert not any(r[0] == "QKU 1.1.1" for r in not_done)
    # Part B: done in the period with the unit's comment, late with why, evidence links
    assert t("ar.comment", lang, comment="Sillabuslar yeniləndi") in text
    assert t("ar.comment", lang, comment="Büdcə ayrılmayıb") in text  # 1.2.1 ended in 2023, not started: late
    assert "QKU 1.1.1: https://qku.edu.az/sillabus" in text
    assert t("ar.ind.none", lang) in text  # the QKU plan gives no indicators: said in words


def test_the_docx_is_a4_with_page_numbers_repeated_headers_and_no_field_from_data(qku_statuses) -> None:
    data, _ = build_report(Filters(uni="QKU", lang="az"))
    doc = _read(data)
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer._element.xml
    assert "PAGE" in footer
    body = doc.element.body.xml
    assert body.count("<w:tblHeader") == len(doc.tables) > 5  # every table repeats its header row
    instructions = [el.text.strip() for el in doc.element.body.iter() if el.tag.endswith("}instrText")]
    assert instructions and all(i.startswith("TOC ") for i in instructions)  # only the contents field
    assert all(not tb.style.name.startswith("Normal") for tb in doc.tables)
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title"} <= styles


def test_without_any_status_the_report_says_so_instead_of_zeros(site, today) -> None:
    data, d = build_report(Filters(uni="QKU", lang="en"))
    doc = _read(data)
    text = "\n".join(_texts(doc))
    assert t("ar.sentence.none", "en", n="158", ended=str(d.ended_unrecorded)) in text
    assert t("ar.no_status", "en") in text and t("ar.close.unrecorded", "en") in text
    goal_table = _rows(_table_after(doc, t("ar.by_goal", "en")))
    assert goal_table[0] == [t("c.goal", "en"), t("c.actions", "en")]  # no columns of zeros
    assert t("ar.by_state", "en") not in _headings(doc, 2)


def test_a_calendar_year_is_not_a_closeout_and_a_year_outside_the_plans_is_refused(site, today) -> None:
    _, d = build_report(Filters(uni="QKU", lang="en"), year=2024)
    assert not d.period.closeout and d.period.label() == "2024"
    assert d.total == len(status_actions(report_filters(Filters(uni="QKU", lang="en"), d.period),
                                         dt.date.fromisoformat(TODAY)))
    with pytest.raises(PeriodError, match="outside"):
        build_report(Filters(uni="QKU"), year=2030)


# ------------------------------------------------------------------ a university with a reporting round
@pytest.mark.parametrize("lang", ["az", "en"])
def test_ndu_with_a_round_reports_indicators_evidence_and_done(ndu_round, lang) -> None:
    data, d = build_report(Filters(uni="NDU", lang=lang), year=2025)
    assert d.period.round is not None and d.period.round.round_id == ndu_round
    doc = _read(data)
    text = "\n".join(_texts(doc))
    ind = _rows(_table_after(doc, t("ar.part_a", lang)))
    assert ind[0][:3] == [t("c.number", lang), t("ar.c.indicator", lang), t("ar.c.baseline", lang)]
    row = next(r for r in ind if r[0] == "NDU 3 / 1-3.1" or r[0].endswith("3.1"))
    assert row[3:6] == ["3", "2", t("state.at_risk", lang)]  # 2 of 3 expected by 31 December: at risk
    # the same computed state the Reporting rounds page shows
    from analytics import reporting

    page = reporting.round_actions(d.period.round, lang).set_index("action_key")
    assert page.at[NDU_TARGETED, "computed_state"] == "at_risk"
    assert t("ar.comment", lang, comment="42 tələbə") in text  # done in the round of the period
    assert "iştirakçılar.pdf" in text and "https://ndu.edu.az/xeber/1" in text
    by_state = _by_state(doc, lang)
    assert by_state[t("state.done", lang)] == "1" and by_state[t("state.on_track", lang)] == "1"
    assert by_state[t("ar.total", lang)] == "14"


# ------------------------------------------------------------------ command line and PDF
def test_cli_writes_docx_and_pdf(qku_statuses, tmp_path, capsys) -> None:
    from reports.__main__ import main

    out = tmp_path / "qku.docx"
    has_soffice = shutil.which("soffice") is not None
    rc = main(["annual", "--uni", "QKU", "--lang", "az", "--out", str(out), *(["--pdf"] if has_soffice else [])])
    assert rc == 0 and out.exists()
    assert "close-out" in capsys.readouterr().out
    if has_soffice:
        pdf = out.with_suffix(".pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
            assert "Qərbi Kaspi Universiteti" in text and "Məqsəd" in text and "yeniləndi" in text
    assert main(["annual", "--uni", "QKU", "--year", "2031", "--out", str(tmp_path / "x.docx")]) == 2
    assert main(["annual", "--out", str(tmp_path / "y.docx")]) == 2  # no university or plan chosen


# ------------------------------------------------------------------ carry-over into the next plan
def test_carryover_template_imports_back_through_the_real_importer(qku_statuses, tmp_path) -> None:
    from plandb import importer
    from reports.__main__ import main

    out = tmp_path / "next.xlsx"
    assert main(["carryover", "--uni", "QKU", "--lang", "en", "--out", str(out)]) == 0
    res = importer.apply(out, "test")
    assert res.applied
    [plan] = res.preview.plans
    assert len(plan.new) == 157 and not plan.removed  # every action but the one done
    from analytics import db

    con = db.connection()  # the product's reader: it reopens the file the import swapped in
    doc = con.execute("SELECT document_id, period_start, period_end FROM documents "
                      "WHERE institution = 'QKU' AND period_start = 2026").fetchall()
    assert doc == [("qku_plan_2026_2030_draft", 2026, 2030)]
    rows = dict(con.execute("SELECT action_key, notes FROM actions WHERE document_id = ?", [doc[0][0]]).fetchall())
    old = con.execute("SELECT count(*) FROM actions WHERE document_id = 'qku_strategic_plan_2021_2025'").fetchone()
    assert old == (158,)  # the ended plan stays as it was
    assert len(rows) == 157 and "QKU:2026-2030:1.1.1" not in rows
    assert rows["QKU:2026-2030:1.1.3"].startswith("carried over from QKU 2021-2025 1.1.3")
    assert all(n.startswith("carried over from QKU 2021-2025 ") for n in rows.values())


def test_carryover_of_a_plan_still_running_is_refused(site, monkeypatch, tmp_path, capsys) -> None:
    from reports.__main__ import main

    monkeypatch.setenv("STRATEGY_TODAY", "2025-06-01")
    assert main(["carryover", "--uni", "QKU", "--out", str(tmp_path / "n.xlsx")]) == 2
    assert "only an ended plan" in capsys.readouterr().err
