"""Shared fixtures: the real seed documents, parsed once, and a real DuckDB built from them."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from parse import cbhe, mdu_plan, ndu_plan, qku_plan, syllabus
from parse.reference import Reference
from parse.text_utils import vocabulary
from plandb.build import RAW_DIR, build
from scripts import harness

ROOT = Path(__file__).resolve().parent.parent


RAW = {
    "qku": RAW_DIR / "qku_strategic_plan_2021_2025.txt",
    "ndu": RAW_DIR / "ndu_international_relations_plan_2025.txt",
    "mdu": RAW_DIR / "mdu_veterans_centre_plan_2025.txt",
    "cbhe": RAW_DIR / "cbhe_compendium_azerbaijan_2022_2024.txt",
    "syllabus": RAW_DIR / "unec_syllabus_dovlet_qullugu_2025_2026.txt",
}


def read(key: str) -> str:
    return RAW[key].read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _private_user_db(tmp_path_factory):
    """Tests never write into the user's data/user.duckdb, nor into a configured state server."""
    os.environ["STRATEGY_USER_DB"] = str(tmp_path_factory.mktemp("user") / "user.duckdb")
    os.environ.pop("STRATEGY_STATE_URL", None)
    yield


@pytest.fixture(scope="session", autouse=True)
def _error_details_in_tests():
    """The app shows people no error details (.streamlit/config.toml: "none"); a failing AppTest names its error.
    (Servers the tests start read config.toml and keep "none".)"""
    from streamlit import config

    config.get_config_options()
    config.set_option("client.showErrorDetails", "full")
    yield


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server (tests/pg_server.py); the test is skipped without server binaries."""
    from tests.pg_server import BIN_DIRS, PgServer, find_bin

    if find_bin() is None:
        pytest.skip("no PostgreSQL server binaries (initdb, postgres) in " + ", ".join(BIN_DIRS)
                    + ": apt-get install postgresql (.ci/run does)")
    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture()
def pg_state(pg_server, monkeypatch) -> str:
    """A fresh database on the test server as the user store (STRATEGY_STATE_URL); returns its URL."""
    import uuid

    from state import state_pg

    url = pg_server.create_database("t_" + uuid.uuid4().hex[:12])
    monkeypatch.setenv("STRATEGY_STATE_URL", url)
    yield url
    state_pg.state(url).close()


@pytest.fixture(scope="session")
def ref() -> Reference:
    return Reference.load()


@pytest.fixture(scope="session")
def vocab(ref: Reference) -> set[str]:
    return vocabulary(read(k) for k in RAW) | vocabulary(u["canonical_az"] + " " + u["aliases"] for u in ref.units)


@pytest.fixture(scope="session")
def qku(ref, vocab):
    return qku_plan.parse(read("qku"), str(RAW["qku"]), ref, vocab)


@pytest.fixture(scope="session")
def ndu(ref, vocab):
    return ndu_plan.parse(read("ndu"), str(RAW["ndu"]), ref, vocab)


@pytest.fixture(scope="session")
def mdu(ref, vocab):
    return mdu_plan.parse(read("mdu"), str(RAW["mdu"]), ref, vocab)


@pytest.fixture(scope="session")
def compendium(ref):
    return cbhe.parse(read("cbhe"), str(RAW["cbhe"]), ref)


@pytest.fixture(scope="session")
def course():
    return syllabus.parse(read("syllabus"), str(RAW["syllabus"]))


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A database built from data/raw into a temporary folder (never the user's data/)."""
    db = tmp_path_factory.mktemp("db") / "strategy.duckdb"
    build(RAW_DIR, db)
    return db


@pytest.fixture(scope="session")
def _site_template(tmp_path_factory) -> Path:
    """The seed database as a fresh installation has it (no imports, no decisions), built once per run."""
    root = tmp_path_factory.mktemp("site_template")
    saved = os.environ.get("STRATEGY_USER_DB")
    os.environ["STRATEGY_USER_DB"] = str(root / "user.duckdb")  # an empty store: no unit decisions
    try:
        build(RAW_DIR, root / "s.duckdb", imports=root / "imported")
    finally:
        if saved is None:
            os.environ.pop("STRATEGY_USER_DB", None)
        else:
            os.environ["STRATEGY_USER_DB"] = saved
    return root / "s.duckdb"


