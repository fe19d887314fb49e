"""Sign-in for real: an OpenID Connect provider on loopback (oidc-provider-mock), a dashboard server
configured for it through a temporary secrets file, and headless Chromium signing in as four people:

- a viewer (signed in, no role) sees no editor and no import;
- a unit editor's status editor holds only its unit's actions, and a status saved there is recorded
  under its name and e-mail;
- a university editor may upload, gets the apply button for a document of its university and a
  refusal for another university's;
- an administrator (from STRATEGY_ADMINS) has the administration page, nobody else does.

The repository's own files are not touched: the server reads its secrets from a temporary file
(`--secrets.files`), its plan database is a copy, its user store a temporary DuckDB file.
"""
from __future__ import annotations

import contextlib
import secrets
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from scripts import harness, screenshots
from scripts.harness import free_port, start_server

ROOT = Path(__file__).resolve().parent.parent

QA = "Keyfiyyətin Təminatı Mərkəzi"
PEOPLE = {  # e-mail -> name, as the identity provider's token carries them
    "vera@qku.edu.az": "Vera Viewer",
    "rena@qku.edu.az": "Rena Unit",
    "aysel@qku.edu.az": "Aysel University",
    "boss@ministry.az": "Boss Admin",
}
SIGNED_IN = "kimi daxil olmusunuz"

pytestmark = [
    pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM),
]


def _missing(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return True
    return False


for _module, _why in (("playwright", "playwright (requirements-dev.txt)"), ("authlib", "Authlib (requirements.txt)"),
                      ("oidc_provider_mock", "oidc-provider-mock (requirements-dev.txt)")):
    if _missing(_module):
        pytestmark.append(pytest.mark.skip(reason=f"{_why} is not installed"))


@contextlib.contextmanager
def oidc_provider(people: dict[str, str]) -> Iterator[str]:
    """An identity provider on a free loopback port with these people (e-mail -> name) on its authorize form."""
    import werkzeug.serving
    from oidc_provider_mock import User, app

    users = [User(sub=email, claims={"email": email, "name": name, "email_verified": True})
             for email, name in people.items()]
    server = werkzeug.serving.make_server("127.0.0.1", 0, app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="module")
def provider():
    """The identity provider with the four people."""
    with oidc_provider(PEOPLE) as url:
        yield url


@pytest.fixture(scope="module")
def dashboard(provider, built_db, tmp_path_factory):
    """`streamlit run app.py` for the provider: its secrets, database and user store in a temporary folder."""
    tmp = tmp_path_factory.mktemp("auth_browser")
    db = tmp / "s.duckdb"
    shutil.copy(built_db, db)
    user_db = tmp / "user.duckdb"
    import access

    boss = access.User("Boss Admin", "boss@ministry.az", "admin", source="settings")
    access.set_role(boss, "rena@qku.edu.az", "unit_editor", "Rena Unit", "QKU", QA, path=user_db)
    access.set_role(boss, "aysel@qku.edu.az", "university_editor", "Aysel University", "QKU", path=user_db)
    with oidc_dashboard(provider, tmp, db, {"STRATEGY_USER_DB": str(user_db)}) as server:
        yield {**server, "user_db": user_db}


@contextlib.contextmanager
def oidc_dashboard(provider: str, tmp: Path, db: Path, env_extra: dict[str, str]) -> Iterator[dict]:
    """A dashboard server signed in through `provider`, its database `db`, secrets and log in `tmp`; `env_extra`
    names its user store (STRATEGY_USER_DB or STRATEGY_STATE_URL) and anything else it needs."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets_file = tmp / "secrets.toml"
    secrets_file.write_text(f"""[auth]
redirect_uri = "{url}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "strategy-dashboard"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""", encoding="utf-8")
    env: dict[str, str | None] = {"STRATEGY_DB": str(db), "STRATEGY_IMPORTS": str(tmp / "imported"),
                                  "STRATEGY_ADMINS": "boss@ministry.az", "STRATEGY_EDITOR_PASSWORD": None,
                                  "STRATEGY_STATE_URL": None, "STRATEGY_USER_DB": None, "STRATEGY_VIEW": None}
    env.update(env_extra)
    with start_server(env, port, app=True, args=["--secrets.files", str(secrets_file)],
                      log=tmp / "server.log") as server:
        yield {"url": url, "db": db, "tmp": tmp, "log": server.log}


