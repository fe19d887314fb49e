"""Raw tables out of PDF, Word and Excel plans, in one shape, with the text around them.

Every reader returns RawTable rows of cell texts: None marks a grid cell covered by a merged cell (its text
appears once, in the merge's first cell), "" an empty cell. `before` holds the text between the previous table
and this one (Word paragraphs, PDF lines above the table, Excel rows above the header), where plan titles and
goal/target headings cut from a table by a page break are found.

PDF: pdfplumber, ruled tables by their lines; pages without ruling lines are read from the words' positions
under a header row (pdfplumber's own text strategy splits words inside wide cells). Word: python-docx, merged
cells found by repeated `_tc` elements, header rows repeated inside a table dropped. Excel: openpyxl read-only
with cached values (no formula is evaluated), merged ranges read from the sheet XML.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import statistics
from dataclasses import dataclass, field

from parse.errors import LoadError
from parse.safe_zip import check_zip, open_workbook
from paths import max_document_rows

MAX_PAGES = 400
MAX_ROWS = 200_000
MAX_STREAM_MB = 100  # a PDF stream inflating to more is refused before pdfminer inflates it (without a cap)
MAX_COLUMNS = 256  # a plan table has tens of columns; a cell at column XFD must not pad every row to 16,384
HEADER_SCAN_ROWS = 50
LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
NO_TEXT = "pages with neither text nor a picture to read by OCR (an empty or damaged PDF)"
Carried = tuple[list[str], list[float]]  # an unruled table's header and column starts, carried to the next page
TABLE_EXPECTED = "a table of actions (ruled, or under a header row such as № | Tədbir | İcra müddəti | Məsul)"


@dataclass
class RawTable:
    """One table as read: rows of cell texts (None: covered by a merged cell), the text before it."""
    source: str
    where: str  # "page 3", "table 2", "sheet 'Plan'"
    rows: list[list[str | None]]
    first_row_ref: int = 1  # the number the source gives rows[0]: its row in the table, or on the sheet
    before: list[str] = field(default_factory=list)
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # covered cell -> merge origin
    method: str = ""  # lines | words | docx | xlsx | ocr (parse.ocr_tables: a scanned page, to be checked)
    row_numbers: list[int] = field(default_factory=list)  # the source's number of each row, where rows were dropped
    confidence: dict[tuple[int, int], float] = field(default_factory=dict)  # OCR: cells read with low confidence

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int, follow_merge: bool = False) -> str | None:
        if follow_merge:
            r, c = self.merged.get((r, c), (r, c))
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return row[c] if c < len(row) else None

    def drop_top(self, n: int) -> list[list[str | None]]:
        """Take the first n rows off (title rows above the header) and return them."""
        top, self.rows = self.rows[:n], self.rows[n:]
        self.merged = {(r - n, c): (r0 - n, c0) for (r, c), (r0, c0) in self.merged.items() if r >= n and r0 >= n}
        self.confidence = {(r - n, c): v for (r, c), v in self.confidence.items() if r >= n}
        self.row_numbers = self.row_numbers[n:] if self.row_numbers else \
            [self.first_row_ref + n + i for i in range(len(self.rows))]
        return top

    def row_where(self, i: int) -> str:
        number = self.row_numbers[i] if i < len(self.row_numbers) else self.first_row_ref + i
        return f"{self.where}, row {number}"


def join_lines(text: str | None) -> str | None:
    """Lines of a wrapped cell joined with a space; a word hyphenated at the line end is joined without."""
    if text is None:
        return None
    out = ""
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if out and re.search(r"\w-$", out) and line[:1].isalnum():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def _drop_repeated_headers(rows: list[list[str | None]]) -> list[int]:
    """Indices of rows to keep: a later copy of the first row (a header repeated on each page) is dropped."""
    head = rows[0] if rows else []
    keep = []
    for i, row in enumerate(rows):
        same = [(a, b) for a, b in zip(row, head, strict=False) if a is not None and b]
        if i and len(same) >= 2 and all(a == b for a, b in same):
            continue
        if any(c for c in row):
            keep.append(i)
    return keep


def _reindex(rows, merged, keep: list[int]) -> tuple[list[list[str | None]], dict]:
    new = {old: n for n, old in enumerate(keep)}
    out = {(new[r], c): (new[r0], c0) for (r, c), (r0, c0) in merged.items() if r in new and r0 in new}
    return [rows[i] for i in keep], out


class _Budget:
    """The table rows one document may still hold (paths.max_document_rows), taken as tables are read so
    that a huge document is refused early rather than read whole."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.limit = max_document_rows()
        self.used = 0

    def take(self, n: int, where: str) -> None:
        self.used += n
        if self.used > self.limit:
            raise LoadError(self.file, where, f"at most {self.limit} table rows in one document",
                            f"more than {self.limit} rows (a plan has hundreds; split the document)")


