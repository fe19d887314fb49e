"""Entry point: `streamlit run app.py`. Builds the database on first start, then navigation and filters."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loaders.build import build  # noqa: E402
from loaders.errors import LoadError  # noqa: E402
from ui import filters as flt  # noqa: E402
from ui.data import database_exists  # noqa: E402
from ui.i18n import t  # noqa: E402
from ui.page import Context  # noqa: E402

st.set_page_config(page_title="Strategy plan dashboard", page_icon=":material/insights:", layout="wide")

lang = flt.current_lang()
if not database_exists():
    with st.spinner("..."):
        try:
            build()
        except LoadError as exc:
            st.error(t("err.build", lang, error=exc))
            st.stop()

PAGES = [
    ("pages/overview.py", "nav.overview", "overview", ":material/dashboard:"),
    ("pages/workload.py", "nav.workload", "workload", ":material/groups:"),
    ("pages/deadlines.py", "nav.deadlines", "deadlines", ":material/event:"),
    ("pages/oversight.py", "nav.oversight", "oversight", ":material/account_tree:"),
    ("pages/rankings.py", "nav.rankings", "rankings", ":material/leaderboard:"),
    ("pages/cbhe.py", "nav.cbhe", "cbhe", ":material/public:"),
    ("pages/explorer.py", "nav.explorer", "explorer", ":material/table_view:"),
    ("pages/courses.py", "nav.courses", "courses", ":material/school:"),
    ("pages/data.py", "nav.data", "data", ":material/database:"),
]


def page_registry(lang: str) -> list[st.Page]:
    return [st.Page(path, title=t(key, lang), url_path=url, icon=icon, default=(url == "overview"))
            for path, key, url, icon in PAGES]


try:
    opts = flt.options()
except Exception as exc:  # a damaged database file: say so instead of a stack trace
    st.error(t("err.db", lang, error=exc))
    st.stop()
f = flt.sidebar(opts)
st.session_state["_ctx"] = Context(f, opts)
nav = st.navigation(page_registry(f.lang))
nav.run()
