"""Test originals made from the bundled plans: the same real content as PDF (HTML printed by headless Chromium),
Word and Excel files in other layouts and header languages, and bad inputs (a scanned PDF, an encrypted PDF,
a Word file without tables, an Excel file without a header row).

Usage: python scripts/make_originals.py --out /tmp/originals [--no-pdf]
The plans are read through the existing text parsers (as tests/conftest.py does), so every cell is real.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import io
import math
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from parse import mdu_plan, ndu_plan, qku_plan
from parse.records import Action, Plan
from parse.reference import Reference
from parse.text_utils import vocabulary
from paths import RAW_DIR
from scripts.harness import CHROMIUM, chromium_path

ROOT = Path(__file__).resolve().parent.parent

RAW = {"qku": "qku_strategic_plan_2021_2025.txt", "ndu": "ndu_international_relations_plan_2025.txt",
       "mdu": "mdu_veterans_centre_plan_2025.txt", "cbhe": "cbhe_compendium_azerbaijan_2022_2024.txt",
       "syllabus": "unec_syllabus_dovlet_qullugu_2025_2026.txt"}
PDF_NAMES = ("qku.pdf", "qku_en.pdf", "ndu.pdf", "mdu.pdf", "scanned.pdf", "no_table.pdf", "qku_40_pages.pdf")


def bundled_plans(ref: Reference | None = None) -> dict[str, Plan]:
    """The QKU, NDU and MDU plans read from data/raw by their own text parsers."""
    ref = ref or Reference.load()
    texts = {k: (RAW_DIR / name).read_text(encoding="utf-8") for k, name in RAW.items()}
    vocab = vocabulary(texts.values()) | vocabulary(u["canonical_az"] + " " + u["aliases"] for u in ref.units)
    return {"qku": qku_plan.parse(texts["qku"], RAW["qku"], ref, vocab),
            "ndu": ndu_plan.parse(texts["ndu"], RAW["ndu"], ref, vocab),
            "mdu": mdu_plan.parse(texts["mdu"], RAW["mdu"], ref, vocab)}


# ---------------------------------------------------------------- PDF through HTML and Chromium

def e(text: str | None) -> str:
    return html.escape(text or "")


CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 2pt 0; } h2 { font-size: 11pt; margin: 6pt 0 3pt 0; }
h3 { font-size: 9.5pt; margin: 5pt 0 3pt 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6pt; }
thead { display: table-header-group; }
th, td { vertical-align: top; text-align: left; padding: 2pt 3pt; }
table.ruled th, table.ruled td { border: 0.7pt solid #000; }
table.plain th { border-bottom: 0.7pt solid #000; }
td.heading { font-weight: bold; background: #eee; }
"""


def page_html(body: str, landscape: bool, keep_rows: bool = True, extra_css: str = "") -> str:
    size = "A4 landscape" if landscape else "A4"
    rows = "tr { break-inside: avoid; }" if keep_rows else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page {{ size: {size}; margin: 12mm; }}"
            f"{CSS}{rows}{extra_css}</style></head><body>{body}</body></html>")


