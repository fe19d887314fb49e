"""Tables out of scanned plans: a PDF of page pictures (no text layer) or a PNG, JPEG or TIFF image.

Each page is rendered (pypdfium2, 200 dpi) or decoded (Pillow), turned straight (the angle whose row profile is
sharpest, within ±5°), and its ruling lines found by OpenCV morphology (long thin horizontal and vertical runs
of ink). The lines give the grid; a missing border between two grid cells makes them one merged cell, as
pdfplumber reads a ruled PDF. The lines are then wiped out and the page read once by tesseract (aze+rus+eng)
into words with their boxes and confidences; each word goes to the cell holding its centre, and the words above
the table become the table's `before` lines (the plan's title, university and period).

Every table is marked method="ocr"; `confidence` keeps the cells read with low confidence, so that the preview
can list them next to the page image. Nothing here touches a database or Streamlit.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from parse.errors import LoadError
from parse.tables import TABLE_EXPECTED, RawTable, _Budget, join_lines

LANGS = "aze+rus+eng"
DPI = 200
MAX_PAGES = 30  # a scanned plan has a few pages; each costs seconds of OCR
MAX_SIDE = 6000  # pixels: a page rendered or decoded larger is scaled down (A3 at 300 dpi is 4961)
MAX_PIXELS = 60_000_000  # a decoded image larger than this is refused (Pillow's own check warns only at 89M)
PAGE_SECONDS = 45  # the clock allowed to tesseract for one page
LOW_CONFIDENCE = 75.0  # a cell with a word read below this (tesseract's 0-100) is listed for checking
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}
SCAN_EXPECTED = (f"{TABLE_EXPECTED}, with ruling lines between its cells (a scanned page is read by OCR, and its "
                 "table is found by those lines)")

# called before each page is read by OCR (plandb.parse_job gives the upload more time for it)
on_page: Callable[[], None] | None = None


def image_kind(data: bytes) -> str | None:
    """'png', 'jpeg' or 'tiff' from the first bytes; None for anything else."""
    return next((kind for magic, kind in IMAGE_MAGIC.items() if data.startswith(magic)), None)


def available() -> bool:
    return shutil.which("tesseract") is not None


@dataclass
class _Word:
    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    conf: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


# ---------------------------------------------------------------- pages

def _open_pdf(data: bytes, file: str):
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise LoadError(file, "whole file", "a readable PDF", str(exc)[:120]) from None
    if len(doc) > MAX_PAGES:
        n = len(doc)
        doc.close()
        raise LoadError(file, "whole file", f"a scanned plan of at most {MAX_PAGES} pages (each page is read by "
                        "OCR)", f"{n} pages")
    return doc


def _open_image(data: bytes, file: str):
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        w, h = image.size
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged files
        raise LoadError(file, "whole file", "a readable PNG, JPEG or TIFF image", type(exc).__name__) from None
    if w * h > MAX_PIXELS:
        raise LoadError(file, "whole file", f"an image of at most {MAX_PIXELS // 1_000_000} million pixels",
                        f"{w} × {h} pixels")
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_PAGES:
        raise LoadError(file, "whole file", f"an image of at most {MAX_PAGES} pages", f"{frames} pages")
    return image


def _fit(image):
    w, h = image.size
    if max(w, h) <= MAX_SIDE:
        return image
    k = MAX_SIDE / max(w, h)
    return image.resize((max(1, int(w * k)), max(1, int(h * k))))


def preview_images(data: bytes, file: str, numbers: list[int], width: int = 1000) -> list[tuple[int, bytes]]:
    """Pages `numbers` (from 1) as small grey JPEGs, for a person to check what OCR read: [(page, jpeg)]."""
    out = []
    scans = Scans(data, file)
    try:
        images = [(no, scans.render(no, dpi=100)) for no in numbers if 1 <= no <= scans.count]
    finally:
        scans.close()
    for no, image in images:
        w, h = image.size
        if w > width:
            image = image.resize((width, max(1, round(h * width / w))))
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=70)
        out.append((no, buf.getvalue()))
    return out


# ---------------------------------------------------------------- straightening and lines

def deskew(grey):
    """The page turned straight: the angle (±5°, 0.1° steps) at which the rows of ink are sharpest."""
    import cv2
    import numpy as np

    a = np.asarray(grey)
    h, w = a.shape
    k = 800 / max(w, 1)
    small = cv2.resize(a, (800, max(1, int(h * k))), interpolation=cv2.INTER_AREA) if w > 800 else a
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]

    def sharpness(angle: float) -> float:
        sh, sw = ink.shape
        m = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1.0)
        turned = cv2.warpAffine(ink, m, (sw, sh), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    best = max((x / 2 for x in range(-10, 11)), key=sharpness)  # 0.5° steps, then 0.1° around the best
    best = max((best + x / 10 for x in range(-5, 6)), key=sharpness)
    if abs(best) < 0.05:
        return a, 0.0
    m = cv2.getRotationMatrix2D((w / 2, h / 2), best, 1.0)
    return cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255), best


def _ink(a):
    """Ink as 255 on 0: specks and sensor noise smoothed away, then a threshold that follows uneven light."""
    import cv2

    smooth = cv2.medianBlur(a, 3)
    return cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 35, 15)


def _rules(ink):
    """Horizontal and vertical ruling lines: runs of ink longer than any letter."""
    import cv2

    h, w = ink.shape
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 30), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(35, h // 45))))
    # close small gaps in a line (a faint stretch of a scanned rule)
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 1)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 15)))
    return horiz, vert


def _positions(mask, axis: int, lo: int, hi: int, min_len: int) -> list[int]:
    """Centres of the lines in `mask` (axis 0: horizontal lines by y; 1: vertical by x) between lo and hi
    (across), with at least min_len pixels along them."""
    import numpy as np

    counts = mask[:, lo:hi].sum(axis=1) // 255 if axis == 0 else mask[lo:hi, :].sum(axis=0) // 255
    hits = np.flatnonzero(counts >= min_len)
    out: list[list[int]] = []
    for p in hits:
        if out and p - out[-1][-1] <= 6:
            out[-1].append(int(p))
        else:
            out.append([int(p)])
    return [round(sum(g) / len(g)) for g in out]


@dataclass
class _Grid:
    xs: list[int]
    ys: list[int]
    box: tuple[int, int, int, int]  # x0, y0, x1, y1


def _grids(horiz, vert) -> list[_Grid]:
    """Each ruled table on the page: the connected lines, with at least 3 rows of rules and 3 of columns."""
    import cv2

    h, w = horiz.shape
    lines = cv2.dilate(horiz | vert, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if bw < w * 0.2 or bh < 40:
            continue
        ys = _positions(horiz[:, x:x + bw], 0, 0, bw, max(30, bw // 12))
        ys = [v + 0 for v in ys if y - 3 <= v <= y + bh + 3]
        xs = [v + x for v in _positions(vert[y:y + bh, x:x + bw], 1, 0, bh, max(20, bh // 40))]
        if len(ys) >= 3 and len(xs) >= 3:
            out.append(_Grid(xs, ys, (x, y, x + bw, y + bh)))
    return sorted(out, key=lambda g: g.box[1])


def _cells(grid: _Grid, horiz, vert) -> tuple[dict[tuple[int, int], tuple[int, int]], dict]:
    """Merged cells: a grid cell without a border on its right or below is one cell with its neighbour.
    Returns (covered cell -> origin, origin -> box)."""
    import numpy as np

    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def covered(mask, y0, y1, x0, x1) -> float:
        part = mask[max(0, y0):y1, max(0, x0):x1]
        if part.size == 0:
            return 0.0
        along = part.max(axis=1 if y1 - y0 > x1 - x0 else 0)
        return float(np.count_nonzero(along)) / len(along)

    for r in range(rows):
        y0, y1 = grid.ys[r], grid.ys[r + 1]
        pad = max(2, (y1 - y0) // 6)
        for c in range(cols):
            x0, x1 = grid.xs[c], grid.xs[c + 1]
            if c + 1 < cols and covered(vert, y0 + pad, y1 - pad, grid.xs[c + 1] - 5, grid.xs[c + 1] + 6) < 0.5:
                union((r, c), (r, c + 1))
            xpad = max(2, (x1 - x0) // 6)
            if r + 1 < rows and covered(horiz, grid.ys[r + 1] - 5, grid.ys[r + 1] + 6, x0 + xpad, x1 - xpad) < 0.5:
                union((r, c), (r + 1, c))
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    boxes: dict[tuple[int, int], list[int]] = {}
    for (r, c) in parent:
        o = find((r, c))
        if o != (r, c):
            merged[(r, c)] = o
        b = boxes.setdefault(o, [grid.xs[c], grid.ys[r], grid.xs[c + 1], grid.ys[r + 1]])
        b[0], b[1] = min(b[0], grid.xs[c]), min(b[1], grid.ys[r])
        b[2], b[3] = max(b[2], grid.xs[c + 1]), max(b[3], grid.ys[r + 1])
    return merged, boxes


# ---------------------------------------------------------------- OCR

def _tesseract(image, file: str, where: str, langs: str = LANGS, psm: int = 3, config: tuple[str, ...] = ()) \
        -> list[_Word]:
    """Words with boxes and confidences, from one run of tesseract on the whole image."""
    import cv2

    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise LoadError(file, where, "a page image that can be encoded for OCR")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread: the machine's cores serve many at once
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", langs, "--psm", str(psm), "--dpi", str(DPI),
                               *config, "tsv"], input=png.tobytes(), capture_output=True, timeout=PAGE_SECONDS, env=env)
    except FileNotFoundError:
        raise LoadError(file, where, "a document with a text layer: this server has no OCR (tesseract) to read "
                        "scanned pages", "a scanned page") from None
    except subprocess.TimeoutExpired:
        raise LoadError(file, where, f"a page that OCR reads within {PAGE_SECONDS} s", "a page it could not") \
            from None
    if done.returncode != 0:
        raise LoadError(file, where, "a page that OCR (tesseract) can read",
                        done.stderr.decode("utf-8", "replace").strip()[-120:] or f"exit code {done.returncode}")
    words = []
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t",
                              quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        x, y, w, h = (int(row[key]) for key in ("left", "top", "width", "height"))
        words.append(_Word(_one_script(text), x, y, x + w, y + h, float(row["conf"])))
    return words


LATIN_LOOKALIKE = dict(zip("аеорсухіјһәӘАВЕКМНОРСТХІЈ", "aeopcyxijhəƏABEKMHOPCTXIJ", strict=True))
CYRILLIC_LOOKALIKE = {v: k for k, v in LATIN_LOOKALIKE.items() if k not in "іјһәӘІЈ"}


def _one_script(word: str) -> str:
    """A word read with letters of both alphabets (tesseract with aze+rus takes 'о' for 'o') in the alphabet
    most of its letters are in."""
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in word)
    lat = sum(ch.isalpha() and not "\u0400" <= ch <= "\u04ff" for ch in word)
    if not cyr or not lat:
        return word
    table = LATIN_LOOKALIKE if lat >= cyr else CYRILLIC_LOOKALIKE
    return "".join(table.get(ch, ch) for ch in word)


def _lines_of(words: list[_Word]) -> list[list[_Word]]:
    """Words grouped into lines (a word joins the line whose middle band it overlaps), each left to right."""
    out: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.cy, w.x0)):
        line = next((ln for ln in out if abs(sum(x.cy for x in ln) / len(ln) - w.cy)
                     <= 0.5 * max(8, min(x.y1 - x.y0 for x in ln + [w]))), None)
        if line is None:
            out.append([w])
        else:
            line.append(w)
    out.sort(key=lambda ln: min(w.y0 for w in ln))
    return [sorted(ln, key=lambda w: w.x0) for ln in out]


ROMAN_MISREAD_RE = re.compile(r"^[IVX|l]{1,4}[.,](?=\s)")


def _text(words: list[_Word]) -> str:
    """The cell's words, lines joined as the ruled-PDF reader joins them (parse.tables.join_lines); a section
    number read as '|.' or 'II,' made the Roman numeral it is."""
    out = join_lines("\n".join(" ".join(w.text for w in ln) for ln in _lines_of(words))) or ""
    m = ROMAN_MISREAD_RE.match(out)
    if m and any(ch in "IVX" for ch in m.group()) or (m and m.group()[0] in "|l" and len(out) > 4):
        out = m.group()[:-1].replace("|", "I").replace("l", "I") + "." + out[m.end():]
    return out


def read_page(image, no: int, file: str, langs: str = LANGS) -> tuple[list[tuple[int, RawTable | None, str]],
                                                                        float]:
    """The page's tables and the lines of text outside them, each with its top; and the angle it was turned."""
    import cv2

    a, angle = deskew(image)
    ink = _ink(a)
    horiz, vert = _rules(ink)
    grids = _grids(horiz, vert)
    wiped = a.copy()
    lines = cv2.dilate(horiz | vert, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    wiped[lines > 0] = 255
    words = [w for w in _tesseract(wiped, file, f"page {no}", langs) if w.conf >= 0 and _real(w)]
    clean = 255 - ink  # black on white, the noise gone: for short tokens read again
    if not grids:
        return _unruled(words, no, file), angle
    items: list[tuple[int, RawTable | None, str]] = []
    used: set[int] = set()
    for k, grid in enumerate(grids, start=1):
        merged, boxes = _cells(grid, horiz, vert)
        rows_n, cols_n = len(grid.ys) - 1, len(grid.xs) - 1
        rows: list[list[str | None]] = [[None if (r, c) in merged else "" for c in range(cols_n)]
                                        for r in range(rows_n)]
        confidence: dict[tuple[int, int], float] = {}
        cells: dict[tuple[int, int], list[_Word]] = {}
        for (r, c), (x0, y0, x1, y1) in boxes.items():
            inside = [i for i, w in enumerate(words) if i not in used and x0 <= w.cx < x1 and y0 <= w.cy < y1]
            used.update(inside)
            cell = [words[i] for i in inside]
            rows[r][c] = _text(cell)
            low = min((w.conf for w in cell), default=100.0)
            if low < LOW_CONFIDENCE:
                confidence[(r, c)] = round(low, 1)
            if cell:
                cells[(r, c)] = cell
        _numbers_again(clean, grid, boxes, cells, rows, confidence, file, no)
        where = f"page {no}" if len(grids) == 1 else f"page {no}, table {k}"
        keep = [i for i, row in enumerate(rows) if any(row)]
        rows = [rows[i] for i in keep]
        new = {old: n for n, old in enumerate(keep)}
        merged = {(new[r], c): (new[r0], c0) for (r, c), (r0, c0) in merged.items() if r in new and r0 in new}
        confidence = {(new[r], c): v for (r, c), v in confidence.items() if r in new}
        if len(rows) >= 2:
            table = RawTable(file, where, rows, merged=merged, method="ocr", row_numbers=[i + 1 for i in keep],
                             confidence=confidence)
            items.append((grid.box[1], table, ""))
    rest = [w for i, w in enumerate(words) if i not in used]
    for line in _lines_of(rest):
        items.append((min(w.y0 for w in line), None, " ".join(w.text for w in line)))
    return items, angle


NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,2}|[IVX]{1,5})[.)]?$")
NUMBER_CHARS = "0123456789IVX.)"


