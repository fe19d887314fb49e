"""Reading an upload in a separate process with a memory and a time limit.

A document of a few kilobytes can be built to inflate to gigabytes or to loop for hours inside a parser
(a compressed PDF stream of zeros, a sheet declaring a million rows, a merged range over every cell). The
parsers cap what they know of; this covers what nobody has found yet: the upload is parsed in a fresh
interpreter (not a fork: forking a server that runs threads is unsafe) whose address space is limited
(RLIMIT_AS, $STRATEGY_PARSE_MAX_MB) and its computing time (RLIMIT_CPU, $STRATEGY_PARSE_SECONDS): the kernel
stops it there, and this process kills it once WAIT_FACTOR times that has passed on the clock (a busy server
shares its cores: the clock alone would refuse an ordinary 40-page PDF on a crowded day). What comes back is
plain data: the parsed plans and the preview's column layouts, or the parser's refusal. A process that
runs out of memory or time becomes a refusal naming the file, and the server's memory stays as it was.
The child never opens a database: the column roles remembered in the user store are read here and passed in.

A scanned plan is read by OCR, a few seconds a page in tesseract processes of the child's own (each under the
same limits). The child writes one PAGE_MARK before each such page, ahead of its answer, and each mark gives it
OCR_PAGE_WALL more seconds on the clock, up to parse.ocr_tables.MAX_PAGES pages: a 20-page scan is not
refused for its length, and a document cannot buy more time than its pages.
"""
from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import pickle
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from parse import generic_plan, ocr_tables
from parse.documents import SourceText
from parse.errors import LoadError
from parse.reference import Reference
from paths import PARSE_MAX_MB_ENV, PARSE_SECONDS_ENV, ROOT, parse_max_mb, parse_seconds

UNREADABLE = ("a document that can be read within {seconds:g} s of computing and {memory} of memory; this one could "
              "not be (it may be damaged, or built to exhaust the server)")
WAIT_FACTOR = 3  # wall time allowed per second of computing: a busy server shares its cores among many
OCR_PAGE_WALL = 20.0  # more wall time per scanned page read by OCR (a page takes 2-5 s; tesseract runs apart)
PAGE_MARK = b"+"  # the parsing process writes one before each page it reads by OCR, ahead of its answer
PREVIEW_PAGES = 3  # scanned pages shown in the preview beside what was read from them
_BAD_NAMES = {"", ".", ".."}
log = logging.getLogger(__name__)


@dataclass
class Cost:
    """What parsing one upload cost: the parsing process's peak resident memory and the wall time."""
    peak_mb: float
    seconds: float


_last: list[Cost] = []  # the latest parse's cost, in any thread of this process (figures, tests)


@dataclass
class Memory:
    """Column roles chosen before (state/column_mappings), as plain data: for this file, and the latest one
    of each university. Answers the two questions plandb.build.read_original asks the user store."""
    by_file: dict[str, dict[str, str]] = field(default_factory=dict)
    by_university: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_file(self, sha256: str) -> dict[str, str] | None:
        return self.by_file.get(sha256)

    def for_university(self, institution: str) -> dict[str, str] | None:
        return self.by_university.get(institution)


@dataclass
class ScanPage:
    """A page read by OCR as the preview shows it: a small picture of it and the rows read from it."""
    page: int
    png: bytes  # a JPEG, small
    rows: list[list[str | None]]
    low: list[tuple[int, int]] = field(default_factory=list)  # cells read with low confidence (row, column)


@dataclass
class Job:
    """An upload as the parsing process read it (its bytes left behind), and what reading it cost."""
    source: SourceText
    parsed: object  # plandb.build.Parsed
    columns: list[tuple[str, list]] = field(default_factory=list)  # each table layout and its column roles
    used_roles: dict[str, str] | None = None
    peak_mb: float = 0.0  # the parsing process's peak resident memory (measured by this process)
    seconds: float = 0.0
    scans: list[ScanPage] = field(default_factory=list)  # the first pages read by OCR, to check by eye


