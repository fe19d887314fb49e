"""Data: what is loaded, from where and when; rows per table; validation warnings."""
from __future__ import annotations

import streamlit as st

from loaders.build import db_path
from ui import fmt
from ui.data import query
from ui.i18n import t
from ui.page import context, downloads, header, table

ctx = context()
lang = ctx.lang
header(ctx, "nav.data", "da.question")
downloads(ctx, "data")
info = dict(query("build_info").values)
docs = query("documents")
warnings = query("validation_warnings")
rows = query("table_rows")
c = st.columns(3)
c[0].metric(t("da.m.documents", lang), fmt.num(len(docs), lang))
c[1].metric(t("da.m.actions", lang), fmt.num(int(rows.set_index("table_name").at["actions", "rows_estimate"]), lang))
c[2].metric(t("da.m.warnings", lang), fmt.num(len(warnings), lang))
st.caption(t("da.built", lang, when=info.get("built_at", "?"), path=db_path()))
st.subheader(t("da.documents", lang))
table(ctx, docs)
st.subheader(t("da.warnings", lang))
if warnings.empty:
    st.success(t("da.no_warnings", lang))
else:
    table(ctx, warnings)
st.subheader(t("da.rows", lang))
table(ctx, rows)
st.caption(t("da.rebuild_hint", lang))
