"""Look at an import as its users do (issue 25): the Data page's preview of scanned plans and a Word original, a scan
refused, an import applied, then the action page of an action read by OCR and the explorer filtered to its
university; full-page screenshots in each language and width.

The app runs on a copy of the bundled data (a database built in a temporary folder, its own user store, the date
2026-12-03); the uploads are written by scripts/make_scans.py and scripts/make_new_originals.py.

Usage: python -m scripts.import_shots [--out artifacts/import_shots] [--lang az en] [--width 1400 390]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from scripts import harness
from scripts.screenshots import ROOT, settle

PASSWORD = "shots"


def full_page(page, path: Path, width: int) -> None:
    """The whole page at `width` px (the viewport made as tall as the page: Streamlit scrolls inside it)."""
    page.set_viewport_size({"width": width, "height": 1000})
    page.wait_for_timeout(800)
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"],'
        + '[data-testid="stMainBlockContainer"], section')].map(e => e.scrollHeight), 1000)""")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(path), full_page=True)
    print(f"shot: {path}", flush=True)


def sign_in(page, url: str, lang: str) -> None:
    """Open the Data page and sign in as the editor (the embedded mode's password)."""
    page.goto(f"{url}/data" + ("?lang=en" if lang == "en" else ""))
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
    settle(page, 1500)
    inputs = page.locator('[data-testid="stMainBlockContainer"] input[type="text"], '
                          '[data-testid="stMainBlockContainer"] input[type="password"]')
    inputs.nth(0).fill("Strategiya şöbəsi")
    inputs.nth(1).fill(PASSWORD)
    inputs.nth(1).press("Enter")
    settle(page, 2500)


def upload(page, path: Path) -> None:
    """Give the file to the uploader and wait for its preview (or its refusal)."""
    started = time.monotonic()
    page.locator('input[type="file"]').set_input_files(str(path))
    page.wait_for_timeout(2000)
    page.locator('[data-testid="stText"], [data-testid="stAlertContentError"]').first.wait_for(timeout=240000)
    settle(page, 3000)
    print(f"read {path.name} in {time.monotonic() - started:.1f} s", flush=True)


def inputs(folder: Path) -> tuple[list[Path], Path]:
    """The uploads to preview and the one to import."""
    from scripts.make_new_originals import make_all
    from scripts.make_scans import make_scans

    scans = {name: path for name, (_o, path) in make_scans(folder / "scans").items()}
    originals = {name: path for name, (_o, path) in make_all(folder / "originals", pdf=False).items()}
    previews = [scans["gdu_2026_scan.png"], scans["gdu_2026_scan.pdf"], originals["azmiu_2026.docx"],
                scans["no_table_scan.png"]]
    return previews, scans["gdu_2026_scan.png"]


def shoot(out: Path, langs: list[str], widths: list[int]) -> list[Path]:
    import duckdb
    from playwright.sync_api import sync_playwright

    from analytics.i18n import t
    from paths import RAW_DIR
    from plandb.build import build

    root = Path(tempfile.mkdtemp(prefix="import-shots-"))
    env = {"STRATEGY_DB": str(root / "s.duckdb"), "STRATEGY_IMPORTS": str(root / "imported"),
           "STRATEGY_USER_DB": str(root / "user.duckdb"), "STRATEGY_TODAY": "2026-12-03",
           "STRATEGY_EDITOR_PASSWORD": PASSWORD}
    os.environ.update(env)
    build(RAW_DIR, root / "s.duckdb", imports=root / "imported")
    previews, to_import = inputs(root / "uploads")
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def shot(page, name: str) -> None:
        for width in widths:
            shots.append(out / f"{name}_{width}.png")
            full_page(page, shots[-1], width)

    with harness.start_server(env) as server, sync_playwright() as p:
        url = server.url
        browser = harness.launch_browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for lang in langs:
            for path in previews:
                sign_in(page, url, lang)
                upload(page, path)
                shot(page, f"preview_{path.name.replace('.', '_')}_{lang}")
        sign_in(page, url, langs[0])
        upload(page, to_import)
        page.get_by_role("button", name=t("im.apply", langs[0])).click()
        applied = t("im.applied", langs[0], id="\x00").split("\x00")[0]
        page.get_by_text(applied).or_(page.locator('[data-testid="stAlertContentError"]')).first.wait_for(
            timeout=240000)
        settle(page, 2000)
        shot(page, f"imported_{langs[0]}")
        con = duckdb.connect(str(root / "s.duckdb"), read_only=True)
        try:
            key, uni = con.execute("SELECT action_key, institution FROM actions WHERE source_method = 'ocr' "
                                   "ORDER BY action_key LIMIT 1").fetchone()
        finally:
            con.close()
        for lang in langs:
            q = "&lang=en" if lang == "en" else ""
            for name, address in (("action", f"/action?action={quote(key, safe='')}{q}"),
                                  ("explorer", f"/explorer?uni={quote(uni)}{q}")):
                page.goto(url + address)
                page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
                settle(page, 2500)
                shot(page, f"{name}_{lang}")
        browser.close()
    return shots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "import_shots")
    ap.add_argument("--lang", nargs="+", default=["az", "en"])
    ap.add_argument("--width", nargs="+", type=int, default=[1400, 390])
    args = ap.parse_args()
    shoot(args.out, args.lang, args.width)


if __name__ == "__main__":
    main()
