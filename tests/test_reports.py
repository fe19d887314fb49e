"""Exports: the deck opened with python-pptx, the workbook with openpyxl, CSV injection, the CLI."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Inches

from analytics.filters import Filters
from reports import images
from reports.safe_csv import to_csv_bytes
from reports.workbook import write_frame

ROOT = Path(__file__).resolve().parent.parent
KTM = "Keyfiyyətin Təminatı Mərkəzi"
needs_browser = pytest.mark.skipif(not images.browser_available(), reason="needs Chromium for chart images")


@pytest.fixture()
def db_env(built_db, monkeypatch):
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    return built_db


@needs_browser
def test_deck_of_a_filtered_view(db_env):
    from reports.deck import build_deck

    data = build_deck(Filters(plan="QKU", units=(KTM,), lang="en"), ["workload", "oversight", "cbhe"])
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(prs.slides)
    titles = [" ".join(s.shapes[0].text_frame.text.split()) for s in slides]
    assert titles[0] == "Strategy plan dashboard"
    assert "Quality Assurance Centre" in slides[0].shapes[2].text_frame.text  # active filters on the title slide
    assert titles[1] == "Key figures"
    # workload: the unit leads 30 of the 30 filtered actions; computed, not written by hand
    # 18 pt chart text: the busiest units that fit one slide, the title counts the rest
    assert any(tt.startswith("Quality Assurance Centre leads the most actions: 30 of 30") for tt in titles)
    chart_slides = [s for s in slides[2:] if any(sh.shape_type == 13 for sh in s.shapes)]
    assert len(chart_slides) == 3 + 3  # workload 3, oversight 3 charts
    # the deck follows the filter: QKU takes part in no CBHE project, and the deck says so once
    assert titles.count("QKU — Western Caspian University takes part in no CBHE project") == 1
    assert not any("CBHE" in tt and "budget" in tt.lower() for tt in titles)
    for number, slide in enumerate(slides, start=1):
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert str(number) in texts  # slide number
        assert any(t.startswith(("Source:", "Database:")) for t in texts)  # source line
    assert any(s.shapes[-1].has_table or any(sh.has_table for sh in s.shapes) for s in slides)  # a table slide


def test_deck_without_a_browser_says_so(db_env, monkeypatch):
    import kaleido
    from choreographer.errors import ChromeNotFoundError

    from reports.deck import build_deck

    def no_browser(*args, **kwargs):
        raise ChromeNotFoundError("no chrome")

    monkeypatch.setattr(images, "_server_started", False)
    monkeypatch.setattr(kaleido, "start_sync_server", no_browser)
    with pytest.raises(images.ExportError, match="apt-get install -y chromium"):
        build_deck(Filters(), ["courses"])


def test_workbook_of_a_filtered_view(db_env, monkeypatch):
    from reports.workbook import build_workbook

    data = build_workbook(Filters(units=(KTM,)), ["workload", "cbhe"])
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Filtrlər" and wb.sheetnames[1] == "Tədbirlər"
    filters_text = " ".join(str(c.value) for row in wb["Filtrlər"].iter_rows() for c in row if c.value)
    assert KTM in filters_text and "Yaradılıb" in filters_text
    assert "Panelin ünvanının sonuna əlavə edin: ?unit=" in filters_text  # no public address configured
    monkeypatch.setenv("STRATEGY_PUBLIC_URL", "https://strategy.example.az/")
    linked = load_workbook(io.BytesIO(build_workbook(Filters(uni="QKU"), ["workload"])))["Filtrlər"]
    link = next(c for row in linked.iter_rows() for c in row if c.hyperlink)
    assert link.hyperlink.target == link.value == "https://strategy.example.az/?uni=QKU"
    actions = wb["Tədbirlər"]
    assert actions.max_row == 31  # header + the 30 actions the centre leads
    assert actions["A1"].font.bold and actions.freeze_panes == "A2" and actions.auto_filter.ref.startswith("A1:")
    header = [c.value for c in actions[1]]
    assert header[:4] == ["Universitet", "Məqsəd", "Hədəf", "№"]
    year_col = header.index("Başlanğıc ili") + 1
    assert actions.cell(2, year_col).number_format == "0"
    budget = wb["CBHE layihə büdcələri"]  # a sheet name said in full, not a chart title cut at 31 characters
    head = [c.value for c in budget[1]]
    col = head.index("Büdcə, EUR") + 1
    values = [budget.cell(r, col).value for r in range(2, budget.max_row + 1)]
    assert values.count(None) == 1  # REFRESH: missing, not 0
    assert budget.cell(2, col).number_format == '#,##0 "€"'


def test_formula_like_text_stays_text(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    df = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2", "@SUM(A1)", "plain"]})
    write_frame(wb.active, df)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    ws = load_workbook(path).active
    cells = [ws.cell(r, 1) for r in range(2, 7)]
    assert [c.value for c in cells] == list(df.title)
    assert all(c.data_type == "s" for c in cells)  # stored as text: nothing runs when opened


def test_csv_injection_is_neutralised():
    df = pd.DataFrame({"a": ["=cmd|' /C calc'!A0", "+SUM(1)", "-1+2", "@A1", "Təhsil"], "n": [1, 2, 3, 4, 5]})
    data = to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows ə
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1].startswith("'=cmd") and lines[2].startswith("'+SUM") and lines[3].startswith("'-1+2")
    assert lines[4].startswith("'@A1") and lines[5].startswith("Təhsil")


def run_cli(*args, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reports", *args, "--db", str(db)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_cli_rejects_unknown_values(built_db, tmp_path):
    proc = run_cli("workbook", "--out", str(tmp_path / "x.xlsx"), "--unit", "Nope", db=built_db)
    assert proc.returncode == 2
    assert "unknown --unit 'Nope'" in proc.stderr and KTM in proc.stderr
    proc = run_cli("deck", "--out", str(tmp_path / "x.pptx"), "--vice-rector", "dean", db=built_db)
    assert proc.returncode == 2 and "academic" in proc.stderr
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pptx").exists()


def test_cli_workbook(built_db, tmp_path):
    out = tmp_path / "pack.xlsx"
    proc = run_cli("workbook", "--out", str(out), "--plan", "NDU", "--lang", "en", db=built_db)
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["Filters", "Actions"] and wb["Actions"].max_row == 15


@needs_browser
def test_cli_deck(built_db, tmp_path):
    out = tmp_path / "pack.pptx"
    proc = run_cli("deck", "--out", str(out), "--page", "courses", db=built_db)
    assert proc.returncode == 0, proc.stderr
    titles = [s.shapes[0].text_frame.text for s in Presentation(out).slides]
    assert "Dövlət qulluğu: 60 saat — 30 mühazirə, 30 seminar" in titles
    assert "Ən böyük çəki: Aralıq qiymətləndirmə — 100 baldan 50" in titles


def test_workbook_prints_and_names_sheets_at_word_boundaries(db_env):
    import datetime as dt

    from reports.workbook import DANGLING, build_workbook

    wb = load_workbook(io.BytesIO(build_workbook(Filters(), ["workload", "cbhe", "courses"])))
    for ws in wb.worksheets:
        assert "  " not in ws.title and ws.title.count("(") == ws.title.count(")")
        assert ws.title.split(" ")[-1].lower() not in DANGLING  # not cut after 'və' or '×'
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.oddFooter.right.text == "&P / &N"
        assert ws.print_title_rows == "$1:$1"
    # every chart's sheet has a short name of its own (not a chart title cut at 31 characters)
    assert {"Kurs saatları", "Kursun qiymətləndirilməsi", "Azərbaycan təşkilatları", "Bölmə × il"} <= set(wb.sheetnames)
    years = [c.value for c in wb["Bölmə × il"][1]][1:]
    assert years[:2] == [2021, 2022] and all(isinstance(y, int) for y in years)  # year headers are numbers
    # Excel keeps dates as numbers: a project date is shown as a date, without a midnight time
    formats = [c.number_format for ws in wb.worksheets for row in ws.iter_rows(min_row=2) for c in row
               if isinstance(c.value, dt.datetime | dt.date)]
    assert formats and all(f == "yyyy-mm-dd" for f in formats)


def test_workbook_has_no_two_identical_sheets(db_env):
    from reports import PAGE_ORDER
    from reports.workbook import build_workbook

    wb = load_workbook(io.BytesIO(build_workbook(Filters(lang="en"), PAGE_ORDER)))
    contents = [tuple(tuple(r) for r in ws.iter_rows(values_only=True)) for ws in wb.worksheets]
    assert len(contents) == len(set(contents))
