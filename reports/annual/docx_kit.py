"""Word building blocks: A4 pages, built-in heading styles, page numbers, a table of contents, tables whose
header row repeats on every page. Every text from data goes in as a plain run (never a field or a formula)."""
from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TABLE_STYLE = "Light Grid Accent 1"
TABLE_SIZE = Pt(8.5)
FONT = "DejaVu Sans"  # carries ə ş ğ ı ö ü ç; LibreOffice and Word substitute a close font where it is missing


def _control_free(text: object) -> str:
    """Text as XML accepts it: control characters (other than tab and newline) dropped."""
    return "".join(ch for ch in str(text) if ch in "\t\n" or ord(ch) >= 32)


def new_document(lang: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.name = FONT
    lang_tag = "az-Latn-AZ" if lang == "az" else "en-GB"
    rpr = normal.element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), lang_tag)
    rpr.append(lang_el)
    _page_numbers(section)
    return doc


def _field(paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (page number, table of contents): layout only, never data."""
    def el(tag: str, **attrs: str):
        e = OxmlElement(tag)
        for k, v in attrs.items():
            e.set(qn(k), v)
        return e

    run = paragraph.add_run()
    run._r.append(el("w:fldChar", **{"w:fldCharType": "begin", "w:dirty": "true"}))
    run = paragraph.add_run()
    instr = el("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(el("w:fldChar", **{"w:fldCharType": "separate"}))
    paragraph.add_run(shown)
    run = paragraph.add_run()
    run._r.append(el("w:fldChar", **{"w:fldCharType": "end"}))


def _page_numbers(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(p, "PAGE")


def toc(doc: Document, parts: Sequence[str], note: str) -> None:
    """A table of contents field (Word fills it on opening) and the parts as text, which every reader shows."""
    p = doc.add_paragraph()
    _field(p, 'TOC \\o "1-2" \\h \\z \\u', note)
    for part in parts:
        _styled(doc, "ListNumber", part)


def _styled(doc: Document, style_id: str | None, text: str = ""):
    """A paragraph in a built-in style given by its id: looking a style up by name costs ~3 ms in python-docx,
    which for hundreds of paragraphs was most of a report's build time."""
    p = doc.add_paragraph()
    if style_id:
        p._p.style = style_id
    if text:
        p.add_run(_control_free(text))
    return p


def heading(doc: Document, text: str, level: int) -> None:
    _styled(doc, f"Heading{level}", text)


def para(doc: Document, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
         style: str | None = None) -> None:
    p = _styled(doc, style)
    run = p.add_run(_control_free(text))
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)


def note(doc: Document, text: str) -> None:
    """A sentence saying what is not there yet (instead of zeros)."""
    p = doc.add_paragraph()
    run = p.add_run(_control_free(text))
    run.italic = True
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def bullet(doc: Document, text: str) -> None:
    _styled(doc, "ListBullet", text)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def table(doc: Document, header: Sequence[str], rows: Sequence[Sequence[object]],
          widths: Sequence[float] | None = None) -> None:
    """A table in the report's table style; its header row repeats on every page it runs over."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = doc.styles[TABLE_STYLE]
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(_control_free(text))
        run.bold = True
        run.font.size = TABLE_SIZE
    _repeat_header(t.rows[0])
    for values in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(_control_free("" if value is None else value)).font.size = TABLE_SIZE
    t.autofit = False
    widths = widths or _default_widths(len(header))
    for col, w in zip(t.columns, widths, strict=True):
        col.width = Cm(w)  # the grid LibreOffice reads
    for cell, w in zip(t.rows[0].cells, widths, strict=True):
        cell.width = Cm(w)  # a fixed layout: Word takes the widths of the first row
    doc.add_paragraph()


TEXT_WIDTH = 17.0  # cm between the margins of an A4 page


def _default_widths(n: int) -> list[float]:
    """The first column (a name) wide, the others (figures) sharing the rest."""
    if n == 1:
        return [TEXT_WIDTH]
    first = min(5.5, TEXT_WIDTH / 2)
    return [first] + [(TEXT_WIDTH - first) / (n - 1)] * (n - 1)


def page_break(doc: Document) -> None:
    doc.add_page_break()