def _numbers_again(image, grid: _Grid, boxes: dict, cells: dict, rows: list, confidence: dict, file: str,
                   no: int) -> None:
    """Read again, with only digits, I V X, '.' and ')' allowed, what numbers rows and sections: a narrow cell of
    a few characters, and a Roman numeral opening a cell ('II.'). A short token alone misleads the full-page
    reading ('7.' read as 'Я,', 'III.' as 'II,'): without context the language model has nothing to go on."""
    import numpy as np

    width = grid.xs[-1] - grid.xs[0]
    wanted: list[tuple[tuple[int, int], bool, tuple[int, int, int, int]]] = []  # cell, whole cell?, box
    for (r, c), words in cells.items():
        x0, y0, x1, y1 = boxes[(r, c)]
        text = rows[r][c] or ""
        if len(text) <= 5 and x1 - x0 < 0.12 * width:
            wanted.append(((r, c), True, (x0 + 5, y0 + 5, x1 - 5, y1 - 5)))
        elif c == 0 and x1 - x0 > 0.5 * width:  # a section row ("II. Elm və innovasiya"): its number, if any
            first = min(words, key=lambda w: (round(w.cy / 20), w.x0))
            if ROMAN_MISREAD_RE.match(text + " "):
                box = (max(x0 + 4, first.x0 - 12), first.y0 - 6, first.x1 + 8, first.y1 + 6)
            else:  # a numeral the page reading dropped, left of the first word
                box = (x0 + 5, first.y0 - 6, first.x0 - 3, first.y1 + 6)
                if box[2] - box[0] < 8 or not (image[box[1]:box[3], box[0]:box[2]] < 128).any():
                    continue
            wanted.append(((r, c), False, box))
    if not wanted:
        return
    crops = [image[max(0, y0):y1, max(0, x0):x1] for _cell, _whole, (x0, y0, x1, y1) in wanted]
    gap = 40
    strip = np.full((sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap), 255,
                    dtype=np.uint8)
    tops = []
    y = gap
    for crop in crops:
        strip[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        tops.append((y, y + crop.shape[0]))
        y += crop.shape[0] + gap
    words = _tesseract(strip, file, f"page {no}", "eng", psm=6,
                       config=("-c", f"tessedit_char_whitelist={NUMBER_CHARS}"))
    for ((r, c), whole, _box), (top, bottom) in zip(wanted, tops, strict=True):
        found = [w for w in words if top <= w.cy < bottom]
        text = "".join(w.text for w in sorted(found, key=lambda w: w.x0))
        if re.fullmatch(r"I+[.)]?", text):
            text = "I" * (_bars(strip[top:bottom]) or len(text.rstrip(".)"))) \
                + text.lstrip("I")
        if not NUMBER_RE.match(text):
            continue
        if whole:
            rows[r][c] = text
        else:
            old = rows[r][c] or ""
            rest = old.split(" ", 1)[1] if ROMAN_MISREAD_RE.match(old + " ") and " " in old else old
            rows[r][c] = text + ("." if text[-1] not in ".)" else "") + " " + rest
        if min(w.conf for w in found) >= LOW_CONFIDENCE:
            confidence.pop((r, c), None) if whole else None


def _bars(crop) -> int:
    """Upright strokes standing alone in a crop (I, II, III: tesseract reads 'III.' as 'I.'); 0 when the crop
    holds anything else than bars and a dot."""
    import cv2

    n, _labels, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype("uint8"), connectivity=8)
    parts = [stats[i] for i in range(1, n) if stats[i][4] >= 4]
    if not parts:
        return 0
    tall = max(p[3] for p in parts)
    bars = [p for p in parts if p[3] >= 0.6 * tall and p[2] <= 0.4 * p[3]]
    others = [p for p in parts if p[3] < 0.6 * tall and p[3] > 0.35 * tall]
    return len(bars) if 1 <= len(bars) <= 3 and not others else 0