def print_pdf(page: str, out: Path) -> Path:
    """Print one HTML page to PDF with headless Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page, encoding="utf-8")
        cmd = [chromium_path() or CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium printed nothing to {out}")
    return out


def lines(items: Iterable[str | None]) -> str:
    return "<br>".join(e(i) for i in items if i)


def qku_rows_html(plan: Plan, goal_offset: int = 0) -> str:
    """QKU actions as rows № | deadline | action | responsible | note, goal and target headings as full-width rows."""
    out: list[str] = []
    shown: set = set()
    for a in plan.actions:
        g = a.goal_no + goal_offset
        if (g, None) not in shown:
            shown.add((g, None))
            out.append(f"<tr><td class='heading' colspan='5'>Məqsəd {g}: {e(plan.goals[a.goal_no])}</td></tr>")
        if (g, a.target_no) not in shown:
            shown.add((g, a.target_no))
            out.append(f"<tr><td class='heading' colspan='5'>Hədəf {a.target_no}: "
                       f"{e(plan.targets[(a.goal_no, a.target_no)])}</td></tr>")
        out.append(f"<tr><td>{a.action_no}.</td><td>{e(a.deadline.raw)}</td><td>{e(a.title)}</td>"
                   f"<td>{e(a.responsible_raw)}</td><td>{e(a.note_raw)}</td></tr>")
    return "".join(out)


QKU_HEAD = ("<thead><tr><th style='width:4%'>№</th><th style='width:11%'>İcra müddəti</th>"
            "<th style='width:40%'>Görülən işin məzmunu</th><th style='width:25%'>Məsul struktur bölməsi</th>"
            "<th style='width:20%'>Qeyd</th></tr></thead>")


def qku_pdf_html(plan: Plan, copies: int = 1) -> str:
    """Landscape, one ruled table, header repeated on every page, columns in another order than the original."""
    body = "".join(qku_rows_html(plan, goal_offset=8 * c) for c in range(copies))
    return page_html("<h1>Qərbi Kaspi Universiteti</h1><h2>Strateji plan 2021-2025</h2>"
                     f"<table class='ruled'>{QKU_HEAD}<tbody>{body}</tbody></table>", landscape=True)


HEADERS_EN = ("No", "Activity", "Timeline", "Responsible units", "Oversight")
HEADERS_RU = ("№ п/п", "Мероприятие", "Срок исполнения", "Ответственный", "Контроль")
HEADERS_TR = ("No", "Faaliyet", "Süre", "Sorumlu birim", "Kontrol")
GOAL_WORDS = {"en": ("Western Caspian University", "Strategic Plan 2021-2025", "Goal", "Target"),
              "ru": ("Западно-Каспийский университет (QKU)", "Стратегический план на 2021-2025 годы", "Цель",
                     "Задача"),
              "tr": ("Batı Hazar Üniversitesi (QKU)", "Stratejik Plan 2021-2025", "Amaç", "Hedef")}


def by_target(plan: Plan) -> list[tuple[int, int, list[Action]]]:
    groups: dict[tuple[int, int], list[Action]] = {}
    for a in plan.actions:
        groups.setdefault((a.goal_no, a.target_no), []).append(a)
    return [(g, t, acts) for (g, t), acts in groups.items()]


def qku_en_pdf_html(plan: Plan) -> str:
    """English headers, no ruling lines (read with the text strategy), goal and target headings as paragraphs."""
    name, title, goal_word, target_word = GOAL_WORDS["en"]
    body = [f"<h1>{name}</h1><h2>{title}</h2>"]
    goal = None
    widths = ("5%", "45%", "12%", "20%", "18%")
    head = "".join(f"<th style='width:{w}'>{h}</th>" for w, h in zip(widths, HEADERS_EN, strict=True))
    for g, t, acts in by_target(plan):
        if g != goal:
            goal = g
            body.append(f"<h2>{goal_word} {g}: {e(plan.goals[g])}</h2>")
        body.append(f"<h3>{target_word} {g}.{t}: {e(plan.targets[(g, t)])}</h3>")
        rows = "".join(f"<tr><td>{a.action_no}</td><td>{e(a.title)}</td><td>{e(a.deadline.raw)}</td>"
                       f"<td>{e(a.responsible_raw)}</td><td>{e(a.note_raw)}</td></tr>" for a in acts)
        body.append(f"<table class='plain'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    css = "td { padding-bottom: 7pt; } table.plain { page-break-inside: auto; }"
    return page_html("".join(body), landscape=False, extra_css=css)


def ndu_pdf_html(plan: Plan) -> str:
    """Two header rows (a merged 'Nəticə indikatoru' over Kəmiyyət | Keyfiyyət), rows allowed to break over pages."""
    head = ("<thead><tr><th rowspan='2' style='width:10%'>Məqsəd</th><th rowspan='2' style='width:22%'>"
            "Fəaliyyətin adı</th><th colspan='2'>Nəticə indikatoru</th><th rowspan='2' style='width:9%'>"
            "İcra mərhələləri</th><th rowspan='2' style='width:13%'>Məsul şəxs / struktur bölmə</th>"
            "<th rowspan='2' style='width:13%'>İcra nəzarət</th><th rowspan='2' style='width:9%'>Hesabatlılıq</th>"
            "</tr><tr><th style='width:12%'>Kəmiyyət</th><th style='width:12%'>Keyfiyyət</th></tr></thead>")
    rows = []
    for a in plan.actions:
        d = a.details
        rows.append(f"<tr><td>Məqsəd - {a.goal_no} hədəf {e(a.goal_ref)}</td><td>{e(a.title)}</td>"
                    f"<td>{e(d.get('indicator_quantitative'))}</td><td>{e(d.get('indicator_qualitative'))}</td>"
                    f"<td>{e(a.deadline.raw)}</td><td>{e(a.responsible_raw)}</td><td>{e(a.note_raw)}</td>"
                    f"<td>{e(d.get('reporting'))}</td></tr>")
    body = ("<h1>NAXÇIVAN DÖVLƏT UNİVERSİTETİ</h1><h2>BEYNƏLXALQ ƏLAQƏLƏR ŞÖBƏSİNİN</h2>"
            "<h2>2025-Cİ İL ÜÇÜN FƏALİYYƏT PLANI</h2>"
            f"<table class='ruled'>{head}<tbody>{''.join(rows)}</tbody></table>")
    return page_html(body, landscape=True, keep_rows=False, extra_css="body { font-size: 10pt; }")


def mdu_sections(plan: Plan) -> list[tuple[int, list[tuple[int, list[Action]]]]]:
    out: dict[int, dict[int, list[Action]]] = {}
    for a in plan.actions:
        out.setdefault(a.goal_no, {}).setdefault(a.target_no, []).append(a)
    return [(s, list(d.items())) for s, d in out.items()]


def executors(a: Action) -> list[str]:
    return [p.strip() for p in (a.responsible_raw or "").replace(",", ".").split(".") if p.strip()]


def mdu_pdf_html(plan: Plan) -> str:
    """The MDU columns with merged (rowspan) section and direction cells, numbered activity texts, bulleted
    executors and the strategy codes one per line; the header is printed once (not repeated on later pages)."""
    head = ("<tr><th style='width:4%'>s.s.</th><th style='width:13%'>Planlaşdırılan istiqamətlər</th>"
            "<th style='width:19%'>Görüləcək işlər</th><th style='width:17%'>İcra yolları</th>"
            "<th style='width:13%'>İcraçı</th><th style='width:7%'>İcra tarixi</th>"
            "<th style='width:8%'>İnkişaf strategiyasındakı yeri</th><th style='width:19%'>Gözlənilən nəticə</th>"
            "</tr>")
    rows = []
    for s, directions in mdu_sections(plan):
        first_s = True
        span_s = sum(len(acts) for _, acts in directions)
        for d, acts in directions:
            for i, a in enumerate(acts):
                cells = []
                if first_s:
                    cells.append(f"<td rowspan='{span_s}'>{s}.</td>")
                    first_s = False
                if i == 0:
                    cells.append(f"<td rowspan='{len(acts)}'>{d}. {e(plan.targets[(s, d)])}</td>")
                number = f"{a.action_no}. " if a.action_no else ""
                people = lines(f"• {x}" for x in executors(a))
                cells += [f"<td>{e(number + a.title)}</td>", f"<td>{e(a.details.get('means'))}</td>",
                          f"<td>{people}</td>", f"<td>{e(a.deadline.raw)}</td>",
                          f"<td>{lines(a.strategy_codes)}</td>", f"<td>{e(a.details.get('expected_result'))}</td>"]
                rows.append(f"<tr>{''.join(cells)}</tr>")
    body = ("<p>Azərbaycan Respublikası Elm və Təhsil Nazirliyi</p>"
            "<h1>Mingəçevir Dövlət Universitetinin Qazilərə sosial xidmət mərkəzinin</h1>"
            "<h2>2025-ci il üçün Fəaliyyət planı</h2>"
            f"<table class='ruled'><tbody>{head}{''.join(rows)}</tbody></table>")
    return page_html(body, landscape=True)


def no_table_pdf_html(plan: Plan) -> str:
    """The plan's goals as paragraphs only: a PDF with text but no table."""
    goals = "".join(f"<p>Məqsəd {g}: {e(t)}</p>" for g, t in plan.goals.items())
    return page_html(f"<h1>Qərbi Kaspi Universiteti</h1><h2>Strateji plan 2021-2025</h2>{goals}", landscape=False)