@pytest.fixture(scope="module")
def browser():
    with harness.browser() as b:
        yield b


def wait_page(page) -> None:
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90000)
    screenshots.settle(page, timeout=90000)  # the run is over and every element drawn
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()


def sign_in(browser, dashboard, provider, email: str, people: dict[str, str] = PEOPLE, at: str | None = None):
    """A fresh browser (no cookies) signs in through the provider's authorize form; returns the page. With `at`
    (a path such as 'updates?uni=NDU&lang=en'), through the sidebar's button on that page, and the page is left
    there with the name in the sidebar; else through the Progress page's button, and its banner is checked."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    url = dashboard["url"]
    page.goto(f"{url}/{at or 'progress'}")
    wait_page(page)
    assert page.locator(f"text={SIGNED_IN}").count() == 0
    page.locator(".st-key-oidc_login_sidebar button" if at else ".st-key-oidc_login_progress button").click()
    page.wait_for_url(f"{provider}/oauth2/authorize**", timeout=30000)
    page.locator(f'button[name="sub"][value="{email}"]').click()  # the provider's one-click user
    page.wait_for_url(f"{url}/**", timeout=30000)
    if at:
        page.goto(f"{url}/{at}")
        wait_page(page)
        assert people[email] in page.inner_text('[data-testid="stSidebar"]')
        return page
    page.goto(f"{url}/progress")
    page.wait_for_selector(f"text={SIGNED_IN}", timeout=90000)
    wait_page(page)
    banner = page.locator(f'[data-testid="stAlert"]:has-text("{SIGNED_IN}")').first.inner_text()
    banner = banner.replace("\u2060", "")  # the e-mail is broken by a word joiner so that it never becomes a link
    assert people[email] in banner and email in banner, banner
    return page


def admin_link(page) -> int:
    return page.locator('[data-testid="stSidebarNav"] a[href$="/admin"]').count()


def open_page(page, dashboard, name: str) -> None:
    """The page by the sidebar's link when it shows one (as a user goes there), else by its address."""
    screenshots.visit(page, dashboard["url"], name, "", by_link=True)
    wait_page(page)


def statuses(user_db: Path) -> list[tuple]:
    con = duckdb.connect(str(user_db), read_only=True)
    try:
        return con.execute("SELECT action_key, status, progress_pct, recorded_by FROM action_status").fetchall()
    finally:
        con.close()


def lead_keys(db: Path, institution: str, unit: str) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("""
            SELECT a.action_key FROM actions a JOIN action_units u USING (action_key)
            WHERE a.institution = ? AND u.unit_name = ? AND u.role = 'lead'""", [institution, unit]).fetchall()}
    finally:
        con.close()


def changed_plan(folder: Path, source: str, old: str, new: str) -> Path:
    text = (ROOT / "data/raw" / source).read_text(encoding="utf-8")
    assert old in text
    path = folder / source.replace(".txt", "_v2.txt")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_anonymous_visitors_see_a_sign_in_button_and_no_editor(browser, dashboard):
    page = browser.new_page()
    open_page(page, dashboard, "progress")
    assert page.locator(".st-key-oidc_login_progress button").count() == 1
    assert page.locator(".st-key-save_status").count() == 0 and admin_link(page) == 0
    page.close()


def test_viewer_sees_no_editor(browser, dashboard, provider):
    page = sign_in(browser, dashboard, provider, "vera@qku.edu.az")
    assert page.locator(".st-key-save_status").count() == 0
    assert page.locator("text=rol üçün administratora").count() == 1
    assert admin_link(page) == 0
    open_page(page, dashboard, "data")
    assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').is_disabled()
    page.context.close()


