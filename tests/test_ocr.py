"""Scanned plans read by OCR (parse.ocr_tables): the GDU plan of scripts/make_new_originals.py printed as a ruled
table, rendered at 200 dpi, turned 0.8° and noised (scripts/make_scans.py), read back and scored against its
truth field by field. Titles count as read when rapidfuzz's ratio to the truth is at least 90 (exact matches are
printed too); deadlines are compared with dashes made one ('–' and '-' look alike on a scan). Run with -s to see
the numbers."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from parse import generic_plan, ocr_tables
from parse.errors import LoadError
from parse.records import Plan
from scripts import harness
from tests.test_originals_more import _f1

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")]
AZ_LETTERS = set("əşğıöüçƏŞĞİÖÜÇ")


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict:
    if harness.chromium_path() is None:
        pytest.skip(harness.NO_CHROMIUM + " (the scanned original is printed by Chromium)")
    from scripts.make_scans import make_scans

    return make_scans(tmp_path_factory.mktemp("scans"))


@pytest.fixture(scope="module")
def readings(scans, ref) -> dict[str, Plan]:
    return {name: generic_plan.parse(path.read_bytes(), name, ref)[0] for name, (_o, path) in scans.items()
            if name.startswith("gdu")}


def dash(text: str | None) -> str | None:
    return text.replace("–", "-").replace("—", "-") if text else text


def score(o, plan: Plan) -> dict[str, float]:
    matched = []
    for t in o.actions:
        best = max(plan.actions, key=lambda a: fuzz.ratio(a.title, t.title))
        matched.append((t, best if fuzz.ratio(best.title, t.title) >= 80 else None))
    n = len(o.actions)

    def pct(ok) -> float:
        return round(100.0 * sum(b is not None and ok(t, b) for t, b in matched) / n, 1)

    return {"titles ratio>=90": pct(lambda t, b: fuzz.ratio(" ".join(b.title.split()), t.title) >= 90),
            "titles exact": pct(lambda t, b: " ".join(b.title.split()) == t.title),
            "deadlines (dashes one)": pct(lambda t, b: dash(b.deadline.raw) == dash(t.deadline)),
            "deadlines exact": pct(lambda t, b: b.deadline.raw == t.deadline),
            "years": pct(lambda t, b: (b.deadline.start_year, b.deadline.end_year) == (t.start, t.end)),
            "lead F1": round(_f1([(t.lead, b.lead_units if b else []) for t, b in matched]), 3),
            "partner F1": round(_f1([(t.partners, b.partner_units if b else []) for t, b in matched]), 3),
            "actions read": len(plan.actions)}


@pytest.mark.parametrize("name", ["gdu_2026_scan.pdf", "gdu_2026_scan.png"])
def test_scan_reaches_its_targets(name, scans, readings):
    o, _path = scans[name]
    plan = readings[name]
    s = score(o, plan)
    print(f"\n{name}: {s}")
    assert (plan.institution, plan.institution_name, plan.period_start, plan.period_end) == \
        (o.institution, o.institution_name, *o.period)
    assert plan.goals == o.goals  # sections numbered I., II., III. over the whole row
    assert s["actions read"] == len(o.actions)
    assert s["titles ratio>=90"] >= 90 and s["deadlines (dashes one)"] >= 85 and s["years"] >= 95
    assert s["lead F1"] >= 0.8 and s["partner F1"] >= 0.8


def test_azerbaijani_letters_come_through(scans, readings):
    o, _path = scans["gdu_2026_scan.pdf"]
    truth = {ch for a in o.actions for ch in a.title + a.responsible + a.note if ch in AZ_LETTERS}
    read = {ch for a in readings["gdu_2026_scan.pdf"].actions
            for ch in a.title + (a.responsible_raw or "") + (a.note_raw or "") if ch in AZ_LETTERS}
    assert set("əşğıöüç") <= truth  # the plan's cells use every one of them
    assert read == truth


def test_every_table_is_marked_ocr_and_the_plan_says_so(scans):
    _o, path = scans["gdu_2026_scan.pdf"]
    tables = generic_plan.read_tables(path.read_bytes(), path.name)
    assert tables and all(t.method == "ocr" and t.where == "page 1" for t in tables)
    assert tables[0].before[0].startswith("Gəncə Dövlət Universitetinin 2026-cı il")


def test_plan_warnings_say_it_was_read_by_ocr(readings):
    messages = [w.message for w in readings["gdu_2026_scan.pdf"].warnings]
    assert messages[0] == generic_plan.OCR_READ


def test_scan_without_a_table_names_file_page_and_what_was_expected(scans, ref):
    _o, path = scans["no_table_scan.png"]
    with pytest.raises(LoadError) as err:
        generic_plan.parse(path.read_bytes(), path.name, ref)
    e = err.value
    assert (e.file, e.where, e.expected) == ("no_table_scan.png", "page 1 of 1 (scanned, read by OCR)",
                                             ocr_tables.SCAN_EXPECTED)
    assert "Gəncə Dövlət Universitetinin" in e.found


def test_upload_sandbox_reads_a_scan_and_returns_its_page_picture(scans, ref):
    """The separate, limited parsing process reads the scan (each OCR page gives it more time on the clock) and
    hands back the page as a small JPEG beside the rows read from it."""
    from plandb import parse_job

    _o, path = scans["gdu_2026_scan.pdf"]
    job = parse_job.parse_upload(path, ref, memory=parse_job.Memory())
    assert len(job.parsed.plans[0][1].actions) == 9
    (page,) = job.scans
    assert page.page == 1 and page.png[:3] == b"\xff\xd8\xff" and len(page.png) < 300_000
    assert any("Tədris planlarının yenilənməsi" in (c or "") for row in page.rows for c in row)


def test_every_action_read_by_ocr_says_so_and_where(readings):
    """Provenance (parse.provenance): an action read from a scan is marked 'ocr' to check, with its page and row."""
    for name, plan in readings.items():
        assert plan.actions
        for a in plan.actions:
            assert "ocr" in a.uncertain, (name, a.title)
            assert a.source.method == "ocr" and a.source.file == name and a.source.page == 1 and a.source.row, name


def test_data_page_shows_a_landscape_scan_readable_over_all_its_rows(scans, site, monkeypatch):
    """Seen at 1400 px: beside its rows the landscape page was 430 px wide (its letters unreadable) and the rows'
    table scrolled, hiding the coloured cell. The page now spans the width over a table tall enough for every row,
    and the preview speaks the page's language."""
    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t
    from ui import scan_check

    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=300)
    at.run()
    at.switch_page("screens/data.py").run()
    at.text_input[0].input("Tester")
    at.text_input[1].input("s3cret")
    next(b for b in at.button if b.label == "Daxil ol").click().run()
    _o, path = scans["gdu_2026_scan.png"]
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "image/png")).run()
    assert not at.exception and not at.error
    (image,) = at.get("image")
    assert not [c for c in at.columns if c.get("image")]  # not squeezed into a half-width column
    rows = next(d.value for d in at.dataframe if list(d.value.columns) == ["1", "2", "3", "4", "5"])
    assert len(rows) == 14 and scan_check.table_height(len(rows)) == 35 * 15 + 3  # 14 rows shown without scrolling
    [text] = [x.value for x in at.text]
    assert text.splitlines()[:2] == ["gdu_2026_scan.png: Plan cədvəli (PDF, Word, Excel və ya skan)",
                                     "GDU 2026: 9 yeni, 0 dəyişən, 0 silinən, 0 dəyişməyən tədbir"]
    heads = [t(f"col.{c}", "az") for c in ("message", "location", "candidates")]
    notes = next(d.value for d in at.dataframe if list(d.value.columns) == heads)
    assert t("bw.ocr", "az") in set(notes[t("col.message", "az")])
    assert t("bw.totals", "az") in set(notes[t("col.message", "az")])
    check = next(d.value for d in at.dataframe if t("col.check_reason", "az") in d.value.columns)
    assert check[t("col.source", "az")].iloc[0] == "gdu_2026_scan.png, səhifə 1, sətir 3"  # the reason says OCR
    _o, bad = scans["no_table_scan.png"]  # refused in the page's words, not the reader's English
    at.file_uploader[0].set_value((bad.name, bad.read_bytes(), "image/png")).run()
    assert not at.exception
    [error] = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # as read: without Markdown's escapes
    assert error.startswith(t("im.error", "az", error="no_table_scan.png: skan edilmiş səhifələrdə (1) tədbirlər "
                                                     "cədvəli tapılmadı.")[:-1]), error
    assert "expected" not in error and "scanned, read by OCR" not in error


