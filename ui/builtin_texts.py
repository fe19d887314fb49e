"""Streamlit's own English texts in Azerbaijani mode: the file uploader's button and size line, the
multiselect's bulk options, the empty-list line and the default placeholders of select boxes, and the
browser tab title.

Streamlit (1.67) has no setting for its interface language. Each of these texts sits alone in an
element that a stable data-testid (or attribute) reaches, so a style rule hides the English text
(font-size 0) and shows ours in ::after; the element stays where it was and clickable. Only in
Azerbaijani: in English Streamlit's own texts are the right ones. Selectors were read from the DOM of
Streamlit 1.67 (tests/test_builtin_texts.py fails in a browser when an upgrade moves them).
"""
from __future__ import annotations

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
)

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
            f"{group}::before {{ content: {css_string(text)}; position: absolute; left: 0.75rem; top: 50%;"
            f" transform: translateY(-50%); font-size: {SMALL}; pointer-events: none;"
            f" color: rgba(31, 41, 51, 0.6); white-space: nowrap; overflow: hidden; max-width: 80%; }}\n")


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
