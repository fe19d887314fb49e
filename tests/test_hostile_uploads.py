"""Hostile uploads (issue 28, items 1, 7 and 8): files of a few kilobytes built to exhaust the server are refused
within seconds, naming the file, by a separate parsing process; the server's memory stays where it was; an
upload is parsed once and leaves no copy behind; names such as '..' get a sentence, never a traceback.

The hostile files are made here, by the test. Each test prints what parsing cost (the parsing process's peak
memory and the wall time)."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest

from parse.errors import LoadError
from parse.reference import Reference
from plandb import importer, parse_job
from tests.conftest import RAW

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["№", "Tədbir", "İcra müddəti", "Məsul"]


# ------------------------------------------------------------------ the hostile files

def pdf_bomb(mb: int = 1536) -> bytes:
    """A minimal PDF whose one page's content stream inflates to `mb` MB of zeros: Flate over Flate, so the
    file stays a few KB (one Flate layer of zeros is at most ~1000:1)."""
    inner = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    layer = b"".join(inner.compress(chunk) for _ in range(mb)) + inner.flush()
    stream = zlib.compress(layer, 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
                 b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(stream) + stream
                 + b"\nendstream"])


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _cell(ref: str, value: str) -> str:
    text = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(r: int, values: list[str]) -> str:
    return f'<row r="{r}">' + "".join(_cell(f"{chr(65 + i)}{r}", v) for i, v in enumerate(values)) + "</row>"


def xlsx(rows: str, dimension: str = "A1:D2", merges: list[str] | None = None) -> bytes:
    """A minimal workbook, one sheet 'Plan', written by hand: rows as sheet XML, any declared dimension."""
    merged = (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
              + "</mergeCells>") if merges else ""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><dimension ref="{dimension}"/>'
            f"<sheetData>{rows}</sheetData>{merged}</worksheet>"),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def declared_dimension_bomb() -> bytes:
    """Declares A1:XFD150000; a header row and one real row, at 150,000."""
    return xlsx(_row(1, HEADER) + _row(150_000, ["1", "Tədbir", "2025", "Şöbə"]), "A1:XFD150000")


def merged_range_bomb() -> bytes:
    """A small table with one merged range A5:XFD1048576 (17 billion cells)."""
    rows = _row(1, HEADER) + "".join(_row(r, [str(r - 1), f"Tədbir {r}", "2025", "Şöbə"]) for r in range(2, 7))
    return xlsx(rows, "A1:D6", ["A5:XFD1048576"])


def huge_sheet(n: int = 25_000) -> bytes:
    """A legal sheet, just too long for a plan: a header and n rows."""
    rows = _row(1, HEADER) + "".join(_row(r, [str(r - 1), f"Tədbir nömrə {r * 7919 % 100003}", str(2000 + r % 30),
                                             f"Şöbə {r % 97}"]) for r in range(2, n + 2))
    return xlsx(rows, f"A1:D{n + 1}")


CASES = {  # file name -> (builder, what the refusal says)
    "bomb.pdf": (pdf_bomb, "compressed streams of at most"),
    "dimension.xlsx": (declared_dimension_bomb, "table rows in one document"),
    "merged.xlsx": (merged_range_bomb, None),  # refused for what the table lacks, in seconds, not a core for hours
    "huge.xlsx": (huge_sheet, "table rows in one document"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for name, (build, _said) in CASES.items():
        out[name] = folder / name
        out[name].write_bytes(build())
    return out


def rss_mb() -> float:
    """This process's resident memory now."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


# ------------------------------------------------------------------ the tests