def test_unit_editor_saves_a_status_only_on_its_units_actions(browser, dashboard, provider):
    page = sign_in(browser, dashboard, provider, "rena@qku.edu.az")
    mine = lead_keys(dashboard["db"], "QKU", QA)
    assert page.locator(f"text=183 fəaliyyətdən {len(mine)} fəaliyyətin").count() == 1  # only its actions
    assert admin_link(page) == 0
    assert page.locator('[data-testid="stForm"]:has-text("Reytinq")').count() == 0  # no ranking form
    # first row, progress column: select the first cell, move three columns right, open its editor, type
    grid = page.locator(".st-key-status_editor [data-testid='stDataFrameResizable']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + 53)  # below the header row, in the first column
    page.wait_for_timeout(300)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    cell = page.locator("input.gdg-input")
    cell.wait_for(timeout=10000)
    cell.press_sequentially("50", delay=50)
    cell.press("Enter")
    page.wait_for_timeout(1500)  # the edit reaches the server (a rerun)
    page.locator(".st-key-save_status button").click()
    page.wait_for_selector("text=1 status qeyd olundu", timeout=30000)
    saved = statuses(dashboard["user_db"])
    assert len(saved) == 1, saved
    key, status, pct, who = saved[0]
    assert key in mine and status == "in_progress" and pct == 50
    assert who == "Rena Unit <rena@qku.edu.az>"  # name and e-mail from the identity token
    # who changed what, on the page
    open_page(page, dashboard, "progress")
    page.wait_for_selector("text=Kim nəyi dəyişib", timeout=30000)
    page.wait_for_timeout(1000)
    assert page.locator("text=Hələ heç bir dəyişiklik qeyd olunmayıb").count() == 0  # the change is listed
    con = duckdb.connect(str(dashboard["user_db"]), read_only=True)
    try:
        audit = con.execute("SELECT who_name, who_email, action, institution FROM audit_log WHERE action = 'status'"
                            ).fetchall()
    finally:
        con.close()
    assert audit == [("Rena Unit", "rena@qku.edu.az", "status", "QKU")]
    page.context.close()


def test_university_editor_imports_only_for_its_university(browser, dashboard, provider):
    page = sign_in(browser, dashboard, provider, "aysel@qku.edu.az")
    assert admin_link(page) == 0
    assert page.locator('[data-testid="stForm"]').count() >= 1  # the ranking form, for QKU
    open_page(page, dashboard, "data")
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    assert not upload.is_disabled()
    other = changed_plan(dashboard["tmp"], "mdu_veterans_centre_plan_2025.txt", "təlimlərinin təşkil \nedilməsi",
                         "təlimlərinin və seminarlarının təşkil \nedilməsi")
    upload.set_input_files(str(other))
    page.wait_for_selector("text=yalnız QKU sənədlərini idxal edə bilərsiniz", timeout=90000)
    assert page.locator(".st-key-apply_import").count() == 0
    own = changed_plan(dashboard["tmp"], "qku_strategic_plan_2021_2025.txt", "uyğunlaşdırılması \nMüntəzəm",
                       "uyğunlaşdırılması (yenilənmiş) \nMüntəzəm")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(own))  # replaces the first
    page.wait_for_selector(".st-key-apply_import button", timeout=90000)
    assert page.locator("text=yalnız QKU sənədlərini").count() == 0
    page.locator(".st-key-apply_import button").click()
    page.wait_for_selector("text=Məlumat bazası yeniləndi", timeout=120000)
    con = duckdb.connect(str(dashboard["user_db"]), read_only=True)
    try:
        imported_by = con.execute("SELECT imported_by FROM import_log").fetchall()
        assert imported_by == [("Aysel University <aysel@qku.edu.az>",)]
        assert con.execute("SELECT who_email, institution FROM audit_log WHERE action = 'import'").fetchall() == [
            ("aysel@qku.edu.az", "QKU")]
    finally:
        con.close()
    page.context.close()


def test_admin_has_the_administration_page(browser, dashboard, provider):
    page = sign_in(browser, dashboard, provider, "boss@ministry.az")
    assert admin_link(page) == 1
    open_page(page, dashboard, "admin")
    assert page.locator("h1:has-text('İdarəetmə')").count() == 1
    # the roles table (a data grid: its cells are in the grid's accessibility table)
    page.locator('[data-testid^="glide-cell-"]:has-text("rena@qku.edu.az")').first.wait_for(state="attached",
                                                                                          timeout=30000)
    page.context.close()
