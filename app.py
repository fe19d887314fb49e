"""Entry point: `streamlit run app.py`. Builds the database on first start, then navigation and filters."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics import idle
from analytics.db import database_exists, db_version
from analytics.filters import options
from analytics.i18n import t
from app_pages import ADMIN_PAGES, PAGES, WORK_PAGES
from parse.errors import LoadError
from plandb import plan_sync
from plandb.build import is_current
from plandb.importer import locked_build, recover_now
from ui import auth, builtin_texts
from ui import filters as flt
from ui.guard import store_guard, without_folders
from ui.page import Context, layout_rules

# The icon is a bundled file: a ":material/…:" icon would make every browser fetch it from a Google server.
ICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title=builtin_texts.page_title(flt.current_lang()), page_icon=str(ICON), layout="wide")
layout_rules()

lang = flt.current_lang()
with store_guard(lang):  # the shared store unreachable: a sentence, never psycopg's error (ui/guard.py)
    auth.frame(lang)  # the account line; the sign-in instead of any page when viewing needs it


@st.cache_data(show_spinner=False, max_entries=4)
def database_is_current(version: tuple[str, int, int]) -> bool:
    return is_current(Path(version[0]))


@st.cache_resource(show_spinner=False)
def recovered_once() -> str | None:
    """Once per server process: finish or roll back an import that a crash interrupted."""
    return recover_now()


try:
    recovered_once()
except LoadError as exc:
    st.error(t("err.build", lang, error=without_folders(exc)))
    st.stop()
plan_sync.follow()  # with the shared state in PostgreSQL: fetch the plans other servers publish (one thread)
idle.touch()
# memory back to the system once nobody has used a page for a while (one thread): 30 s after Streamlit drops
# the last closed session
idle.watch(float(st.get_option("server.disconnectedSessionTTL")) + 30)
if not database_exists() or not database_is_current(db_version()):  # first start, or built by older code
    with st.spinner("..."):
        try:
            locked_build()
        except LoadError as exc:
            st.error(t("err.build", lang, error=without_folders(exc)))
            st.stop()


def page_registry(lang: str) -> list[st.Page]:
    user = auth.current_user()
    landing = "updates" if user is not None and user.role == "unit_editor" else "overview"  # a unit reports first
    return [st.Page(p.path, title=t(p.title_key, lang), url_path=p.url, icon=p.icon, default=(p.url == landing))
            for p in [*PAGES, *WORK_PAGES, *(ADMIN_PAGES if auth.is_admin() else [])]]


try:
    opts = options()
except Exception as exc:  # a damaged database file: say so instead of a stack trace
    st.error(t("err.db", lang, error=without_folders(exc)))  # no server folder
    st.stop()
f = flt.sidebar(opts)
# the language is known once the sidebar has read the URL: the tab title and Streamlit's own texts in it
st.set_page_config(page_title=builtin_texts.page_title(f.lang))
st.html(builtin_texts.css(f.lang))
st.session_state["_ctx"] = Context(f, opts)
with store_guard(f.lang):  # in the page's language (the sidebar has read it from the URL)
    pages = page_registry(f.lang)  # an unknown address: a page saying so in the user's language, not Streamlit's dialog
    nav = st.navigation(pages + builtin_texts.not_found_page(pages, f.lang),
                        expanded=True)  # every page listed: no "View N more" (English only)
    nav.run()
