"""What every page shares: the header with active filters, charts with the rows behind them."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import filters as flt
from ui.i18n import t


@dataclass(frozen=True)
class Context:
    f: flt.Filters
    opts: flt.Options

    @property
    def lang(self) -> str:
        return self.f.lang


def context() -> Context:
    return st.session_state["_ctx"]


def header(ctx: Context, title_key: str, question_key: str) -> None:
    lang = ctx.lang
    st.title(t(title_key, lang))
    st.markdown(f"*{t(question_key, lang)}*")
    for note in ctx.f.notes:
        st.warning(note, icon=":material/link_off:")
    active = flt.describe(ctx.f, ctx.opts)
    cols = st.columns([5, 1], vertical_alignment="center")
    if active:
        cols[0].info(f"**{t('f.active', lang)}:** " + " · ".join(active), icon=":material/filter_alt:")
        cols[1].button(t("f.reset", lang), on_click=flt.reset, key=f"reset_{title_key}", icon=":material/restart_alt:")
    else:
        cols[0].caption(t("f.none", lang))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def chart(ctx: Context, fig: go.Figure, rows: pd.DataFrame, key: str) -> None:
    """A chart, its 2x PNG download under a meaningful name, and the rows behind it."""
    name = "_".join(filter(None, [key, ctx.f.plan, *(slug(u)[:20] for u in ctx.f.units),
                                  f"{ctx.f.year_from}-{ctx.f.year_to}", ctx.lang]))
    st.plotly_chart(fig, key=f"chart_{key}", config={
        "displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name}})
    with st.expander(t("c.rows_behind", ctx.lang)):
        table(ctx, rows)


def table(ctx: Context, df: pd.DataFrame, **kwargs) -> None:
    """A data frame with unknown text cells shown as 'not given' (never as 0 or 'None')."""
    shown = df.copy()
    for col in shown.columns:
        if shown[col].dtype == object or str(shown[col].dtype) in ("str", "string"):
            shown[col] = shown[col].map(lambda v: t("c.missing", ctx.lang) if v is None or
                                        (pd.api.types.is_scalar(v) and pd.isna(v)) else v)
    st.dataframe(shown, hide_index=True, width="stretch", **kwargs)


def empty(ctx: Context) -> None:
    st.info(t("c.no_data", ctx.lang), icon=":material/search_off:")
