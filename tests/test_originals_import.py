"""Importing originals (PDF, Word, Excel in their own layouts): the preview shows each column's role,
an editor's change of a role is applied, and the choice is remembered for the file and its university."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parse.errors import LoadError
from plandb import importer
from state import column_mappings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def originals(made_originals) -> dict[str, Path]:
    """The originals written once per run (tests/conftest.py), with their PDFs."""
    from reports import images

    if not images.browser_available() or "qku.pdf" not in made_originals:
        pytest.skip("needs Chromium to print the PDF originals")
    return made_originals


def vice_rectors(db: Path) -> int:
    from analytics import db as data

    data.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM action_oversight o JOIN actions a USING (action_key) "
                           "WHERE a.institution = 'QKU'").fetchone()[0]
    finally:
        con.close()


def test_preview_shows_roles_and_an_editor_can_change_them(site, originals):
    pv = importer.preview(originals["qku.pdf"])
    assert pv.kind == "generic_plan" and not pv.has_changes  # the PDF reads exactly as the bundled text
    [(where, cols)] = pv.columns
    assert where == "page 1"
    roles = {c.header: c.role for c in cols}
    assert roles == {"№": "number", "İcra müddəti": "deadline", "Görülən işin məzmunu": "title",
                     "Məsul struktur bölməsi": "lead", "Qeyd": "oversight"}
    assert next(c for c in cols if c.role == "deadline").example == "Müntəzəm"
    changed = {**pv.roles, next(c.key for c in cols if c.header == "Qeyd"): "ignore"}
    before = vice_rectors(site / "s.duckdb")
    result = importer.apply(originals["qku.pdf"], "Test Editor", roles=changed)
    assert result.preview.plans[0].changed  # the preview applied: without the note column the vice-rectors are gone
    assert result.applied and vice_rectors(site / "s.duckdb") < before
    # remembered for this file (every rebuild reads it the same way) and for its university
    assert column_mappings.for_file(pv.sha256) == changed
    assert column_mappings.for_university("QKU") == changed
    importer.rebuild()
    assert vice_rectors(site / "s.duckdb") < before
    # the university's next document with the same headers is read with the remembered roles
    pv3 = importer.preview(originals["qku_40_pages.pdf"])
    assert next(c for _w, cs in pv3.columns for c in cs if c.header == "Qeyd").role == "ignore"


@pytest.mark.parametrize("name, expected", [
    ("no_table.pdf", "table"),
    ("no_tables.docx", "table"),
    ("no_header.xlsx", "header"),
])
def test_bad_originals_are_refused_naming_file_and_place(site, originals, name, expected):
    before = (site / "s.duckdb").read_bytes()
    with pytest.raises(LoadError) as err:
        importer.apply(originals[name], "Test Editor")
    assert expected in str(err.value) and name in str(err.value)
    assert (site / "s.duckdb").read_bytes() == before


def test_error_messages_name_the_upload_not_a_server_path(site, tmp_path):
    upload = tmp_path / "import-abc123" / "plan.pdf"
    upload.parent.mkdir()
    upload.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(LoadError) as err:
        importer.preview(upload)
    text = importer.user_message(err.value, "Strateji plan.pdf")
    assert "Strateji plan.pdf" in text and str(tmp_path) not in text and "import-abc123" not in text
