"""Scanned test originals: a plan of scripts/make_new_originals.py printed as a ruled table, rendered to an image
at 200 dpi, turned by a small angle and sprinkled with noise as a flatbed scanner would, and saved as a PDF
without a text layer (and as a PNG). Deterministic: the same seed gives the same bytes.

The truth is the plan's own (make_new_originals.GDU: Azerbaijani, ə ş ğ ı ö ü ç in every row, sections numbered
with Roman numerals over the whole row, a totals row, partners in the notes).

Usage: python scripts/make_scans.py --out /tmp/scans
"""
from __future__ import annotations

import argparse
import io
from pathlib import Path

from scripts.make_new_originals import GDU, ROMAN, WRITTEN, Original
from scripts.make_originals import ROOT, e, page_html, print_pdf

DPI = 200
ANGLE = 0.8  # degrees, counter-clockwise: a page laid a little askew on the glass
SEED = 25


def ruled_html(o: Original) -> str:
    """The plan as one ruled table under its heading, sections as full-width rows (11 pt, as plans are typed)."""
    head = ("<thead><tr><th style='width:5%'>№</th><th style='width:36%'>Tədbirin adı</th><th style='width:16%'>"
            "İcra müddəti</th><th style='width:20%'>Məsul icraçı</th><th style='width:23%'>Qeyd</th></tr></thead>")
    rows, goal, n = [], None, 0
    for a in o.actions:
        if a.goal != goal:
            goal = a.goal
            rows.append(f"<tr><td colspan='5'>{ROMAN[goal]}. {e(o.goals[goal])}</td></tr>")
        n += 1
        deadline = WRITTEN.get(a.deadline or "", a.deadline or "")
        rows.append(f"<tr><td>{n}.</td><td>{e(a.title)}</td><td>{e(deadline)}</td>"
                    f"<td>{'<br>'.join(e(x) for x in a.responsible.split(chr(10)))}</td><td>{e(a.note)}</td></tr>")
    rows.append(f"<tr><td></td><td>Cəmi: {n} tədbir</td><td></td><td></td><td></td></tr>")
    body = "".join(f"<p style='font-weight:bold; text-align:center; margin:0 0 4pt 0'>{e(line)}</p>"
                   for line in o.heading)
    body += f"<table class='ruled' style='margin-top:10pt'>{head}<tbody>{''.join(rows)}</tbody></table>"
    return page_html(body, landscape=True, extra_css="body { font-size: 11pt; } th, td { padding: 3pt 4pt; }")


def scanned(pdf: bytes, dpi: int = DPI, angle: float = ANGLE, seed: int = SEED) -> list:
    """Each page of `pdf` as a grey image: rendered at `dpi`, turned by `angle` degrees, with sensor noise,
    a few dark specks and a slightly uneven exposure."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for page in doc:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            a = np.asarray(image, dtype=np.float32)
            h, w = a.shape
            a = a * (0.93 + 0.07 * np.linspace(0, 1, w)[None, :])  # the lamp a little weaker on one side
            a += rng.normal(0, 9, a.shape)
            specks = rng.random(a.shape) < 0.0004
            a[specks] = rng.uniform(0, 90, int(specks.sum()))
            out.append(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L"))
    finally:
        doc.close()
    return out


def image_pdf(images: list, dpi: int = DPI) -> bytes:
    """Images as a PDF of pictures only (no text layer), as a scanner writes it."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buf.getvalue()


def no_table_scan(out: Path) -> Path:
    """A scanned page of paragraphs only (a title and goals, no table): OCR reads text but finds no table."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    lines = [GDU.heading[0], ""] + [f"Məqsəd {g}: {title}" for g, title in GDU.goals.items()]
    for i, line in enumerate(lines):
        draw.text((150, 200 + 70 * i), line, fill=0, font=font)
    image.save(out, "PNG", dpi=(DPI, DPI))
    return out


def make_scans(out_dir: Path) -> dict[str, tuple[Original, Path]]:
    """gdu_2026_scan.pdf (image-only PDF), gdu_2026_scan.png and no_table_scan.png (no truth: refused):
    name -> (truth, path)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    printed = print_pdf(ruled_html(GDU), out_dir / "gdu_2026_printed.pdf")
    pages = scanned(printed.read_bytes())
    printed.unlink()
    pdf = out_dir / "gdu_2026_scan.pdf"
    pdf.write_bytes(image_pdf(pages))
    png = out_dir / "gdu_2026_scan.png"
    pages[0].save(png, "PNG", dpi=(DPI, DPI))
    bad = no_table_scan(out_dir / "no_table_scan.png")
    return {pdf.name: (GDU, pdf), png.name: (GDU, png), bad.name: (GDU, bad)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "scans")
    args = parser.parse_args()
    for name, (_o, path) in make_scans(args.out).items():
        print(f"{name:24} {path.stat().st_size:>9} bytes  {path}")


if __name__ == "__main__":
    main()
