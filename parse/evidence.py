"""Evidence a unit attaches to an update: a file (PDF, Word, Excel, PNG, JPEG) or an http(s) link.

The type is told from the content, never from the name: an HTML page named report.pdf is refused, and an
Office file goes through the zip guard (parse/safe_zip.py). Pure: bytes in, a verdict out.
"""
from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import urlsplit

from parse.errors import LoadError
from parse.safe_zip import check_zip

MAX_MB_ENV = "STRATEGY_EVIDENCE_MAX_MB"
DEFAULT_MAX_MB = 10
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx"}
EXPECTED = "a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file"


def max_bytes() -> int:
    """The largest evidence file accepted ($STRATEGY_EVIDENCE_MAX_MB, default 10 MB)."""
    try:
        mb = float(os.environ.get(MAX_MB_ENV, DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(max(mb, 0.1) * 1024 * 1024)


def safe_name(name: str) -> str:
    """A file name fit to show and to offer for download: no folders, no control characters, ≤ 120 chars."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C").strip(" .")
    return base[:120] or "evidence"


def media_type(data: bytes, file: str) -> str:
    """The type of an evidence file from its first bytes; raises LoadError naming the file otherwise."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        zf = check_zip(data, file, "[Content_Types].xml")
        names = set(zf.namelist())
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        raise LoadError(file, "archive", "a Word (.docx) or Excel (.xlsx) file", "another kind of zip archive")
    head = data[:64].lstrip().lower()
    found = "an HTML page" if head.startswith((b"<!doctype html", b"<html", b"<")) else "another kind of file"
    raise LoadError(file, "whole file", EXPECTED, found)


def check_file(name: str, data: bytes) -> tuple[str, str]:
    """(shown name, media type) of an acceptable evidence file; LoadError naming the file otherwise."""
    shown = safe_name(name)
    limit = max_bytes()
    if not data:
        raise LoadError(shown, "whole file", EXPECTED, "an empty file")
    if len(data) > limit:
        raise LoadError(shown, "whole file", f"at most {limit / 2**20:.0f} MB", f"{len(data) / 2**20:.1f} MB")
    kind = media_type(data, shown)
    return shown, kind


def check_link(url: str) -> str:
    """An http(s) link with a host, as typed (trimmed); ValueError saying what is expected otherwise."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url) \
            or len(url) > 2000:
        raise ValueError(f"a link starting with http:// or https:// is expected, found {url[:80]!r}")
    return url