# ---------------------------------------------------------------- PDF

def _open_pdf(data: bytes, file: str):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except Exception as exc:  # pdfplumber wraps pdfminer's errors
        inner = exc.args[0] if exc.args else exc
        name = f"{type(exc).__name__} {type(inner).__name__} {inner}"
        if "Password" in name or "Encrypt" in name or "encrypt" in name:
            raise LoadError(file, "whole file", "an unencrypted PDF", "a password-protected PDF") from None
        raise LoadError(file, "whole file", "a readable PDF", name[:120]) from None
    if count > MAX_PAGES:
        pdf.close()
        raise LoadError(file, "whole file", f"at most {MAX_PAGES} pages", f"{count} pages")
    try:
        _check_streams(pdf.doc, file)
    except BaseException:
        pdf.close()
        raise
    return pdf


def _check_streams(doc, file: str) -> None:
    """Refuse a PDF with a compressed stream that inflates to more than MAX_STREAM_MB (a few KB of zeros can
    inflate to gigabytes, and pdfminer inflates a whole stream in memory): each stream is inflated here in
    small pieces that are counted and dropped, before any page is read."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

    cap = MAX_STREAM_MB * 1024 * 1024
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a broken object is reported by the page that uses it
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None:
                continue
            try:
                filters = [f for f, _params in obj.get_filters()]
            except Exception:  # noqa: BLE001 - as above
                continue
            layers = 0
            while layers < len(filters) and filters[layers] in LITERALS_FLATE_DECODE:
                layers += 1
            if not layers:
                continue
            data = obj.rawdata
            if obj.decipher and obj.objid is not None and obj.genno is not None:
                data = obj.decipher(obj.objid, obj.genno, data, obj.attrs)
            if _inflates_beyond(data, layers, cap):
                raise LoadError(file, f"object {objid}", f"compressed streams of at most {MAX_STREAM_MB} MB "
                                "once inflated", "a stream that inflates further (damaged, or built to exhaust "
                                "the server)")


def _inflates_beyond(data: bytes, layers: int, cap: int) -> bool:
    """Whether `layers` nested Flate encodings of `data` inflate to more than `cap` bytes, counted in pieces of
    at most 1 MB (a corrupt stream counts what inflates before the damage, as pdfminer would)."""
    import zlib

    decoders = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def feed(level: int, chunk: bytes) -> bool:
        nonlocal total
        d = decoders[level]
        while True:
            out = d.decompress(chunk, 1 << 20)
            chunk = d.unconsumed_tail
            if level + 1 < layers:
                if out and feed(level + 1, out):
                    return True
            else:
                total += len(out)
                if total > cap:
                    return True
            if d.eof or (not chunk and len(out) < 1 << 20):
                return False

    try:
        return feed(0, data)
    except zlib.error:
        return False


def pdf_tables(data: bytes, file: str) -> list[RawTable]:
    """Tables of every page, continued tables kept apart (the plan reader joins them). A page without text but
    with a picture (a scan) is read by OCR (parse.ocr_tables), its tables marked method 'ocr'."""
    pdf = _open_pdf(data, file)
    out: list[RawTable] = []
    pending: list[str] = []
    chars = scanned = count = 0
    columns: Carried | None = None
    budget = _Budget(file)
    scans = None  # parse.ocr_tables.Scans, opened at the first page without text
    try:
        for no, page in enumerate(pdf.pages, start=1):
            count = no
            try:
                if not page.chars and page.images:
                    if scans is None:
                        from parse.ocr_tables import Scans

                        scans = Scans(data, file)
                    items, columns = scans.page_items(no), None
                    scanned += 1
                else:
                    items, columns = _page_items(page, no, file, columns)
            except LoadError:
                raise
            except Exception as exc:  # a damaged content stream shows up while reading the page
                raise LoadError(file, f"page {no}", "a readable PDF page", f"{type(exc).__name__}: {exc}"[:120]) \
                    from None
            chars += len(page.chars)
            for _, table, text in sorted(items, key=lambda x: x[0]):
                if table is None:
                    pending.append(text.strip())
                else:
                    budget.take(len(table.rows), table.where)
                    table.before, pending = [p for p in pending if p], []
                    out.append(table)
            page.close()
    finally:
        pdf.close()
        if scans is not None:
            scans.close()
    if not chars and not scanned:
        raise LoadError(file, "whole file", "a PDF with a text layer, or scanned pages", NO_TEXT)
    if not out and scanned and not chars:
        from parse.ocr_tables import no_table_error

        raise no_table_error(file, count, pending)
    if not out:
        raise LoadError(file, "whole file", TABLE_EXPECTED, (pending[0] if pending else "no table")[:80])
    return out


def _page_items(page, no: int, file: str, columns: Carried | None) -> tuple[list[tuple], Carried | None]:
    """The page's tables and the text lines outside them, each with its top; and the unruled table's columns
    to carry to the next page."""
    items: list[tuple[float, RawTable | None, str | None]] = []
    if not page.chars:
        return items, columns
    found = [t for t in page.find_tables(_settings(page)) if len(t.rows) >= 2 and len(t.columns) >= 2]
    boxes = [t.bbox for t in found]
    for k, t in enumerate(found, start=1):
        where = f"page {no}" if len(found) == 1 else f"page {no}, table {k}"
        rows = [[join_lines(c) for c in row] for row in t.extract()]
        items.append((t.bbox[1], RawTable(file, where, rows, merged=_pdf_merged(t), method="lines"), None))
    if not found:
        parts, columns = _words_tables(page, columns)
        for k, (top, rows) in enumerate(parts, start=1):
            where = f"page {no}" if len(parts) == 1 else f"page {no}, table {k}"
            boxes.append((0, top, page.width, page.height))
            items.append((top, RawTable(file, where, rows, method="words"), None))
    else:
        columns = None
    for line in page.extract_text_lines(return_chars=False):
        mid = (line["top"] + line["bottom"]) / 2
        if not any(b[1] <= mid <= b[3] and line["x0"] < b[2] and line["x1"] > b[0] for b in boxes):
            items.append((line["top"], None, line["text"]))
    return items, columns


def _pdf_merged(table) -> dict[tuple[int, int], tuple[int, int]]:
    """Grid cells covered by a merged cell (None in pdfplumber's rows) -> the merged cell's own position."""
    origin = {bbox: (i, j) for i, row in enumerate(table.rows) for j, bbox in enumerate(row.cells) if bbox}
    xs = [col.bbox[0] for col in table.columns]
    ys = [row.bbox[1] for row in table.rows]
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for i, row in enumerate(table.rows):
        for j, bbox in enumerate(row.cells):
            if bbox is None and j < len(xs):
                x, y = xs[j] + 1, ys[i] + 1
                found = next((o for b, o in origin.items() if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
                if found and found != (i, j):
                    out[(i, j)] = found
    return out


def _settings(page) -> dict:
    """Ruling lines; a row broken by the page end has no bottom border, so the ends of the vertical rules close
    the table at the bottom (and at the top of the next page)."""
    rules = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 3]
    if len(rules) < 2:
        return LINES
    return {**LINES, "explicit_horizontal_lines": [min(e["top"] for e in rules), max(e["bottom"] for e in rules)]}


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their top, each line left to right."""
    out: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if out and abs(out[-1][0]["top"] - w["top"]) <= 2.5:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in out]