def test_page_picture_without_margins_and_its_shape():
    """A portrait page whose table fills its top half: trimmed of its blank margins (a few specks are no ink) it is
    wider than tall, so it spans the page over its rows; a page full of rows stays beside them."""
    import io

    import numpy as np
    from PIL import Image

    from ui import scan_check

    def jpeg(image):
        buf = io.BytesIO()
        image.save(buf, "JPEG")
        return buf.getvalue()

    page = np.full((1170, 827), 240, dtype=np.uint8)
    page[100:560, 60:770] = 30  # the table
    page[[900, 1000], [400, 200]] = 0  # specks
    trimmed = Image.open(io.BytesIO(scan_check.trimmed(jpeg(Image.fromarray(page)))))
    pad = round(scan_check.BORDER * 1170)
    assert abs(trimmed.width - (710 + 2 * pad)) <= 2 and abs(trimmed.height - (460 + 2 * pad)) <= 2
    assert not scan_check.tall(scan_check.trimmed(jpeg(Image.fromarray(page))))
    page[100:1100, 60:770] = 30  # rows down the whole page
    assert scan_check.tall(scan_check.trimmed(jpeg(Image.fromarray(page))))
    assert scan_check.trimmed(b"not a picture") == b"not a picture" and scan_check.tall(b"not a picture")
    blank = jpeg(Image.new("L", (827, 1170), 255))
    assert scan_check.trimmed(blank) == blank
    assert scan_check.table_height(100) == scan_check.MAX_HEIGHT