def _real(w: _Word) -> bool:
    """Not a speck read as punctuation: a word of letters or digits, or a mark of some size."""
    return any(ch.isalnum() for ch in w.text) or (w.y1 - w.y0 >= 8 and w.conf >= 50)


class _WordsPage:
    """OCR words in the shape pdfplumber gives them (points, from the top), for parse.tables' unruled reader."""

    def __init__(self, words: list[_Word], dpi: int) -> None:
        k = 72 / dpi
        self.words = []
        for line in _lines_of(words):  # a word as tall as its line, as a font's box is (ink of 'o' is half that)
            top, bottom = min(w.y0 for w in line), max(w.y1 for w in line)
            self.words += [{"text": w.text, "x0": w.x0 * k, "x1": w.x1 * k, "top": top * k, "bottom": bottom * k}
                           for w in line]

    def extract_words(self, **_kw) -> list[dict]:
        return self.words


def _unruled(words: list[_Word], no: int, file: str) -> list[tuple[int, RawTable | None, str]]:
    """A page without ruling lines: its table read from the words' positions under a header row, as an unruled
    PDF is (parse.tables); the lines above it are its `before`."""
    from parse.tables import _words_tables

    parts, _carried = _words_tables(_WordsPage(words, DPI), None)
    items: list[tuple[int, RawTable | None, str]] = []
    start = min((top for top, _rows in parts), default=None)
    for k, (top, rows) in enumerate(parts, start=1):
        where = f"page {no}" if len(parts) == 1 else f"page {no}, table {k}"
        rows = [r for r in rows if any(r)]
        if len(rows) < 2:
            continue
        confidence: dict[tuple[int, int], float] = {}
        for w in words:
            if w.conf < LOW_CONFIDENCE and w.y0 * 72 / DPI >= top:
                hit = next(((r, c) for r, row in enumerate(rows) for c, text in enumerate(row)
                            if text and w.text in text), None)
                if hit:
                    confidence[hit] = min(confidence.get(hit, 100.0), round(w.conf, 1))
        items.append((int(top * DPI / 72), RawTable(file, where, rows, method="ocr", confidence=confidence), ""))
    above = [w for w in words if start is None or not items or w.y1 * 72 / DPI <= start + 1]
    for line in _lines_of(above):
        items.append((min(w.y0 for w in line), None, " ".join(w.text for w in line)))
    return items