def check_upload_name(name: str | None) -> str:
    """The upload's own file name (no folder), or a LoadError saying why it cannot be one."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    if "\x00" in (name or ""):
        raise LoadError("upload", "file name", "a file name without control characters",
                        "a name containing a NUL byte")
    if base.strip() in _BAD_NAMES or any(ord(ch) < 32 for ch in base):
        raise LoadError("upload", "file name", "a file name such as plan.pdf", base or "no name")
    if len(base.encode("utf-8")) > 200:
        raise LoadError("upload", "file name", "a file name of at most 200 bytes", base[:40] + "…")
    return base


@contextlib.contextmanager
def upload_copy(name: str | None, data: bytes) -> Iterator[Path]:
    """The uploaded bytes as a file under their own name in a private temporary folder, removed on leaving:
    one copy per use, never left behind. A name that cannot be a file name is refused (check_upload_name)."""
    base = check_upload_name(name)
    folder = Path(tempfile.mkdtemp(prefix="upload-"))
    try:
        path = folder / base
        path.write_bytes(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remembered(sha256: str) -> Memory:
    """The column roles remembered for this file and for every university (read in this process)."""
    from state import user_store

    rows = user_store.read("SELECT sha256, institution, mapping FROM column_mappings ORDER BY chosen_at")
    memory = Memory()
    for sha, institution, mapping in rows.itertuples(index=False):
        roles = json.loads(mapping)
        if sha == sha256:
            memory.by_file[sha] = roles
        memory.by_university[institution] = roles
    return memory


def _memory_text(mb: int) -> str:
    return f"{mb / 1024:g} GB" if mb % 1024 == 0 else f"{mb} MB"


def parse_upload(path: Path, ref: Reference, roles: dict[str, str] | None = None,
                 memory: Memory | None = None) -> Job:
    """Read and parse `path` in a separate, limited process. Raises the parser's LoadError, or a LoadError
    naming the file when the process ran out of memory or time (or died)."""
    path = Path(path)
    if memory is None:
        import hashlib

        memory = remembered(hashlib.sha256(path.read_bytes()).hexdigest())
    seconds, max_mb = parse_seconds(), parse_max_mb()
    request = pickle.dumps((str(path), ref, roles, memory, max_mb, seconds))
    started = time.monotonic()
    # a fresh interpreter, not multiprocessing: no fork of a threaded server, no re-import of its main module
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    watched = [0.0]
    try:
        answer = _exchange(child, request, started + seconds * WAIT_FACTOR, watched)
    finally:
        _reap(child)
    elapsed = time.monotonic() - started
    try:
        message = pickle.loads(answer) if answer else None
    except Exception:  # noqa: BLE001 - cut short: the process was killed while answering
        message = None
    peak_mb = max(watched[0], message[2] if message else 0.0)
    _last[:] = [Cost(peak_mb, elapsed)]
    if message is None or message[0] == "exhausted":
        log.warning("parsing process for %s stopped without a result after %.1f s, peak %.0f MB (exit code %s)",
                    path.name, elapsed, peak_mb, child.returncode)
        raise LoadError(str(path), "whole file", UNREADABLE.format(seconds=seconds, memory=_memory_text(max_mb)))
    if message[0] == "refused":
        raise LoadError(*message[1])
    if message[0] == "failed":  # a parser bug: said without the server's details
        raise LoadError(str(path), "whole file", "a document the reader can handle",
                        f"a {message[1]} while reading it")
    job: Job = message[1]
    job.seconds, job.peak_mb = elapsed, peak_mb
    return job


def _exchange(child: subprocess.Popen, request: bytes, deadline: float, watched: list[float]) -> bytes:
    """Send the request, read the answer until the process closes its output or the deadline passes (then
    b""). While waiting, watched[0] follows the process's peak resident memory (it may be killed before it can
    say; Popen.communicate could not watch it)."""
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(request)  # read whole by the child before it does anything else
        child.stdin.close()
    except BrokenPipeError:
        return b""
    chunks: list[bytes] = []
    marks = 0  # pages read by OCR so far: each brings OCR_PAGE_WALL more seconds, up to ocr_tables.MAX_PAGES
    with selectors.DefaultSelector() as sel:
        sel.register(child.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return b""
            watched[0] = max(watched[0], _peak_mb(child.pid))
            if not sel.select(min(left, 0.2)):
                continue
            chunk = os.read(child.stdout.fileno(), 1 << 20)
            if not chunk:
                return b"".join(chunks)
            if not chunks:
                lead = len(chunk) - len(chunk.lstrip(PAGE_MARK))
                more = min(lead, ocr_tables.MAX_PAGES - marks)
                marks += more
                deadline += more * OCR_PAGE_WALL
                chunk = chunk[lead:]
                if not chunk:
                    continue
            chunks.append(chunk)


def _peak_mb(pid: int | str = "self") -> float:
    """A process's peak resident memory (VmHWM) in MB; 0 when it is gone. (getrusage of a child is no use:
    it counts the server's own memory at the moment the child was started.)"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reap(child: subprocess.Popen) -> None:
    """Stop the parsing process if it still runs and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)  # it answered or ran out of time: nothing more to do either way
        # (not Popen.kill: that may reap the process first, and its pid could then be someone else's)
    for pipe in (child.stdin, child.stdout):
        if pipe is not None and not pipe.closed:
            pipe.close()
    child.wait()


def last_cost() -> Cost | None:
    """What the latest parse_upload of this process cost (for scripts and tests that print figures)."""
    return _last[0] if _last else None


CHILD = "from plandb.parse_job import serve; serve()"


def serve() -> None:
    """The parsing process: limit the address space, read the request on stdin, answer on stdout."""
    request = sys.stdin.buffer.read()
    path, ref, roles, memory, max_mb, seconds = pickle.loads(request)
    import parse.documents  # noqa: F401 - what _parse needs, loaded before the limits: a library loaded under a
    import plandb.build  # noqa: F401 - small limit fails as an ImportError, not as running out of memory
    limit = max_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = max(1, math.ceil(seconds))  # computing time, whatever else the machine is doing; kept by the kernel
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    generic_plan.reuse_tables()  # this process reads one document: its tables once, however often it is parsed
    ocr_tables.on_page = _page_mark
    try:
        message = ("ok", _parse(Path(path), ref, roles, memory))
    except LoadError as exc:  # a parser that caught running out of memory says so in its own words
        exhausted = any(word in str(exc.found or "") for word in ("MemoryError", "Unable to allocate"))
        message = ("exhausted", None) if exhausted else ("refused", (exc.file, exc.where, exc.expected, exc.found))
    except (MemoryError, RecursionError):
        message = ("exhausted", None)
    except Exception as exc:  # noqa: BLE001 - any other parser failure is a refusal, not a traceback
        # a library that cannot be loaded for want of memory (ENOMEM) is the limit too, not a parser bug
        message = ("exhausted", None) if "memory" in str(exc).lower() else ("failed", type(exc).__name__)
    try:
        answer = pickle.dumps((*message, _peak_mb()))
    except MemoryError:
        answer = pickle.dumps(("exhausted", None, _peak_mb()))
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()


def _page_mark() -> None:
    """Tell the server a page is being read by OCR (it allows OCR_PAGE_WALL more seconds for it)."""
    sys.stdout.buffer.write(PAGE_MARK)
    sys.stdout.buffer.flush()


def _scan_pages(data: bytes, name: str) -> list[ScanPage]:
    """The first PREVIEW_PAGES pages read by OCR, each as a small picture with the rows read from it."""
    try:
        tables = generic_plan.read_tables(data, name)  # kept from the parse: not read again
    except LoadError:
        return []
    by_page: dict[int, list] = {}
    for t in tables:
        if t.method == "ocr":
            by_page.setdefault(int(t.where.split(",")[0].split()[1]), []).append(t)
    numbers = sorted(by_page)[:PREVIEW_PAGES]
    if not numbers:
        return []
    out = []
    for no, png in ocr_tables.preview_images(data, name, numbers):
        rows: list[list[str | None]] = []
        low: list[tuple[int, int]] = []
        for t in by_page[no]:
            low += [(len(rows) + r, c) for r, c in t.confidence]
            rows += [list(r) for r in t.rows]
        out.append(ScanPage(no, png, rows, low))
    return out


def _parse(path: Path, ref: Reference, roles: dict[str, str] | None, memory: Memory) -> Job:
    """read_source and parse_sources as the preview needs them, plus each table layout's column roles."""
    from parse.documents import read_source
    from plandb.build import RAW_DIR, parse_sources, source_files

    src = read_source(path)
    vocab_texts = [p.read_text(encoding="utf-8") for p in source_files(RAW_DIR) if p.suffix == ".txt"]
    parsed = parse_sources([src], ref, vocab_texts, roles, memory)
    columns: list[tuple[str, list]] = []
    used = None
    if src.kind == generic_plan.KIND:
        used = roles or memory.for_file(src.sha256)
        if used is None and parsed.plans:
            used = memory.for_university(parsed.plans[0][1].institution)
        columns = generic_plan.roles_of(src.data, src.path.name, ref, used)
    scans = _scan_pages(src.data, src.path.name) if src.kind == generic_plan.KIND else []
    light = replace(src, data=b"")  # the bytes stay here: the caller has the file
    parsed.sources = [light]
    parsed.plans = [(light, plan) for _s, plan in parsed.plans]
    parsed.statuses = [(light, rows) for _s, rows in parsed.statuses]
    parsed.compendia = [(light, c) for _s, c in parsed.compendia]
    parsed.syllabi = [(light, s) for _s, s in parsed.syllabi]
    return Job(light, parsed, columns, used, scans=scans)


__all__ = ["PARSE_MAX_MB_ENV", "PARSE_SECONDS_ENV", "Cost", "Job", "Memory", "ScanPage", "check_upload_name",
           "last_cost", "parse_upload", "remembered", "upload_copy"]
