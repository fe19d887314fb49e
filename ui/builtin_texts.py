"""Streamlit's own English texts in Azerbaijani mode: the file uploader's button and size line, the multiselect's
bulk options, the empty-list line and the default placeholders of select boxes, the "skip to main content"
link, the charts' toolbar (plotly's texts), and the browser tab title; and instead of Streamlit's English
"Page not found" dialog (an address no page has), a page in the user's language.

Streamlit (1.67) has no setting for its interface language. Each of these texts sits alone in an
element that a stable data-testid (or attribute) reaches, so a style rule hides the English text
(font-size 0) and shows ours in ::after; the element stays where it was and clickable. Only in
Azerbaijani: in English Streamlit's own texts are the right ones. Selectors were read from the DOM of
Streamlit 1.67 (tests/test_builtin_texts.py fails in a browser when an upgrade moves them).
"""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from analytics import fmt
from analytics.i18n import t

# Streamlit's theme draws these texts at 14 px (0.875rem on its 16 px root), measured in 1.67.
SMALL = "0.875rem"

# (selector of the element holding only Streamlit's English text, message key)
TEXTS: tuple[tuple[str, str], ...] = (
    ('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p', "stb.upload"),
    ('[data-testid="stFileUploaderDropzoneInstructions"] span', "stb.per_file"),
    ('[data-testid="stMultiSelectDropdown"] [data-key="__select_all__"] > div', "stb.select_all"),
    ('[data-testid="stMultiSelectDropdown"] [data-key="__select_matches__"] > div', "stb.select_matches"),
    (':is([data-testid="stMultiSelectDropdown"], [data-testid="stSelectboxVirtualDropdown"]) '
     '[role="listbox"][data-empty="true"] > [role="option"] > span', "stb.no_results"),
    ('[data-testid="stSkipToContent"]', "stb.skip"),  # the keyboard's first stop (drawn when focused)
)

# plotly.js's own English (the chart toolbar's tooltips, its notes), by the text plotly looks up: in Azerbaijani
# each chart is handed a dictionary of its own (config "locales"), as plotly.js allows without registering one.
PLOTLY_TEXTS: dict[str, str] = {
    "Download plot as a PNG": "plotly.download", "Download plot": "plotly.download", "Zoom": "plotly.zoom",
    "Pan": "plotly.pan", "Box Select": "plotly.box_select", "Lasso Select": "plotly.lasso_select",
    "Zoom in": "plotly.zoom_in", "Zoom out": "plotly.zoom_out", "Autoscale": "plotly.autoscale",
    "Reset axes": "plotly.reset_axes", "Reset view": "plotly.reset_view", "Toggle Spike Lines": "plotly.spikes",
    "Show closest data on hover": "plotly.closest", "Compare data on hover": "plotly.compare",
    "Snapshot succeeded": "plotly.snapshot_ok", "Taking snapshot - this may take a few seconds": "plotly.snapshot_wait",
    "Double-click to zoom back out": "plotly.zoom_back",
}


def plotly_config(lang: str) -> dict[str, object]:
    """What a chart's plotly config adds for `lang`: nothing in English (plotly's own texts), else its texts in
    the user's language."""
    if lang == "en":
        return {}
    return {"locale": lang, "locales": {lang: {"dictionary": {en: t(key, lang) for en, key in PLOTLY_TEXTS.items()}}}}

# Streamlit's default placeholders (an input's attribute, which CSS cannot rewrite): the English one is
# made transparent and ours drawn over the input, only while it shows (nothing chosen, nothing typed).
PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("Choose an option", "stb.choose_one"),
    ("Choose options", "stb.choose_many"),
    ("No options to select", "stb.no_options"),
)


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes, line ends and '<' (a `</style>` inside a
    style element would end it) escaped as CSS hex escapes."""
    out = []
    for ch in text:
        if ch in '"\\<>' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):X} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def upload_limit(lang: str) -> str:
    """The server's upload limit as Streamlit counts it (server.maxUploadSize, in MB), e.g. '20 MB'."""
    mb = float(st.get_option("server.maxUploadSize"))
    return f"{fmt.num(round(mb), lang)} MB"


def _replace(selector: str, text: str) -> str:
    return (f"{selector} {{ font-size: 0 !important; }}\n"
            f"{selector}::after {{ content: {css_string(text)}; font-size: {SMALL}; }}\n")


def _placeholder(english: str, text: str) -> str:
    field = f'input[placeholder={css_string(english)}]'
    group = f'[role="group"]:has({field}:placeholder-shown)'
    return (f"{field}::placeholder {{ color: transparent !important; }}\n"
            f"{group} {{ position: relative; }}\n"
            f"{group}::before {{ content: {css_string(text)}; position: absolute; left: 0.5rem; top: 50%;"
            f" transform: translateY(-50%); font-size: {SMALL}; pointer-events: none;"
            f" color: rgba(31, 41, 51, 0.6); white-space: nowrap; overflow: hidden; max-width: 80%; }}\n")


