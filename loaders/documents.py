"""Reading a source file safely and deciding which kind of document it is (by content)."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from loaders import cbhe, docx_plan, mdu_plan, ndu_plan, qku_plan, syllabus, xlsx_plan
from loaders.errors import LoadError

DETECTORS = [
    (qku_plan.KIND, qku_plan.detect),
    (ndu_plan.KIND, ndu_plan.detect),
    (mdu_plan.KIND, mdu_plan.detect),
    (cbhe.KIND, cbhe.detect),
    (syllabus.KIND, syllabus.detect),
]
KIND_NAMES = {
    qku_plan.KIND: "QKU-style strategic plan (Məqsəd / Hədəf / № Görülən işin məzmunu)",
    ndu_plan.KIND: "tab-separated activity plan (Fəaliyyətin adı ... İcra nəzarət)",
    mdu_plan.KIND: "activity plan with Planlaşdırılan istiqamətlər / İcra yolları / Gözlənilən nəticə",
    cbhe.KIND: "CBHE project compendium (Layihə ID ...)",
    syllabus.KIND: "course syllabus (Fənnin kodu ...)",
    docx_plan.KIND: "Word plan (.docx) with Məqsəd/Hədəf headings and plan tables",
    xlsx_plan.KIND: "Excel plan template (.xlsx) from `python -m reports workbook --template`",
}
MAX_BYTES = int(float(os.environ.get("STRATEGY_MAX_UPLOAD_MB", "20")) * 1024 * 1024)  # also server.maxUploadSize


@dataclass
class SourceText:
    path: Path
    text: str | None  # None for Word and Excel files
    sha256: str
    size: int
    kind: str
    data: bytes = b""


def read_source(path: Path) -> SourceText:
    """Read a document as UTF-8 text and detect its kind, or raise LoadError saying why not."""
    name = str(path)
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(name, "whole file", "a non-empty UTF-8 text document", f"{len(data)} bytes")
    if len(data) > MAX_BYTES:
        raise LoadError(name, "whole file", f"at most {MAX_BYTES // (1024 * 1024)} MB", f"{len(data)} bytes")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LoadError(name, "byte 0", "UTF-8 text", "a UTF-16 byte-order mark; save the file as UTF-8")
    digest = hashlib.sha256(data).hexdigest()
    if data[:4] == b"PK\x03\x04":  # a zip: Word or Excel, told apart by content, not by the file's name
        for kind, detect in ((docx_plan.KIND, docx_plan.detect), (xlsx_plan.KIND, xlsx_plan.detect)):
            if detect(data):
                return SourceText(path, None, digest, len(data), kind, data)
        raise LoadError(name, "whole file", "a Word (.docx) plan or the Excel (.xlsx) plan template",
                        "another kind of zip archive")
    if data[:5] == b"%PDF-":
        raise LoadError(name, "byte 0", "UTF-8 text, .docx or .xlsx (a PDF must be exported to text first)", "%PDF")
    nul = data.find(b"\x00", 0, 4096)
    if nul >= 0:
        raise LoadError(name, f"byte {nul}", "UTF-8 text", "a NUL byte (binary file?)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "the file ends in the middle of a character (truncated?)" if exc.reason.startswith(
            "unexpected end") else f"byte 0x{data[exc.start]:02x}; is it in another encoding such as cp1251?"
        raise LoadError(name, f"line {line}, byte {exc.start}", "UTF-8 text", hint) from None
    text = text.lstrip("\ufeff")
    kinds = [kind for kind, detect in DETECTORS if detect(text)]
    if not kinds:
        raise LoadError(name, "whole file", "one of the known document kinds: " + "; ".join(KIND_NAMES.values()),
                        "none of their headings")
    return SourceText(path, text, digest, len(data), kinds[0], data)
