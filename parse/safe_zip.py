"""Guards for .docx/.xlsx uploads (zip files): size, entry count and compression ratio; safe workbook opening."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from parse.errors import LoadError

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200  # a zip bomb expands thousands of times; Office files stay well under this


def check_zip(data: bytes, file: str, must_contain: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise LoadError(file, "whole file", "a valid Office (zip) file", "a damaged or truncated archive") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise LoadError(file, "archive", f"at most {MAX_ENTRIES} entries", str(len(infos)))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise LoadError(file, "archive", f"at most {MAX_UNCOMPRESSED // 2**20} MB uncompressed", f"{total} bytes")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise LoadError(file, info.filename, f"a compression ratio under {MAX_RATIO}:1 (zip bomb?)",
                            f"{info.file_size // max(info.compress_size, 1)}:1")
    if must_contain not in zf.namelist():
        raise LoadError(file, "archive", f"an Office file with {must_contain}", ", ".join(zf.namelist()[:5]))
    return zf


@contextmanager
def open_workbook(data: bytes, file: str) -> Iterator:
    """An Excel workbook read safely: the zip guard, read-only, cached values only (no formula runs).
    openpyxl parses sheets lazily, so a damaged part shows up while the caller reads: that too becomes a
    LoadError naming the file."""
    from openpyxl import load_workbook

    check_zip(data, file, "xl/workbook.xml")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise LoadError(file, "whole file", "an Excel workbook (.xlsx)", type(exc).__name__) from None
    try:
        for ws in wb.worksheets:  # a sheet's declared size (<dimension ref="A1:XFD150000">) would pad every row
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
        yield wb
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(file, "whole file", "a readable Excel workbook", f"{type(exc).__name__}: {exc}"[:120]) \
            from None
    finally:
        wb.close()