# Streamlit shows one name for each pair of extensions (frontend lib/utils: jpg for .jpg and .jpeg)
_SAME = {"jpeg": "jpg", "tiff": "tif", "htm": "html", "mpeg": "mpg", "mpeg4": "mp4"}


def accepted(types: Sequence[str]) -> list[str]:
    """The file types as Streamlit's st.file_uploader(type=...) sends them to the browser (its accept list)."""
    from streamlit.elements.lib.file_uploader_utils import normalize_upload_file_type

    return list(normalize_upload_file_type(list(types)))


def types_line(types: Sequence[str]) -> str:
    """'PDF, DOCX, JPG': the type list Streamlit writes after the size for st.file_uploader(type=types)."""
    seen: set[str] = set()
    names = []
    for spec in accepted(types):
        if "/" in spec:
            key, name = spec.lower(), spec.removesuffix("/*")
        else:
            ext = spec.lstrip(".").lower()
            key = _SAME.get(ext, ext)
            name = key.upper()
        if key not in seen:
            seen.add(key)
            names.append(name)
    return ", ".join(names)


def upload_types_css(types: Sequence[str], lang: str) -> str:
    """A <style> block for an uploader limited to `types` (st.file_uploader(type=types)): its size line
    says the types after the size ('Hər fayl ən çox 20 MB • PDF, DOCX'), which the general rule of css()
    would drop. Emit it on the page that has such an uploader."""
    if lang != "az":
        return "<style></style>"
    field = f'input[accept$={css_string("," + ",".join(accepted(types)))}]'
    text = f"{t('stb.per_file', lang, size=upload_limit(lang))} \u2022 {types_line(types)}"
    return "<style>\n" + _replace(
        f'[data-testid="stFileUploaderDropzone"]:has({field}) [data-testid="stFileUploaderDropzoneInstructions"] span',
        text) + "</style>"


def css(lang: str) -> str:
    """A <style> block putting Streamlit's built-in texts in `lang`; empty for English (Streamlit's own)."""
    if lang != "az":
        return "<style></style>"
    rules = [_replace(sel, t(key, lang, size=upload_limit(lang))) for sel, key in TEXTS]
    rules += [_placeholder(english, t(key, lang)) for english, key in PLACEHOLDERS]
    return "<style>\n" + "".join(rules) + "</style>"


def page_title(lang: str) -> str:
    """The browser tab's title."""
    return t("app.title", lang)


def _requested_page() -> str | None:
    """The page name the browser asked for by its address, when it asked by name (not by a click in the
    navigation). Streamlit keeps it in its pages manager, which has no public accessor: None when an
    upgrade moves it (then Streamlit's own dialog is shown, as before)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        pm = get_script_run_ctx().pages_manager
        if pm.intended_page_script_hash:
            return None
        return pm.intended_page_name or None
    except Exception:  # noqa: BLE001 - internals of Streamlit: without them the dialog stays
        return None


def _ask_for_landing() -> None:
    """This run asks for the landing page (by no name), as a visit to the app's root does."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        get_script_run_ctx().pages_manager.set_script_intent("", "")
    except Exception:  # noqa: BLE001 - internals of Streamlit: without them the dialog stays
        return


def not_found_page(pages: Sequence[st.Page], lang: str) -> list[st.Page]:
    """An address no page has (http://host/nonexistent): Streamlit would show its English "Page not found"
    dialog over the landing page. st.navigation has no option for unknown addresses, so the unknown name
    gets a hidden page of its own saying so in `lang`, with a link to the landing page. [] otherwise."""
    name = (_requested_page() or "").strip().strip("/")
    addresses = {p.url_path for p in pages}
    # the landing page answers at "" but keeps its own name (/overview) reserved: Streamlit refuses a second
    # page with it, and asked by it shows its dialog over the landing page itself; asked so, it is the landing
    reserved = {getattr(p, "_url_path", "") for p in pages} - addresses
    if name in reserved:
        _ask_for_landing()
        return []
    if not name or name in addresses or "/" in name:
        return []
    landing = next((p for p in pages if p.url_path == ""), pages[0])

    def page_not_found() -> None:
        st.title(t("stb.not_found", lang), anchor=False)
        st.write(t("stb.not_found.text", lang))
        st.page_link(landing, label=landing.title, icon=":material/arrow_back:")

    return [st.Page(page_not_found, title=t("stb.not_found", lang), url_path=name, visibility="hidden")]