@pytest.fixture()
def site(tmp_path, monkeypatch, _site_template):
    """A private installation under tmp_path: database (a copy of the once-built seed database), imports
    folder and user file."""
    monkeypatch.setenv("STRATEGY_DB", str(tmp_path / "s.duckdb"))
    monkeypatch.setenv("STRATEGY_IMPORTS", str(tmp_path / "imported"))
    monkeypatch.setenv("STRATEGY_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.delenv("STRATEGY_EDITOR_PASSWORD", raising=False)
    shutil.copyfile(_site_template, tmp_path / "s.duckdb")
    return tmp_path


@pytest.fixture(scope="session")
def app_server(built_db):
    """One dashboard server (`python serve.py`) on the seed database for the whole run, shared by the browser
    tests that read only and need no configuration of their own (a test that needs its first request, another
    database or environment starts its own with scripts.harness.start_server)."""
    with harness.start_server({"STRATEGY_DB": str(built_db)}) as server:
        yield server


@pytest.fixture(scope="session")
def default_visits(app_server, tmp_path_factory):
    """Every page in both languages with the default filters, visited once in headless Chromium: each page's
    first screen shot (checked by test_e2e_browser.py) and then the scan of what it shows
    (test_browser_scan.py). Returns (screenshots.shoot's results, page_visits.Scan, the shots' folder)."""
    from tests.page_visits import shoot_and_scan

    out = tmp_path_factory.mktemp("screenshots")
    return (*shoot_and_scan(app_server.url, out), out)


HAS_PDF_ORIGINALS = harness.chromium_path() is not None and not os.environ.get("ORIGINALS_NO_PDF")


@pytest.fixture(scope="session")
def made_originals(tmp_path_factory) -> dict[str, Path]:
    """The test originals of scripts/make_originals.py (PDFs when Chromium is there and ORIGINALS_NO_PDF is not
    set), written once per run for test_originals.py and test_originals_import.py; read only."""
    from scripts import make_originals

    return make_originals.make_all(tmp_path_factory.mktemp("originals"), pdf=HAS_PDF_ORIGINALS)


@pytest.fixture()
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


# Markers by what a test needs (README: the fast subset is -m "not browser and not slow"). browser: the files
# below, and any test that uses a browser fixture (test_builtin_texts.py marks its one browser test itself).
BROWSER_FILES = {"test_e2e_browser.py", "test_auth_browser.py", "test_browser_scan.py",
                 "test_table_exports_browser.py", "test_errors_shown_browser.py", "test_rounds_browser.py"}
BROWSER_FIXTURES = {"browser"}
# slow: whole files that build or kill many databases, make originals, fuzz or render every deck page ...
SLOW_FILES = {"test_crash.py", "test_crash_rounds.py", "test_plan_sync.py", "test_fuzz.py", "test_originals.py",
              "test_originals_import.py", "test_deck_quality.py", "test_build_streaming.py"}
# ... and the tests that took 1.5 s or more each in either of two runs of the fast subset on this shared 2-core
# machine (pytest --durations=0, 3 December 2026, load 2-8): they start processes (command line, parse jobs,
# servers, many writers), render a deck or a page in both languages, or print a PDF. A new test of that kind
# belongs here too, so that the fast subset stays under 2 minutes.
SLOW_TESTS = {
    "test_action_page.py": {"test_action_page_in_both_languages"},
    "test_annual_report.py": {"test_carryover_template_imports_back_through_the_real_importer",
                              "test_cli_writes_docx_and_pdf",
                              "test_qku_closeout_reads_back_with_the_dashboards_figures"},
    "test_auth.py": {"test_a_university_editor_cannot_import_into_another_university",
                     "test_roles_guarded_writes_and_audit_in_postgresql", "test_screens_show_each_role_its_controls"},
    "test_build.py": {"test_build_while_a_reader_holds_the_database", "test_rebuild_is_idempotent_and_keeps_user_data"},
    "test_coverage.py": {"test_qku_yearly_plan_coverage_gaps_and_orphans",
                         "test_strategic_plan_imported_after_the_yearly_one_resolves"},
    "test_errors_shown.py": {"test_a_save_with_the_store_down_keeps_the_typed_edit",
                             "test_every_page_says_the_store_cannot_be_reached"},
    "test_export_browser_idle.py": {"test_browser_closes_when_idle_and_comes_back"},
    "test_front.py": {"test_metrics_are_closed_and_no_other_site_frames_the_dashboard",
                      "test_the_front_sends_the_app_scripts_compressed"},
    "test_hostile_uploads.py": {"test_data_page_previews_a_seed_document_once",
                                "test_data_page_refuses_a_bomb_once_and_keeps_no_copy",
                                "test_hostile_file_is_refused_quickly_naming_the_file",
                                "test_the_command_line_import_refuses_a_bomb",
                                "test_the_file_sizes_are_a_few_kilobytes"},
    "test_deck_doors.py": {"test_the_deck_button_and_the_command_line_make_the_same_deck"},
    "test_identity.py": {"test_a_unit_merge_holds_for_its_own_university_only",
                         "test_a_university_cannot_take_another_universitys_id",
                         "test_an_id_in_use_for_another_plan_is_refused_clearly",
                         "test_each_university_imports_under_its_own_ids"},
    "test_imports.py": {"test_apply_preview_idempotency_and_undo", "test_cli_import_dry_run_and_errors",
                        "test_docx_plan_imports_through_the_same_normaliser",
                        "test_english_titles_from_the_template_are_shown_in_english_mode",
                        "test_importing_the_template_into_its_own_database_changes_nothing",
                        "test_zip_bomb_is_refused"},
    "test_indicators_view.py": {"test_a_round_gives_expected_actual_and_state",
                                "test_progress_page_shows_the_indicators"},
    "test_layers.py": {"test_exports_from_the_command_line_never_load_streamlit",
                       "test_loaders_command_line_never_loads_streamlit"},
    "test_open_world.py": {"test_a_formula_without_a_value_is_named_as_a_formula",
                           "test_both_exports_count_every_action", "test_deck_counts_every_action",
                           "test_dry_run_preview_says_what_will_be_added", "test_every_page_counts_every_action",
                           "test_review_merges_accepts_and_undoes", "test_template_codes_and_dropdowns"},
    "test_originals_more.py": {"test_no_file_is_refused",
                               "test_preview_proposes_and_the_command_line_changes_university_and_period",
                               "test_score_table", "test_the_preview_lets_the_editor_change_university_and_period"},
    "test_password_throttle.py": {"test_counters_survive_a_new_process",
                                  "test_forged_forwarded_addresses_from_the_loopback_get_no_fresh_addresses",
                                  "test_one_address_does_not_use_up_everyones_tries",
                                  "test_the_page_says_how_long_to_wait",
                                  "test_thirty_concurrent_wrong_tries_get_at_most_the_allowed_checks"},
    "test_plan_match.py": {"test_decisions_are_kept_checked_and_audited_in_the_real_user_store",
                           "test_decisions_in_the_postgresql_store",
                           "test_matching_on_the_qku_pair_finds_what_was_kept_reworded_split_dropped_and_added",
                           "test_the_page_shows_the_pair_goal_by_goal_and_editors_decide",
                           "test_the_workbook_has_the_plan_to_plan_sheet"},
    "test_preview_words.py": {"test_a_changed_plan_names_its_actions_by_number_and_title",
                              "test_data_page_preview_in_words",
                              "test_explorer_puts_reasons_beside_titles_and_names_csv_columns"},
    "test_progress.py": {"test_password_sign_in", "test_processes_write_while_another_reads",
                         "test_reader_never_sees_a_half_applied_import", "test_sign_in_and_status_shows_on_the_page"},
    "test_provenance.py": {"test_action_page_and_explorer_show_the_source",
                           "test_data_page_upload_lists_rows_to_check_before_the_preview",
                           "test_preview_lists_rows_to_check_first_and_the_import_stores_them"},
    "test_reporting.py": {"test_a_round_from_opening_to_closing"},
    "test_reports.py": {"test_cli_deck", "test_cli_workbook", "test_deck_of_a_filtered_view",
                        "test_workbook_has_no_two_identical_sheets"},
    "test_state_pg.py": {"test_import_and_undo_share_documents_and_plan_version",
                         "test_twenty_concurrent_writer_processes_lose_nothing"},
    "test_store_writes.py": {"test_threads_of_one_server_share_the_store",
                             "test_undo_takes_back_the_newer_import_across_time_zones"},
    "test_titles.py": {"test_share_and_titles_given_in_place_reach_every_page"},
    "test_today.py": {"test_deck_progress_carries_the_ended_figure", "test_pages_say_it_in_both_languages"},
}


# Tests that share an expensive once-per-run fixture run in one worker when the run is spread over several
# (pytest -n, --dist loadgroup): the pages visited once, the originals written once. Tests that use a
# module-scoped fixture of their file (a deck built, a sign-in provider started) run in one worker too.
SHARED_GROUPS = {"default_visits": "visits", "app_server": "visits", "made_originals": "originals"}


def xdist_group(item: pytest.Item) -> str | None:
    """The worker group of a test: a shared once-per-run fixture's, else its file's when it uses a module
    fixture (each worker would otherwise set that fixture up again), else none (any worker)."""
    names = getattr(item, "fixturenames", ())
    shared = next((SHARED_GROUPS[f] for f in names if f in SHARED_GROUPS), None)
    if shared:
        return shared
    info = getattr(item, "_fixtureinfo", None)
    defs = info.name2fixturedefs.values() if info else ()
    return Path(str(item.fspath)).stem if any(d and d[-1].scope == "module" for d in defs) else None


def _join_group(item: pytest.Item, group: str) -> None:
    """Mark the test for its worker group. xdist 3.8 sends a group by a suffix of the test's id that it sets
    as `item._nodeid`, which pytest 9.2 no longer reads (the id is `item._id`): without the suffix set here
    every group was silently spread over the workers, and its once-per-run fixture set up in each."""
    item.add_marker(pytest.mark.xdist_group(group))
    if getattr(item.config.option, "loadgroup", False) and hasattr(item, "_id") and "@" not in item.nodeid:
        item._id = type(item._id).parse(f"{item.nodeid}@{group}")


# tryfirst: xdist reads the group marks in its own hook of the same name, which would otherwise run first
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        group = xdist_group(item)
        if group:
            _join_group(item, group)
        name = Path(str(item.fspath)).name
        if name in BROWSER_FILES or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if name in SLOW_FILES or getattr(item, "originalname", item.name) in SLOW_TESTS.get(name, ()):
            item.add_marker(pytest.mark.slow)
        if "AppTest" in getattr(item.module, "__dict__", {}) or "apptest" in item.keywords:
            item.add_marker(pytest.mark.apptest)