def _chunks(line: list[dict], gap: float) -> list[list[dict]]:
    """Runs of words closer than `gap` (or half the line's text height, for larger headings)."""
    gap = max(gap, 0.5 * max(w["bottom"] - w["top"] for w in line))
    out: list[list[dict]] = []
    for w in line:
        if out and w["x0"] - out[-1][-1]["x1"] <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def _col(x: float, columns: list[float]) -> int:
    return max((i for i, start in enumerate(columns) if x >= start), default=0)


def _flowing(line: list[dict], columns: list[float], gap: float) -> bool:
    """Running text over column borders (a heading line), not cells side by side."""
    for a, b in zip(line, line[1:], strict=False):
        if _col(a["x0"], columns) != _col(b["x0"], columns) and b["x0"] - a["x1"] <= gap:
            return True
    return any(_col(w["x0"], columns) != _col(w["x1"] - 1, columns) for w in line)


def _columns(chunks: list[list[dict]], body: list[list[dict]], gap: float) -> list[float]:
    """Where each column starts: just left of its header cell when cells below start there too, else (a header
    centred over its column) where the widest gap between the words below ends, between two header cells.
    Heading lines (one run of text over several header cells) do not count."""
    centres = [(c[0]["x0"] + c[-1]["x1"]) / 2 for c in chunks]
    runs = [r for line in body for r in _chunks(line, gap)]
    runs = [r for r in runs if sum(r[0]["x0"] < x < r[-1]["x1"] for x in centres) < 2]
    cover: dict[int, int] = {}
    for r in runs:
        for w in r:
            for x in range(int(w["x0"]), int(w["x1"]) + 1):
                cover[x] = cover.get(x, 0) + 1
    starts = {round(r[0]["x0"]) for r in runs}
    out = [min([chunks[0][0]["x0"]] + [r[0]["x0"] for r in runs]) - 2]
    for i in range(1, len(chunks)):
        x0 = chunks[i][0]["x0"]
        if any(abs(x0 - s) <= 2 for s in starts):
            out.append(x0 - 2)
            continue
        window = range(int(centres[i - 1]), int(centres[i]) + 1)
        low = max(2, 0.1 * max((cover.get(x, 0) for x in window), default=0))  # a heading may cross the gap
        best, run = None, 0
        for x in window:
            run = run + 1 if cover.get(x, 0) <= low else 0
            if run >= 3 and (best is None or run >= best[0]):
                best = (run, x)
        out.append(best[1] + 1 if best else x0 - 2)
    return out


