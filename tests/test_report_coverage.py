"""The implementation report carries the coverage page's figures (issue 24, item 4): the same function makes
the annex and the page's chart, so their numbers cannot differ."""
from __future__ import annotations

import io

from docx import Document

from analytics import fmt
from analytics.filters import Filters
from analytics.pages import coverage
from reports.annual.report import build_report


def _texts(data: bytes) -> tuple[list[str], list[list[str]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return paragraphs, cells


def test_ndu_report_has_the_alignment_annex_with_the_page_figures(site) -> None:
    f = Filters(uni="NDU", lang="en")
    data, _ = build_report(f, year=2025)
    paragraphs, cells = _texts(data)
    assert "Alignment with the strategy: goals and years" in paragraphs
    spec = coverage.coverage_charts(f)[0]
    assert spec.headline in paragraphs  # the same sentence as the deck's coverage slide
    shown = fmt.cells(spec.rows, "en").astype(str).values.tolist()
    i = cells.index([str(c) for c in spec.rows.columns])  # the annex's table: header, then the page's rows
    assert cells[i + 1:i + 1 + len(shown)] == shown and len(shown) >= 3


def test_a_plan_without_references_says_so(site) -> None:
    data, _ = build_report(Filters(uni="QKU", lang="en"), year=2025)
    paragraphs, _ = _texts(data)
    i = paragraphs.index("Alignment with the strategy: goals and years")
    assert paragraphs[i + 1] == "The plans in view give no references to a strategic plan."
