"""Screenshots of the reporting year's pages (Reporting rounds, My updates) on a private copy of the seed data
with one NDU round and two reports: az and en, 1400 and 390 px, into --out (default /tmp/reporting_shots).

    python scripts/reporting_shots.py [--out DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

from scripts.harness import launch_browser, start_server
from scripts.screenshots import settle, shoot


def prepare(root: Path) -> dict[str, str]:
    env = {"STRATEGY_DB": str(root / "s.duckdb"), "STRATEGY_IMPORTS": str(root / "imported"),
           "STRATEGY_USER_DB": str(root / "user.duckdb"), "STRATEGY_TODAY": "2026-01-10",
           "STRATEGY_EDITOR_PASSWORD": "shots"}
    os.environ.update(env)
    import access
    from paths import RAW_DIR
    from plandb.build import build

    build(RAW_DIR, root / "s.duckdb", imports=root / "imported")
    office = access.User("Strateji İnkişaf Mərkəzi", "office@ndu.edu.az", "university_editor", "NDU")
    unit = access.User("Ruxiyə Kərimova", "bes@ndu.edu.az", "unit_editor", "NDU", "Beynəlxalq Əlaqələr Şöbəsi")
    rid = access.open_round(office, "NDU", "2025-ci il, illik hesabat", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                            dt.date(2026, 1, 15), 5)
    day = dt.date(2026, 1, 8)
    access.record_update(unit, rid, "NDU:2025:1/3-3.1", status="done", actual_value=2,
                         comment="Bakı və İstanbul təhsil sərgilərində iştirak edildi.",
                         link="https://ndu.edu.az/xeberler/sergi", day=day)
    access.record_update(unit, rid, "NDU:2025:1/1-1-5", status="in_progress", progress_pct=60,
                         comment="Yay təcrübəsinə 24 tələbə göndərildi.", file_name="iştirakçı siyahısı.pdf",
                         file_data=b"%PDF-1.4\n%%EOF\n", day=day)
    return env


def signed_in_updates(url: str, out: Path) -> None:
    """My updates as the embedded editor sees it once signed in, with the first action opened."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_browser(p)
        for width in (1400, 390):
            for lang in ("az", "en"):
                page = browser.new_page(viewport={"width": width, "height": 1000})
                page.goto(f"{url}/updates?uni=NDU" + ("&lang=en" if lang == "en" else ""))
                page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
                settle(page, 1000)
                inputs = page.locator('[data-testid="stMainBlockContainer"] input')
                inputs.nth(0).fill("Strateji İnkişaf Mərkəzi")
                inputs.nth(1).fill("shots")
                inputs.nth(1).press("Enter")
                settle(page, 2500)
                page.locator('[data-testid="stMainBlockContainer"] [data-testid="stExpander"] summary').nth(2).click()
                settle(page, 1000)
                suffix = "" if width == 1400 else f"_{width}"
                page.screenshot(path=str(out / f"updates_signed_in_{lang}{suffix}.png"), full_page=True)
                page.close()
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path("/tmp/reporting_shots"))
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="shots-"))
    env = prepare(root)
    with start_server(env) as server:
        url = server.url
        for width in (1400, 390):
            for r in shoot(url, args.out, ["az", "en"], query="uni=NDU", expect_charts=False, width=width,
                           pages=["rounds", "updates"]):
                print(*r)
        signed_in_updates(url, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