def _words_tables(page, carried: Carried | None) -> tuple[list[tuple[float, list[list[str | None]]]],
                                                         Carried | None]:
    """Unruled tables read from word positions under a header row; lines above the first header continue the
    previous page's table when there was one, and the same header keeps its columns. Returns [(top, rows)] and
    the header and columns to carry on."""
    from parse.column_roles import is_header_row

    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not words:
        return [], None
    lines = _lines(words)
    gap = 0.5 * statistics.median(w["bottom"] - w["top"] for w in words)
    at = next((i for i, line in enumerate(lines) if len(_chunks(line, gap)) >= 3
               and is_header_row([_text(c) for c in _chunks(line, gap)])), None)
    out: list[tuple[float, list[list[str | None]]]] = []
    if carried and at != 0:
        rows = _word_rows(lines[:at], carried[1], None, gap)
        if rows:
            out.append((lines[0][0]["top"], rows))
    if at is None:
        return out, carried if out else None
    chunks = _chunks(lines[at], gap)
    header = [_text(c) for c in chunks]
    columns = carried[1] if carried and carried[0] == header else \
        _columns(chunks, [line for line in lines[at + 1:] if _text(line) != " ".join(header)], gap)
    out.append((lines[at][0]["top"], [list(header)] + _word_rows(lines[at + 1:], columns, header, gap)))
    return out, (header, columns)


