"""A reporting round for real (issue 22): the loopback identity provider, PostgreSQL as the shared store and
headless Chromium. The NDU strategy office opens a round; two unit editors report, one with a file and one with
a link; a signed-in viewer gets no form; QKU's editor cannot fetch NDU's evidence file while NDU's office can;
the office closes the round; a later report is refused (no open round); the workbook and the deck built from
the same store carry the round's figures.

Seed facts: NDU's International Relations Office leads 14 actions of the 2025 plan (NDU:2025:1/3-3.1 among
them); the deans' offices lead NDU:2025:3/2-1.3."""
from __future__ import annotations

import io
import os
import shutil
import uuid
from pathlib import Path

import pytest

from scripts import harness, screenshots
from tests.test_auth_browser import browser, oidc_dashboard, oidc_provider, sign_in, wait_page  # noqa: F401

PEOPLE = {
    "ofis@ndu.edu.az": "Nərmin Ofis",
    "bes@ndu.edu.az": "Bəxtiyar Bölmə",
    "dekan@ndu.edu.az": "Dilarə Dekan",
    "baxan@ndu.edu.az": "Vüsal Baxan",
    "aysel@qku.edu.az": "Aysel University",
}
TARGETED, DEANS = "NDU:2025:1/3-3.1", "NDU:2025:3/2-1.3"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)


@pytest.fixture(scope="module")
def round_site(built_db, pg_server, tmp_path_factory):
    """A dashboard signed in through the provider, its user store a fresh PostgreSQL database with the roles."""
    import access

    tmp = tmp_path_factory.mktemp("rounds_browser")
    db = tmp / "s.duckdb"
    shutil.copy(built_db, db)
    url = pg_server.create_database("r_" + uuid.uuid4().hex[:12])
    saved = os.environ.get("STRATEGY_STATE_URL")
    os.environ["STRATEGY_STATE_URL"] = url
    try:
        boss = access.User("Boss Admin", "boss@ministry.az", "admin", source="settings")
        access.set_role(boss, "ofis@ndu.edu.az", "university_editor", PEOPLE["ofis@ndu.edu.az"], "NDU")
        access.set_role(boss, "bes@ndu.edu.az", "unit_editor", PEOPLE["bes@ndu.edu.az"], "NDU",
                        "Beynəlxalq Əlaqələr Şöbəsi")
        access.set_role(boss, "dekan@ndu.edu.az", "unit_editor", PEOPLE["dekan@ndu.edu.az"], "NDU", "Dekanlıqlar")
        access.set_role(boss, "aysel@qku.edu.az", "university_editor", PEOPLE["aysel@qku.edu.az"], "QKU")
        with oidc_provider(PEOPLE) as provider, oidc_dashboard(
                provider, tmp, db, {"STRATEGY_STATE_URL": url, "STRATEGY_TODAY": "2025-12-20"}) as server:
            yield {**server, "provider": provider, "state_url": url}
    finally:
        if saved is None:
            os.environ.pop("STRATEGY_STATE_URL", None)
        else:
            os.environ["STRATEGY_STATE_URL"] = saved


def _open(page, site: dict, path: str) -> None:
    page.goto(f"{site['url']}/{path}")
    wait_page(page)


def _report(page, number: str, comment: str, file: Path | None = None, link: str | None = None) -> None:
    """Open the action's fold on My updates, fill the form, save and wait for the saved message."""
    from analytics.i18n import t

    fold = page.locator('[data-testid="stExpander"]', has_text=number).first
    fold.locator("summary").click()
    form = fold.locator('[data-testid="stForm"]')
    form.get_by_label(t("up.comment", "en")).fill(comment)
    if file is not None:
        form.locator('input[type="file"]').set_input_files(str(file))
        form.locator('[data-testid="stFileChip"]').wait_for(timeout=30000)  # the file is listed
        form.locator('[data-testid="stFileChipIconSpinner"]').wait_for(state="detached", timeout=30000)  # uploaded
        screenshots.settle(page)
    if link is not None:
        form.get_by_label(t("up.link", "en")).fill(link)
    form.get_by_role("button", name=t("up.save", "en")).click()
    page.wait_for_selector(f"text={t('up.saved', 'en', title=number)}", timeout=60000)


def test_a_round_in_the_browser_with_postgresql(round_site, browser, tmp_path, monkeypatch) -> None:  # noqa: F811
    from analytics.i18n import t

    site, provider = round_site, round_site["provider"]
    office = sign_in(browser, site, provider, "ofis@ndu.edu.az", PEOPLE, at="rounds?uni=NDU&lang=en")
    office.get_by_label(t("ro.label", "en")).fill("2025, year")
    office.get_by_role("button", name=t("ro.open_btn", "en")).click()
    office.wait_for_selector(f"text={t('ro.opened', 'en', label='2025, year')}", timeout=60000)

    evidence = tmp_path / "iştirakçılar.pdf"
    evidence.write_bytes(PDF)
    unit = sign_in(browser, site, provider, "bes@ndu.edu.az", PEOPLE, at="updates?uni=NDU&lang=en")
    _report(unit, "NDU 1 / 3-3.1", "Üç sərgidən ikisində iştirak", file=evidence)
    dean = sign_in(browser, site, provider, "dekan@ndu.edu.az", PEOPLE, at="updates?uni=NDU&lang=en")
    _report(dean, "NDU 3 / 2-1.3", "Dekanlıqlar hesabatı", link="https://ndu.edu.az/xeber/1")

    viewer = sign_in(browser, site, provider, "baxan@ndu.edu.az", PEOPLE, at="updates?uni=NDU&lang=en")
    assert viewer.locator(f"text={t('up.need_login', 'en')}").count() == 1
    assert viewer.locator('[data-testid="stForm"]').count() == 0

    qku = sign_in(browser, site, provider, "aysel@qku.edu.az", PEOPLE, at=f"action?action={TARGETED}&uni=NDU&lang=en")
    assert qku.locator('[data-testid="stDownloadButton"]').count() == 0  # another university's evidence
    _open(office, site, f"action?action={TARGETED}&uni=NDU&lang=en")
    button = office.locator('[data-testid="stDownloadButton"]', has_text="iştirakçılar.pdf")
    assert button.count() == 1
    with office.expect_download() as got:
        button.locator("button").click()
    assert Path(got.value.path()).read_bytes() == PDF

    _open(office, site, "rounds?uni=NDU&lang=en")
    office.get_by_role("button", name=t("ro.close_btn", "en")).click()
    office.wait_for_selector(f"text={t('ro.closed_done', 'en', label='2025, year')}", timeout=60000)
    _open(unit, site, "updates?uni=NDU&lang=en")  # a closed round takes no more reports
    assert unit.locator('[data-testid="stForm"]').count() == 0
    assert unit.locator("text=No reporting round is open").count() == 1

    # the packs read the same shared store
    monkeypatch.setenv("STRATEGY_STATE_URL", site["state_url"])
    monkeypatch.setenv("STRATEGY_DB", str(site["db"]))
    monkeypatch.setenv("STRATEGY_TODAY", "2025-12-20")
    from openpyxl import load_workbook

    from analytics.filters import Filters
    from reports.packs import sections
    from reports.workbook import build_workbook

    specs = {s.key: s for s in sections(Filters(uni="NDU", lang="en"), ["progress"])[0].charts}
    assert specs["progress-round"].headline == "2025, year (closed): 2 of 14 actions reported; due 15 January 2026."
    sheet = load_workbook(io.BytesIO(build_workbook(Filters(uni="NDU", lang="en"), ["progress"])))["Indicators"]
    rounds_named = {r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert "NDU · 2025, year" in rounds_named
