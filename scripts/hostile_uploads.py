"""What hostile uploads cost (issue 28, item 1): each hostile file of tests/test_hostile_uploads.py plus a legal but
huge PDF (100,000 rows on one page) is parsed the way the Data page parses an upload, and the figures are printed:
file size, wall time, the parsing process's peak memory, this process's memory before and after, the answer.

    python scripts/hostile_uploads.py [--shot DIR]

With --shot, a Streamlit server is started on a private copy of the seed data; an editor uploads the PDF bomb on
the Data page (headless Chromium), the page is photographed, and the server's memory before and after is printed.
"""
from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
import zlib
from pathlib import Path

from parse.errors import LoadError
from parse.reference import Reference
from plandb import importer, parse_job
from tests.test_hostile_uploads import CASES, _pdf


def huge_pdf(rows: int = 100_000) -> bytes:
    """One page with `rows` text lines of a table (№, action, deadline): legal, and far beyond any plan."""
    lines = [f"BT /F1 1 Tf 20 {800 - i * 0.0075:.4f} Td ({i + 1}  Tedbir {i * 7919 % 100003}  2025) Tj ET"
             for i in range(rows)]
    stream = zlib.compress("\n".join(lines).encode("latin-1"), 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


def rss_mb(pid: int | str = "self") -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def figures(folder: Path) -> None:
    ref = Reference.load()
    files = {name: build() for name, (build, _said) in CASES.items()}
    files["rows_100000.pdf"] = huge_pdf()
    print(f"limits: {parse_job.parse_max_mb()} MB, {parse_job.parse_seconds():g} s")
    print(f"{'file':<18}{'size':>10}{'seconds':>9}{'peak MB':>9}{'RSS here':>16}  answer")
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        before = rss_mb()
        try:
            parse_job.parse_upload(path, ref, memory=parse_job.Memory())
            answer = "read"
        except LoadError as exc:
            answer = importer.user_message(exc, name)
        cost = parse_job.last_cost()
        print(f"{name:<18}{len(data) / 1024:>8.1f}KB{cost.seconds:>9.1f}{cost.peak_mb:>9.0f}"
              f"{before:>8.0f}->{rss_mb():>5.0f}  {answer[:150]}")


def shot(out: Path, folder: Path) -> None:
    """The Data page refusing hostile uploads (files of `folder`), the server's memory around each upload, and a
    photograph of the PDF bomb refused."""
    from playwright.sync_api import sync_playwright

    from paths import RAW_DIR
    from plandb.build import build
    from scripts.harness import launch_browser, start_server
    from scripts.screenshots import settle

    root = Path(tempfile.mkdtemp(prefix="hostile-shots-"))
    env = {"STRATEGY_DB": str(root / "s.duckdb"), "STRATEGY_IMPORTS": str(root / "imported"),
           "STRATEGY_USER_DB": str(root / "user.duckdb"), "STRATEGY_TODAY": "2026-12-03",
           "STRATEGY_EDITOR_PASSWORD": "shots"}
    os.environ.update(env)
    build(RAW_DIR, root / "s.duckdb", imports=root / "imported")
    out.mkdir(parents=True, exist_ok=True)
    with start_server(env) as srv, sync_playwright() as p:
        url, server = srv.url, srv.pid
        browser = launch_browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/data?lang=en")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
        settle(page, 1500)
        inputs = page.locator('[data-testid="stMainBlockContainer"] input[type="text"], '
                              '[data-testid="stMainBlockContainer"] input[type="password"]')
        inputs.nth(0).fill("Strategy office")
        inputs.nth(1).fill("shots")
        inputs.nth(1).press("Enter")
        settle(page, 2500)
        for name in ("rows_100000.pdf", "dimension.xlsx", "bomb.pdf"):  # the bomb last: it is photographed
            before = rss_mb(server)
            started = time.monotonic()
            page.locator('input[type="file"]').set_input_files(str(folder / name))
            error = page.locator('[data-testid="stAlertContentError"]', has_text=name).first
            error.wait_for(timeout=180000)
            settle(page, 1000)
            print(f"server: {name} refused on the page after {time.monotonic() - started:.1f} s; server memory "
                  f"{before:.0f} MB before the upload, {rss_mb(server):.0f} MB after: {error.inner_text()[:160]}")
        error.scroll_into_view_if_needed()
        page.screenshot(path=str(out / "data_hostile_refused.png"))
        print(f"shot: {out / 'data_hostile_refused.png'}")
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shot", type=Path, default=None, help="folder for the Data page screenshot")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    figures(folder)
    if args.shot:
        shot(args.shot, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