def _word_rows(lines: list[list[dict]], columns: list[float], header: list[str] | None,
               gap: float) -> list[list[str | None]]:
    """Lines to rows: a row starts after a wider gap between lines or where the first column starts again;
    running text over the column borders is a full-width heading row; a repeated header is dropped."""
    size = 2 * gap
    gaps = [b[0]["top"] - max(w["bottom"] for w in a) for a, b in zip(lines, lines[1:], strict=False)]
    row_gap = (sorted(gaps)[len(gaps) // 4] if gaps else 0) + 0.35 * size
    n = len(columns)
    rows: list[list] = []
    kinds: list[str] = []  # heading | parts (lines per column, joined at the end) | end (after a header)
    prev_bottom = None
    for line in lines:
        small = prev_bottom is not None and line[0]["top"] - prev_bottom <= row_gap
        prev_bottom = max(w["bottom"] for w in line)
        if header and [_text(c) for c in _chunks(line, gap)] == header:
            rows.append([])
            kinds.append("end")
            continue
        if kinds and kinds[-1] == "heading" and small:
            rows[-1][0] = join_lines(f"{rows[-1][0]}\n{_text(line)}")
            continue
        if _flowing(line, columns, gap):
            rows.append([_text(line)] + [None] * (n - 1))
            kinds.append("heading")
            continue
        cells: list[list[str]] = [[] for _ in range(n)]
        for w in line:
            cells[_col(w["x0"], columns)].append(w["text"])
        if not kinds or kinds[-1] != "parts" or not small or (cells[0] and not rows[-1][0]):
            rows.append([[] for _ in range(n)])
            kinds.append("parts")
        for c in range(n):
            if cells[c]:
                rows[-1][c].append(" ".join(cells[c]))
    out: list[list[str | None]] = []
    for row, kind in zip(rows, kinds, strict=True):
        if kind == "parts":
            out.append([join_lines("\n".join(p)) or "" for p in row])
        elif kind == "heading":
            out.append(row)
    return out


# ---------------------------------------------------------------- Word

def docx_tables(data: bytes, file: str) -> list[RawTable]:
    """Every top-level table of a Word file with the paragraphs before it."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip(data, file, "word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
        out: list[RawTable] = []
        pending: list[str] = []
        n = 0
        budget = _Budget(file)
        for el in document.element.body.iterchildren():
            if el.tag.endswith("}p"):
                text = Paragraph(el, document).text.strip()
                if text:
                    pending.append(text)
            elif el.tag.endswith("}tbl"):
                n += 1
                budget.take(len(el.findall(qn("w:tr"))), f"table {n}")  # counted before the grid is built
                rows, merged = _docx_grid(Table(el, document))
                keep = _drop_repeated_headers(rows)
                rows, merged = _reindex(rows, merged, keep)
                if len(rows) > MAX_ROWS:
                    raise LoadError(file, f"table {n}", f"at most {MAX_ROWS} rows", str(len(rows)))
                if rows:
                    out.append(RawTable(file, f"table {n}", rows, 1, pending, merged, "docx", [k + 1 for k in keep]))
                pending = []
    except LoadError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise LoadError(file, "whole file", "a readable Word document (.docx)", f"{type(exc).__name__}: {exc}"[:120]) \
            from None
    if not out:
        raise LoadError(file, "whole file", "at least one table of actions (a Word plan keeps its actions in a table)",
                        f"{len(pending)} paragraphs and no table")
    return out


def _docx_grid(table) -> tuple[list[list[str | None]], dict[tuple[int, int], tuple[int, int]]]:
    """Cell texts on the layout grid; a merged cell's text once, its other grid cells None."""
    rows: list[list[str | None]] = []
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    seen: dict = {}  # <w:tc> element -> (row, col) where its text was put
    for r, row in enumerate(table.rows):
        cells = [None] * row.grid_cols_before + list(row.cells) + [None] * row.grid_cols_after
        values: list[str | None] = []
        for c, cell in enumerate(cells):
            if cell is None:
                values.append("")
                continue
            tc = cell._tc
            if tc in seen:
                merged[(r, c)] = seen[tc]
                values.append(None)
            else:
                seen[tc] = (r, c)
                values.append("\n".join(line.strip() for line in cell.text.split("\n")).strip())
        rows.append(values)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows], merged


# ---------------------------------------------------------------- Excel

def _xl_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _xl_merges(ws) -> list[tuple[int, int, int, int]]:
    """Merged ranges (min_col, min_row, max_col, max_row) from the sheet XML (read-only sheets do not keep them)."""
    import xml.etree.ElementTree as ET

    from openpyxl.utils.cell import range_boundaries

    out = []
    with ws._get_source() as src:
        for _, el in ET.iterparse(src, events=("end",)):
            if el.tag.endswith("}mergeCell") and el.get("ref"):
                out.append(range_boundaries(el.get("ref")))
            if el.tag.endswith("}row") or el.tag.endswith("}mergeCell"):
                el.clear()
    return out


def xlsx_tables(data: bytes, file: str) -> list[RawTable]:
    """One table per sheet that has a header row (found in its first 50 rows), rows above it as `before`."""
    from parse.column_roles import is_header_row

    out: list[RawTable] = []
    first_seen: str | None = None
    budget = _Budget(file)
    with open_workbook(data, file) as wb:
        for ws in wb.worksheets:
            table = _sheet_table(ws, file, is_header_row, budget)
            if isinstance(table, RawTable):
                out.append(table)
            elif table and first_seen is None:
                first_seen = f"sheet '{ws.title}': {table}"
    if not out:
        raise LoadError(file, "every sheet", "a header row naming the columns (e.g. № | Tədbir | İcra müddəti | "
                        "Məsul) in the first 50 rows", (first_seen or "empty sheets")[:120])
    return out


def _sheet_table(ws, file: str, is_header_row, budget: _Budget) -> RawTable | str | None:
    """The sheet's table, or the text of its first row when it has no header row. Rows are as long as their
    last value (open_workbook ignores the size a sheet declares), and merged ranges are clipped to the table."""
    where = f"sheet '{ws.title}'"
    before: list[str] = []
    rows: list[list[str | None]] = []
    header_at = None
    first_text = None
    filled = 0  # rows of the table up to its last row with a value
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if r > MAX_ROWS:
            raise LoadError(file, where, f"at most {MAX_ROWS} rows")
        last = len(values)
        while last and values[last - 1] is None:
            last -= 1
        if last > MAX_COLUMNS:
            raise LoadError(file, f"{where}, row {r}", f"at most {MAX_COLUMNS} columns", f"a value in column {last}")
        cells = [_xl_text(v) for v in values[:last]]
        if header_at is None:
            if any(cells) and first_text is None:
                first_text = " | ".join(c for c in cells if c)
            if is_header_row(cells):
                header_at = r
            elif r >= HEADER_SCAN_ROWS:
                return first_text
            else:
                before.append(" ".join(c for c in cells if c))
                continue
        if any(cells):
            budget.take(1 + len(rows) - filled, f"{where}, row {r}")  # this row and the empty ones above it
            filled = len(rows) + 1
        rows.append(cells)
    if header_at is None:
        return first_text
    del rows[filled:]  # empty rows below the table
    width = max(len(r) for r in rows)
    grid: list[list[str | None]] = [[c if c is not None else "" for c in r] + [""] * (width - len(r)) for r in rows]
    merged = _clip_merges(ws, grid, width, header_at, file, where)
    while grid and not any(grid[-1]):
        grid.pop()
    keep = _drop_repeated_headers(grid)
    grid, merged = _reindex(grid, merged, keep)
    return RawTable(file, where, grid, header_at, [b for b in before if b], merged, "xlsx",
                    [header_at + k for k in keep])


def _clip_merges(ws, grid: list[list[str | None]], width: int, header_at: int, file: str,
                 where: str) -> dict[tuple[int, int], tuple[int, int]]:
    """Blank the grid cells covered by merged ranges (clipped to the table: a range A5:XFD1048576 costs no more
    than the table it covers) and map each to its range's first cell. Ranges overlapping one another (Excel
    never writes them) are refused once they would cover more cells than the table has."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    last_row = header_at + len(grid) - 1
    covered = 0
    for c1, r1, c2, r2 in _xl_merges(ws):
        rows = range(max(r1, header_at), min(r2, last_row) + 1)
        cols = range(c1, min(c2, width) + 1)
        covered += len(rows) * len(cols)
        if covered > 2 * len(grid) * width + 1000:
            raise LoadError(file, where, "merged ranges that do not overlap", "overlapping merged ranges")
        for r in rows:
            for c in cols:
                if (r, c) != (r1, c1):
                    i, j = r - header_at, c - 1
                    grid[i][j] = None
                    if r1 >= header_at:
                        merged[(i, j)] = (r1 - header_at, c1 - 1)
    return merged