@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_quickly_naming_the_file(name, hostile):
    path = hostile[name]
    ref = Reference.load()
    before = rss_mb()
    with pytest.raises(LoadError) as caught:
        parse_job.parse_upload(path, ref, memory=parse_job.Memory())
    cost = parse_job.last_cost()
    grew = rss_mb() - before
    message = importer.user_message(caught.value, name)
    print(f"\n{name}: {path.stat().st_size / 1024:.1f} KB refused in {cost.seconds:.1f} s, parsing process peak "
          f"{cost.peak_mb:.0f} MB, this process grew {grew:+.1f} MB: {message}")
    assert message.startswith(f"{name}: ") and str(path.parent) not in message
    said = CASES[name][1]
    if said:
        assert said in message
    # the parser itself stopped it (the process limits are the net below): not a kill after the time limit
    assert "could not be" not in message
    assert cost.seconds < parse_job.parse_seconds()
    assert grew < 50


def test_the_file_sizes_are_a_few_kilobytes(hostile):
    sizes = {name: path.stat().st_size for name, path in hostile.items()}
    print("\n" + ", ".join(f"{n}: {s / 1024:.1f} KB" for n, s in sizes.items()))
    assert sizes["bomb.pdf"] < 20_000 and sizes["dimension.xlsx"] < 5_000 and sizes["merged.xlsx"] < 5_000


def test_out_of_memory_or_time_becomes_a_refusal_naming_the_file(monkeypatch):
    """The net under every parser: a process over its memory or its time is stopped, and the person reads a
    refusal naming the file (here the limits are set so low that even a seed document cannot be read)."""
    ref = Reference.load()
    monkeypatch.setenv("STRATEGY_PARSE_MAX_MB", "64")
    with pytest.raises(LoadError) as caught:
        parse_job.parse_upload(RAW["qku"], ref, memory=parse_job.Memory())
    message = importer.user_message(caught.value, RAW["qku"].name)
    print(f"\n64 MB: {message} ({parse_job.last_cost().seconds:.1f} s)")
    assert message.startswith(f"{RAW['qku'].name}: whole file") and "64 MB of memory" in message
    assert "built to exhaust the server" in message and str(RAW["qku"].parent) not in message
    monkeypatch.setenv("STRATEGY_PARSE_MAX_MB", "1024")
    monkeypatch.setenv("STRATEGY_PARSE_SECONDS", "0.05")
    with pytest.raises(LoadError) as caught:
        parse_job.parse_upload(RAW["qku"], ref, memory=parse_job.Memory())
    cost = parse_job.last_cost()
    print(f"0.05 s: {caught.value} ({cost.seconds:.2f} s)")
    assert "within 0.05 s of computing and 1 GB of memory" in str(caught.value) and cost.seconds < 5


@pytest.mark.parametrize("key", list(RAW))
def test_seed_documents_read_the_same_in_the_parsing_process(key):
    from parse.documents import read_source
    from plandb.build import RAW_DIR, parse_sources, source_files

    ref = Reference.load()
    job = parse_job.parse_upload(RAW[key], ref, memory=parse_job.Memory())
    vocab = [p.read_text(encoding="utf-8") for p in source_files(RAW_DIR) if p.suffix == ".txt"]
    here = parse_sources([read_source(RAW[key])], ref, vocab)
    print(f"\n{key}: {job.seconds:.1f} s, parsing process peak {job.peak_mb:.0f} MB")
    assert job.source.sha256 == here.sources[0].sha256 and job.source.kind == here.sources[0].kind
    assert [p for _s, p in job.parsed.plans] == [p for _s, p in here.plans]
    assert [c for _s, c in job.parsed.compendia] == [c for _s, c in here.compendia]
    assert [s for _s, s in job.parsed.syllabi] == [s for _s, s in here.syllabi]
    assert job.parsed.warnings == here.warnings


@pytest.mark.parametrize("name", ["", ".", "..", "plan\x00.pdf", "../..", "/", "a\nb.pdf"])
def test_upload_names_that_cannot_be_file_names_get_a_sentence(name):
    with pytest.raises(LoadError) as caught:
        with parse_job.upload_copy(name, b"Q"):
            pass
    message = str(caught.value)
    assert message.startswith("upload: file name: expected ") and tempfile.gettempdir() not in message


