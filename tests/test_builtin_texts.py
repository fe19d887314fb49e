"""Streamlit's own texts in the user's language: in Azerbaijani the uploader's button and size line, the
multiselect's "Select all", the empty list's "No results", the tab title and an unknown address are
Azerbaijani; in English they are Streamlit's own (issue 27). In a real browser against the real app."""
from __future__ import annotations

import pytest
import streamlit as st

from analytics.i18n import t
from scripts import harness, screenshots
from ui import builtin_texts

needs_browser = pytest.mark.skipif(harness.chromium_path() is None, reason=harness.NO_CHROMIUM)

# What a reader sees in an element: the ::after text when the element's own text is drawn at size 0
# (ui/builtin_texts.py), else its text.
SHOWN = r"""(el) => {
  const own = getComputedStyle(el);
  if (parseFloat(own.fontSize) !== 0) return el.innerText.trim();
  const after = getComputedStyle(el, '::after').content;
  if (!after || after === 'none' || el.getBoundingClientRect().width === 0) return '';
  return after.slice(1, -1).replace(/\\(.)/g, '$1');
}"""
UPLOAD = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
PER_FILE = '[data-testid="stFileUploaderDropzoneInstructions"] span'
DROPDOWN = '[data-testid="stMultiSelectDropdown"]'


def test_css_strings_cannot_end_the_style_block() -> None:
    quoted = builtin_texts.css_string('a "b" \\ </style><script>\n')
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert "<" not in inner and ">" not in inner and '"' not in inner and "\n" not in inner
    assert "\\22 b\\22 " in inner and "\\5C " in inner


def test_only_azerbaijani_replaces_streamlit_texts() -> None:
    assert "content" not in builtin_texts.css("en")
    az = builtin_texts.css("az")
    for key in ("stb.upload", "stb.select_all", "stb.no_results", "stb.choose_one"):
        assert builtin_texts.css_string(t(key, "az")) in az
    assert builtin_texts.page_title("az") == "Strateji plan paneli"
    assert builtin_texts.page_title("en") == "Strategy plan dashboard"


def test_the_type_line_is_written_as_streamlit_writes_it() -> None:
    assert builtin_texts.types_line(["pdf", "docx", "jpg", "jpeg"]) == "PDF, DOCX, JPG"
    assert "PDF, DOCX, JPG" in builtin_texts.upload_types_css(["pdf", "docx", "jpg", "jpeg"], "az")
    assert "content" not in builtin_texts.upload_types_css(["pdf"], "en")


def expected(lang: str) -> dict[str, str]:
    mb = int(st.get_option("server.maxUploadSize"))  # the app's .streamlit/config.toml, as the server reads it
    size = f"{mb} MB" if lang == "az" else f"{mb}MB"  # Streamlit writes "20MB"
    return {"title": t("app.title", lang), "upload": t("stb.upload", lang),
            "per_file": t("stb.per_file", lang, size=size), "select_all": t("stb.select_all", lang),
            "no_results": t("stb.no_results", lang), "not_found": t("stb.not_found", lang),
            "by_name": t("nav.overview", lang)}


def in_list(page, select, fill: str, selector: str) -> str:
    """What the multiselect's opened list shows at `selector` after typing `fill`. A rerun that redraws
    the sidebar meanwhile closes the list, so open it again (up to five times)."""
    for _ in range(5):
        try:
            select.locator("input").fill(fill)
            if not page.query_selector(f"{DROPDOWN} [role=listbox]"):
                select.locator('button[aria-haspopup="listbox"]').click()
            page.wait_for_selector(f"{DROPDOWN} {selector}", timeout=3000)
            return page.eval_on_selector(f"{DROPDOWN} {selector}", SHOWN)
        except Exception:  # noqa: BLE001 - playwright's timeout or a list closed between two calls
            screenshots.settle(page, 500)
    page.screenshot(path="/tmp/test_builtin_texts_list.png")
    raise AssertionError("the unit filter's list did not show it (screenshot /tmp/test_builtin_texts_list.png)")


def seen(browser, url: str, lang: str) -> dict[str, str]:
    """The Data page's uploader, the unit filter's list opened and filtered, and an unknown address."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # no cookie of another visit
    try:
        page = context.new_page()
        page.goto(f"{url}/data?lang={lang}")
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60000)
        screenshots.settle(page)
        got = {"title": page.title(), "upload": page.eval_on_selector(UPLOAD, SHOWN),
               "per_file": page.eval_on_selector(PER_FILE, SHOWN)}
        units = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
        got["select_all"] = in_list(page, units, "", '[data-key="__select_all__"] > div')
        got["no_results"] = in_list(page, units, "zzqqxx", '[role="listbox"][data-empty="true"] span')
        page.keyboard.press("Escape")
        page.goto(f"{url}/nonexistent?lang={lang}")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
        screenshots.settle(page)
        got["not_found"] = page.inner_text('[data-testid="stMainBlockContainer"] h1')
        got["dialog"] = page.locator('[role="dialog"]').count()
        page.goto(f"{url}/overview?lang={lang}")  # the landing page by its own name: the page, no dialog
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
        screenshots.settle(page)
        got["by_name"] = page.inner_text('[data-testid="stMainBlockContainer"] h1')
        got["dialog"] += page.locator('[role="dialog"]').count()
        return got
    finally:
        context.close()


@pytest.mark.browser
@needs_browser
def test_streamlit_texts_are_in_the_users_language(app_server) -> None:
    with harness.browser() as browser:
        for lang in ("az", "en"):
            got = seen(browser, app_server.url, lang)
            assert got.pop("dialog") == 0, f"Streamlit's 'Page not found' dialog shown ({lang})"
            assert got == expected(lang), lang
