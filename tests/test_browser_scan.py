"""Every page in a real browser, both languages, default and filtered: no raw value in the visible text,
no request to any host but the app's own server (a campus network without internet must work)."""
from __future__ import annotations

import pytest

from scripts import harness
from tests.chrome_language import Judge
from tests.page_visits import raw_tokens, scan

pytestmark = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)

FILTERED = "uni=QKU&unit=Keyfiyy%C9%99tin%20T%C9%99minat%C4%B1%20M%C9%99rk%C9%99zi"


def test_the_scanner_finds_raw_values() -> None:
    assert raw_tokens("Vəziyyət: None") and raw_tokens("loaded 2026-11-30 08:15:00") and raw_tokens("QKU:2021-2025:1.1")
    assert raw_tokens("[]") and raw_tokens("/tmp/x/strategy.duckdb") and raw_tokens("action_key")
    assert raw_tokens("Nonexistent unit 2026-11-30") == [] and raw_tokens("Beynəlxalq Əlaqələr Şöbəsi") == []


def test_the_language_judge_finds_words_out_of_place(built_db) -> None:
    judge = Judge(built_db)
    assert judge.english_in_azerbaijani(["Browse files", "Select all", "Page not found", "Filtrləri sıfırla"])
    assert judge.english_in_azerbaijani(["Actions by vice-rector"])  # a catalogue's English left in
    assert judge.english_in_azerbaijani(["Tədbirlər", "English", "CBHE layihələri", "QKU 1.1.1"]) == []
    assert judge.azerbaijani_in_english(["Məqsədlər üzrə tədbirlər"])  # the catalogue's Azerbaijani
    # titles and names as the documents wrote them are allowed in English (marked [az] where they are titles)
    assert judge.azerbaijani_in_english(["[az] Tədrisin keyfiyyətinin yüksəldilməsi", "Goals"]) == []


@pytest.mark.parametrize("query", ["", FILTERED], ids=["default", "filtered"])
def test_no_raw_value_and_no_outside_request_on_any_page(app_server, default_visits, built_db, query):
    """With the default filters the pages are the ones visited once for the screenshots too
    (conftest.default_visits: tests/test_e2e_browser.py checks the shots); the filtered run (a unit and a
    university named) also judges the chrome's language, on the pages beyond the screenshots' too."""
    found = default_visits[1] if query == "" else scan(app_server.url, query, Judge(built_db))
    assert found.problems == {}, "\n".join(f"{page}: {x}" for page, xs in found.problems.items() for x in xs)
    assert found.foreign == set()