def test_upload_copy_keeps_the_name_and_leaves_nothing_behind():
    with parse_job.upload_copy("../../etc/plan 2026.pdf", b"%PDF-") as path:
        assert path.name == "plan 2026.pdf" and path.read_bytes() == b"%PDF-"
        folder = path.parent
    assert not folder.exists()


def test_the_command_line_import_refuses_a_bomb(site, hostile):
    proc = subprocess.run([sys.executable, "-m", "plandb", "import", str(hostile["bomb.pdf"]), "--dry-run"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=os.environ)
    assert proc.returncode == 2 and "bomb.pdf" in proc.stderr and "compressed streams" in proc.stderr
    assert "Traceback" not in proc.stderr


# ------------------------------------------------------------------ the Data page

def data_page(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("screens/data.py").run()
    at.text_input[0].input("Tester")
    at.text_input[1].input("s3cret")
    next(b for b in at.button if b.label == "Daxil ol").click().run()
    assert not at.exception
    return at


def shown_errors(at) -> list[str]:
    """The page's error texts as a person reads them (the page escapes Markdown characters in file text)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def uploads_left() -> list[Path]:
    return sorted(Path(tempfile.gettempdir()).glob("upload-*")) + sorted(Path(tempfile.gettempdir()).glob("import-*"))


def test_data_page_refuses_a_bomb_once_and_keeps_no_copy(site, hostile, monkeypatch, tmp_path):
    private = tmp_path / "tmp"  # a temporary folder of this test's own: other tests' uploads come and go meanwhile
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    at = data_page(monkeypatch)
    before = uploads_left()
    assert before == []
    at.file_uploader[0].set_value(("bomb.pdf", hostile["bomb.pdf"].read_bytes(), "application/pdf")).run()
    assert not at.exception
    errors = shown_errors(at)
    assert any("bomb.pdf: object 4" in e and "compressed streams" in e for e in errors), errors
    assert not any(tempfile.gettempdir() in e for e in errors)
    first = parse_job.last_cost()
    at.run()  # a rerun shows the same refusal without parsing again
    assert parse_job.last_cost() is first and shown_errors(at) == errors
    assert uploads_left() == before  # no copy of the upload left in the temporary folder


@pytest.mark.parametrize("name", [".", "..", "plan\x00.pdf"])
def test_data_page_refuses_unusable_names_with_a_sentence(site, monkeypatch, name):
    at = data_page(monkeypatch)
    at.file_uploader[0].set_value((name, RAW["qku"].read_bytes(), "text/plain")).run()
    assert not at.exception
    errors = shown_errors(at)
    assert any(e.startswith("Fayl qəbul edilmədi; məlumat bazası dəyişməyib. (adı yararsız fayl): file name: ")
               for e in errors), errors
    assert not any(tempfile.gettempdir() in e for e in errors)


def test_data_page_previews_a_seed_document_once(site, monkeypatch):
    at = data_page(monkeypatch)
    at.file_uploader[0].set_value(("qku.txt", RAW["qku"].read_bytes(), "text/plain")).run()
    assert not at.exception and not at.error
    preview = [c.value for c in at.text]  # the preview in words of the page
    assert any(c.startswith("qku.txt: Strateji plan (mətn)\n") for c in preview), preview
    first = parse_job.last_cost()
    at.run()
    assert parse_job.last_cost() is first and [c.value for c in at.text] == preview


def test_refusals_name_files_without_their_folders():
    exc = LoadError("/tmp/upload-x1/plan.pdf", "import", "a document the database rules accept",
                    "/srv/strategy/data/imported/2026__other.xlsx: sheet 'plans', row 2 "
                    "(see https://x.org/a/b, 2021/2022)")
    assert importer.user_message(exc, "plan.pdf") == (
        "plan.pdf: import: expected a document the database rules accept, found \"2026__other.xlsx: sheet 'plans', "
        "row 2 (see https://x.org/a/b, 2021/2022)\"")