def scanned_pdf_html(image: Path) -> str:
    """A page that is one picture of a table: no text layer at all."""
    return (f"<!DOCTYPE html><html><head><style>@page {{ size: A4; margin: 0; }} body {{ margin: 0; }}</style>"
            f"</head><body><img src='{image.as_uri()}' style='width:200mm; margin: 5mm'></body></html>")


def scanned_image(out: Path, plan: Plan) -> Path:
    """A picture of the first QKU rows drawn with Pillow, as a scanner would give it."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 20)
    except OSError:
        font = ImageFont.load_default()
    y = 80
    draw.text((80, y), "Qərbi Kaspi Universiteti — Strateji plan 2021-2025", fill=0, font=font)
    y += 60
    for a in [None, *plan.actions[:12]]:
        cells = ["№", "Görülən işin məzmunu", "İcra müddəti", "Məsul"] if a is None else \
            [str(a.action_no), a.title[:40], a.deadline.raw or "", (a.responsible_raw or "")[:25]]
        for x, text in zip((80, 140, 640, 840), cells, strict=True):
            draw.text((x, y + 8), text, fill=0, font=font)
        draw.rectangle((70, y, 1170, y + 40), outline=0)
        y += 40
    img.save(out)
    return out


# ---------------------------------------------------------------- Word

def _docx():
    import docx

    return docx.Document()


def _set_repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _table(doc, header: tuple[str, ...], rows: list[list[str]]):
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    _set_repeat_header(table.rows[0])
    for r, values in enumerate(rows, start=1):
        for cell, text in zip(table.rows[r].cells, values, strict=True):
            cell.text = text or ""
    return table


def _save(doc, out: Path) -> Path:
    doc.save(str(out))
    return out


def qku_docx(plan: Plan, out: Path) -> Path:
    """Target headings as paragraphs between tables ("Hədəf 1.2: ..."), the goal as a vertically merged first
    column, other header words, and one header row repeated inside a long table (as copied from a PDF)."""
    doc = _docx()
    doc.add_heading("Qərbi Kaspi Universiteti (QKU)", level=0)
    doc.add_paragraph("Strateji plan 2021-2025")
    header = ("Məqsəd", "№", "Tədbirlər", "İcraçı", "İcra tarixi", "İcraya nəzarət və qeydlər")
    for g, t, acts in by_target(plan):
        doc.add_paragraph(f"Hədəf {g}.{t}: {plan.targets[(g, t)]}")
        rows = [["", f"{a.action_no}.", a.title, a.responsible_raw, a.deadline.raw, a.note_raw] for a in acts]
        if len(rows) > 12:
            rows.insert(8, list(header))  # the header as a row again in the middle of the table
        table = _table(doc, header, rows)
        merged = table.cell(1, 0).merge(table.cell(len(rows), 0))
        merged.text = f"Məqsəd {g}: {plan.goals[g]}"
    return _save(doc, out)


def qku_ru_docx(plan: Plan, out: Path) -> Path:
    """Russian headers and headings ("Цель 1", "Задача 1.2"), same layout as the English PDF."""
    name, title, goal_word, target_word = GOAL_WORDS["ru"]
    doc = _docx()
    doc.add_heading(name, level=0)
    doc.add_paragraph(title)
    goal = None
    for g, t, acts in by_target(plan):
        if g != goal:
            goal = g
            doc.add_heading(f"{goal_word} {g}: {plan.goals[g]}", level=1)
        doc.add_heading(f"{target_word} {g}.{t}: {plan.targets[(g, t)]}", level=2)
        _table(doc, HEADERS_RU, [[str(a.action_no), a.title, a.deadline.raw, a.responsible_raw, a.note_raw]
                                 for a in acts])
    return _save(doc, out)


def ndu_docx(plan: Plan, out: Path) -> Path:
    """Another NDU layout: a running number, the goal reference in the last column, other header words."""
    doc = _docx()
    doc.add_paragraph("Naxçıvan Dövlət Universiteti")
    doc.add_paragraph("Beynəlxalq Əlaqələr Şöbəsinin 2025-ci il üçün fəaliyyət planı")
    header = ("№", "Fəaliyyətin adı", "Gözlənilən nəticə", "Müddət", "Məsul", "Nəzarət", "Strateji məqsəd / hədəf")
    rows = [[str(i), a.title, a.details.get("indicator_qualitative") or "", a.deadline.raw or "",
             a.responsible_raw, a.note_raw, f"Məqsəd - {a.goal_no} hədəf {a.goal_ref}"]
            for i, a in enumerate(plan.actions, start=1)]
    _table(doc, header, rows)
    return _save(doc, out)


def mdu_docx(plan: Plan, out: Path) -> Path:
    """Hierarchical numbers (section.direction.activity) instead of headings, a vertically merged direction
    column, executors as a dashed list."""
    doc = _docx()
    doc.add_paragraph("Mingəçevir Dövlət Universiteti — Qazilərə sosial xidmət mərkəzi")
    doc.add_paragraph("2025-ci il üçün fəaliyyət planı")
    header = ("Planlaşdırılan istiqamət", "№", "Görüləcək işlər", "İcraçı", "İcra tarixi", "Gözlənilən nəticə")
    rows, spans = [], []
    for s, directions in mdu_sections(plan):
        for d, acts in directions:
            spans.append((len(rows) + 1, len(rows) + len(acts), f"{plan.targets[(s, d)]}"))
            for a in acts:
                number = f"{s}.{d}.{a.action_no}" if a.action_no else f"{s}.{d}"
                rows.append(["", number, a.title, "\n".join(f"- {x};" for x in executors(a)), a.deadline.raw,
                             a.details.get("expected_result")])
    table = _table(doc, header, rows)
    for first, last, text in spans:
        cell = table.cell(first, 0).merge(table.cell(last, 0)) if last > first else table.cell(first, 0)
        cell.text = text
    return _save(doc, out)


def no_tables_docx(plan: Plan, out: Path) -> Path:
    doc = _docx()
    doc.add_heading("Qərbi Kaspi Universiteti — Strateji plan 2021-2025", level=0)
    for g, title in plan.goals.items():
        doc.add_paragraph(f"Məqsəd {g}: {title}")
    return _save(doc, out)


# ---------------------------------------------------------------- Excel

def qku_tr_xlsx(plan: Plan, out: Path) -> Path:
    """Turkish headers, title rows above the header, goal and target headings as merged full-width rows."""
    from openpyxl import Workbook

    name, title, goal_word, target_word = GOAL_WORDS["tr"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append([name])
    ws.append([title])
    ws.append([])
    ws.append(list(HEADERS_TR))
    goal = None
    for g, t, acts in by_target(plan):
        for text in ([f"{goal_word} {g}: {plan.goals[g]}"] if g != goal else []) + \
                [f"{target_word} {g}.{t}: {plan.targets[(g, t)]}"]:
            ws.append([text])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        goal = g
        for a in acts:
            ws.append([a.action_no, a.title, a.deadline.raw, a.responsible_raw, a.note_raw])
    wb.create_sheet("Notlar").append(["Bu sayfa boştur"])
    wb.save(str(out))
    return out


def no_header_xlsx(plan: Plan, out: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for a in plan.actions[:20]:
        ws.append([f"{a.goal_no}.{a.target_no}.{a.action_no}", a.title, a.deadline.raw, a.responsible_raw])
    wb.save(str(out))
    return out


# ---------------------------------------------------------------- an encrypted PDF without new dependencies

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(out: Path, user_password: bytes = b"secret") -> Path:
    """A one-page PDF locked with a user password (standard security handler, revision 2, RC4 40-bit)."""
    doc_id = hashlib.md5(b"strategy-dashboard-original").digest()
    permissions = -4
    owner_key = hashlib.md5((b"owner" + PAD)[:32]).digest()[:5]
    o_value = rc4(owner_key, (user_password + PAD)[:32])
    key = hashlib.md5((user_password + PAD)[:32] + o_value + permissions.to_bytes(4, "little", signed=True)
                      + doc_id).digest()[:5]
    u_value = rc4(key, PAD)
    content = b"BT /F1 14 Tf 72 720 Td (Qarbi Kaspi Universiteti - Strateji plan 2021-2025) Tj ET"
    obj_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    stream = rc4(obj_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <" + u_value.hex().encode()
        + b"> /P " + str(permissions).encode() + b" >>",
    ]
    buf = io.BytesIO()
    buf.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(buf.tell())
        buf.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = buf.tell()
    buf.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        buf.write(f"{off:010d} 00000 n \n".encode())
    ids = doc_id.hex().encode()
    buf.write(b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R /Encrypt 6 0 R /ID [<"
              + ids + b"> <" + ids + b">] >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n")
    out.write_bytes(buf.getvalue())
    return out


# ---------------------------------------------------------------- all of them

def pdf_pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def qku_40_pages(plan: Plan, out: Path, pages: int = 40) -> Path:
    """The QKU table repeated (goals renumbered) until the PDF has about `pages` pages."""
    one = print_pdf(qku_pdf_html(plan, 1), out)
    copies = max(1, math.ceil(pages / pdf_pages(one)))
    return print_pdf(qku_pdf_html(plan, copies), out)


def make_all(out_dir: Path, pdf: bool | None = None) -> dict[str, Path]:
    """Write every original into out_dir; PDFs only when Chromium is there (or pdf=True). Name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plans = bundled_plans()
    qku, ndu, mdu = plans["qku"], plans["ndu"], plans["mdu"]
    made: dict[str, Path] = {}
    jobs: dict[str, Callable[[Path], Path]] = {
        "qku.docx": lambda p: qku_docx(qku, p),
        "qku_ru.docx": lambda p: qku_ru_docx(qku, p),
        "qku_tr.xlsx": lambda p: qku_tr_xlsx(qku, p),
        "ndu.docx": lambda p: ndu_docx(ndu, p),
        "mdu.docx": lambda p: mdu_docx(mdu, p),
        "no_tables.docx": lambda p: no_tables_docx(qku, p),
        "no_header.xlsx": lambda p: no_header_xlsx(qku, p),
        "encrypted.pdf": encrypted_pdf,
    }
    if pdf if pdf is not None else chromium_path() is not None:
        jobs |= {
            "qku.pdf": lambda p: print_pdf(qku_pdf_html(qku), p),
            "qku_en.pdf": lambda p: print_pdf(qku_en_pdf_html(qku), p),
            "ndu.pdf": lambda p: print_pdf(ndu_pdf_html(ndu), p),
            "mdu.pdf": lambda p: print_pdf(mdu_pdf_html(mdu), p),
            "scanned.pdf": lambda p: print_pdf(scanned_pdf_html(scanned_image(out_dir / "scan.png", qku)), p),
            "no_table.pdf": lambda p: print_pdf(no_table_pdf_html(qku), p),
            "qku_40_pages.pdf": lambda p: qku_40_pages(qku, p),
        }
    with ThreadPoolExecutor(2) as pool:  # the PDFs are Chromium processes: two at a time
        futures = {name: pool.submit(job, out_dir / name) for name, job in jobs.items()}
        for name, future in futures.items():
            made[name] = future.result()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "originals")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (they need Chromium)")
    args = parser.parse_args()
    for name, path in make_all(args.out, pdf=False if args.no_pdf else None).items():
        print(f"{name:20} {path.stat().st_size:>9} bytes  {path}")


if __name__ == "__main__":
    main()
