"""Reading a source file safely and deciding which kind of document it is (by content)."""
from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from parse import cbhe, generic_plan, mdu_plan, ndu_plan, qku_plan, syllabus, xlsx_plan
from parse.errors import LoadError

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
    generic_plan.KIND: "a plan as a table in a PDF, Word (.docx) or Excel (.xlsx) file, in any column layout, or a "
                       "scanned plan (a PDF of page pictures, PNG, JPEG or TIFF) read by OCR",
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
    office = generic_plan.kind_of(data)  # PDF, Word, Excel or a scanned image: told by content, not by the name
    if office == "xlsx" and xlsx_plan.is_template(data):
        return SourceText(path, None, digest, len(data), xlsx_plan.KIND, data)
    if office is not None:
        return SourceText(path, None, digest, len(data), generic_plan.KIND, data)
    if data[:4] == b"PK\x03\x04":
        try:
            zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise LoadError(name, "whole file", "a valid Office (zip) file", "a damaged or truncated archive") from None
        raise LoadError(name, "whole file", "a PDF, Word (.docx) or Excel (.xlsx) plan", "another kind of zip archive")
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
