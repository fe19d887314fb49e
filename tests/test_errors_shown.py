"""No traceback or server detail reaches people (issue 28 item 7): with the shared PostgreSQL store down every
page says one sentence, anonymous visitors included, and a Save that cannot be written keeps the typed edit."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app_pages
from analytics.i18n import t

ROOT = Path(__file__).resolve().parent.parent
LEAKS = ("psycopg", "OperationalError", "127.0.0.1", "Traceback", "/tmp", "connection failed", "port ")


def test_no_error_details_reach_the_browser() -> None:
    """'none': Streamlit's generic message only ('false' is deprecated and means 'stacktrace')."""
    from streamlit import config

    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["client"]
    assert client["showErrorDetails"] == config.ShowErrorDetailsConfigOptions.NONE.value


@pytest.fixture()
def store_down_later(site, monkeypatch):
    """A PostgreSQL store of its own (the shared test server is not stopped): returns its server."""
    from tests.pg_server import PgServer, find_bin

    if find_bin() is None:
        pytest.skip("no PostgreSQL server binaries")
    server = PgServer().start()
    monkeypatch.setenv("STRATEGY_STATE_URL", server.create_database("errors_shown"))
    monkeypatch.setenv("STRATEGY_TODAY", "2026-12-03")
    yield server
    server.stop()


def _page(url: str, **session) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for k, v in session.items():
        at.session_state[k] = v
    at.run()
    if url != "overview":
        at.switch_page(app_pages.path_of(url)).run()
    return at


def _texts(at: AppTest) -> list[str]:
    out = []
    for kind in ("error", "warning", "info", "markdown", "caption", "exception", "text", "code"):
        out += [str(getattr(e, "value", "")) + " " + str(getattr(e, "message", "")) for e in at.get(kind)]
    return out


def test_every_page_says_the_store_cannot_be_reached(store_down_later) -> None:
    down = t("err.store_down", "az")
    assert not _page("overview").exception  # up: the store migrated, the landing page read once
    store_down_later.stop()
    said = []
    for page in [*app_pages.PAGES, *app_pages.WORK_PAGES]:  # an anonymous visitor on every page
        at = _page(page.url)
        assert not at.exception, (page.url, [e.message for e in at.exception])
        leaks = [x for x in _texts(at) if any(leak in x for leak in LEAKS)]
        assert not leaks, (page.url, leaks)
        if any(e.value == down for e in at.error):
            said.append(page.url)
    # pages that read recorded statuses not read before say the sentence (the landing page was read while up)
    assert {"progress", "rankings", "data"} <= set(said), said


def test_a_save_with_the_store_down_keeps_the_typed_edit(store_down_later, monkeypatch) -> None:
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = _page("progress", _editor="Aynur")
    assert not at.exception and [b for b in at.button if b.key == "save_status"]
    store_down_later.stop()
    typed = {"edited_rows": {0: {"comment": "written while the store was down"}}, "added_rows": [],
             "deleted_rows": []}
    at.session_state["status_editor"] = typed
    at.run()
    next(b for b in at.button if b.key == "save_status").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [e.value for e in at.error] == [t("err.store_down", "az")]
    assert at.session_state["status_editor"] == typed  # the editor was drawn: the edit is still in the grid
    assert not [x for x in _texts(at) if any(leak in x for leak in LEAKS)]


def test_refusals_name_files_not_server_folders() -> None:
    from ui.guard import without_folders

    assert without_folders("/srv/strategy/data/imported/20261203__plan.xlsx: sheet 'plans', row 2: expected x") \
        == "20261203__plan.xlsx: sheet 'plans', row 2: expected x"
    assert without_folders('IO Error: Could not set lock on file "/srv/app/data/strategy.duckdb"') \
        == 'IO Error: Could not set lock on file "strategy.duckdb"'
    assert without_folders("see https://example.org/a/b.html, 1/2/3") == "see https://example.org/a/b.html, 1/2/3"


def test_a_build_that_fails_names_the_file_not_its_folder(site) -> None:
    """A damaged imported file stops the build on start: the page names the file, not the server's folders."""
    (site / "s.duckdb").unlink()  # first start: the app builds
    (site / "imported").mkdir(exist_ok=True)
    (site / "imported" / "20261203-080000-deadbeef__plan.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180).run()
    assert not at.exception, [e.message for e in at.exception]
    said = " ".join(e.value for e in at.error)
    assert "20261203-080000-deadbeef__plan.xlsx" in said and str(site) not in said and "/tmp" not in said, said