class Scans:
    """The pages of one scanned document (PDF or image), rendered one at a time and read by OCR."""

    def __init__(self, data: bytes, file: str, langs: str = LANGS) -> None:
        if not available():
            raise LoadError(file, "whole file", "a document with a text layer: this server has no OCR (tesseract) "
                            "to read scanned pages", "a scanned document")
        self.data, self.file, self.langs = data, file, langs
        self.image = _open_image(data, file) if image_kind(data) else None
        self.doc = None if self.image is not None else _open_pdf(data, file)
        self.count = getattr(self.image, "n_frames", 1) if self.image is not None else len(self.doc)

    def render(self, no: int, dpi: int = DPI):
        """Page `no` (from 1) as a grey PIL image of at most MAX_SIDE pixels a side."""
        if self.image is not None:
            try:
                self.image.seek(no - 1)
                return _fit(self.image.convert("L"))
            except Exception as exc:  # noqa: BLE001 - a truncated image shows up while decoding
                raise LoadError(self.file, f"page {no}", "a readable image", type(exc).__name__) from None
        page = self.doc[no - 1]
        try:
            w, h = page.get_size()
            scale = min(dpi / 72, MAX_SIDE / max(w, h, 1))
            return page.render(scale=scale, grayscale=True).to_pil().convert("L")
        except Exception as exc:  # noqa: BLE001 - a damaged page shows up while rendering
            raise LoadError(self.file, f"page {no}", "a readable PDF page", type(exc).__name__) from None
        finally:
            page.close()

    def page_items(self, no: int) -> list[tuple[int, RawTable | None, str]]:
        """The page's tables and text lines outside them, each with its top (pixels)."""
        if on_page is not None:
            on_page()
        items, _angle = read_page(self.render(no), no, self.file, self.langs)
        return items

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()
        if self.image is not None:
            self.image.close()


