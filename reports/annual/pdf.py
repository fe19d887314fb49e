"""The report as PDF: LibreOffice headless converts the .docx (Debian `libreoffice-writer-nogui`)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

NO_SOFFICE = ("LibreOffice (soffice) is not installed on this machine: the Word file was written, the PDF was not "
              "(apt-get install libreoffice-writer-nogui)")
TIMEOUT = 180


class PdfError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx; PdfError names what went wrong (no LibreOffice, a conversion that failed)."""
    exe = soffice()
    if exe is None:
        raise PdfError(NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="annual_pdf_") as tmp:
        folder = Path(tmp)
        src = folder / "report.docx"
        src.write_bytes(docx)
        profile = (folder / "profile").as_uri()  # a private profile: conversions running at once do not collide
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
               "--outdir", str(folder), str(src)]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice took more than {TIMEOUT} s to convert the report") from None
        out = folder / "report.pdf"
        if not out.exists():
            raise PdfError("LibreOffice could not convert the report: "
                           + (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:])
        return out.read_bytes()