def no_table_error(file: str, pages_read: int, lines: list[str]) -> LoadError:
    """A scan in which OCR found no table: the file, the pages, what was expected and the first line read."""
    where = f"page 1 of {pages_read}" if pages_read == 1 else f"pages 1-{pages_read}"
    found = f"text but no table (first line: {lines[0][:60]!r})" if lines else "no text that OCR could read"
    return LoadError(file, f"{where} (scanned, read by OCR)", SCAN_EXPECTED, found)


def ocr_tables(data: bytes, file: str, langs: str = LANGS) -> list[RawTable]:
    """Tables of every page of a scanned image (PNG, JPEG, TIFF; or a PDF of pictures), in the shape of
    parse.tables (method 'ocr')."""
    scans = Scans(data, file, langs)
    out: list[RawTable] = []
    pending: list[str] = []
    budget = _Budget(file)
    try:
        for no in range(1, scans.count + 1):
            for _top, table, text in sorted(scans.page_items(no), key=lambda x: x[0]):
                if table is None:
                    pending.append(text)
                else:
                    budget.take(len(table.rows), table.where)
                    table.before, pending = [p for p in pending if p], []
                    out.append(table)
    finally:
        scans.close()
    if not out:
        raise no_table_error(file, scans.count, pending)
    return out


__all__ = ["DPI", "LANGS", "Scans", "available", "image_kind", "no_table_error", "ocr_tables", "preview_images",
           "read_page"]
