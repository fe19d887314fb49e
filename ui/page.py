"""What every page shares: the header with active filters, charts with the rows behind them."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import fmt, labels, views
from analytics.filters import Filters, Options, describe
from analytics.i18n import t
from ui import builtin_texts, tables
from ui import filters as flt
from ui.guard import without_folders


@dataclass(frozen=True)
class Context:
    f: Filters
    opts: Options

    @property
    def lang(self) -> str:
        return self.f.lang


def context() -> Context:
    return st.session_state["_ctx"]


# Pages that show no goal, target or action title: no legend for the [az] marker there (the English titles page
# says it in its own note).
NO_TITLES = frozenset({"nav.rankings", "nav.cbhe", "nav.courses", "nav.units", "nav.titles"})


def header(ctx: Context, title_key: str, question_key: str, suffix: str | None = None) -> None:
    """Title (with a suffix computed from the data shown, e.g. the years), question, active filters."""
    lang = ctx.lang
    st.title(f"{t(title_key, lang)} {suffix}" if suffix else t(title_key, lang), anchor=False)
    st.markdown(f"*{t(question_key, lang)}*")
    for note in ctx.f.notes:  # carries URL text: shown literally, never as Markdown (no links, no images)
        st.warning(fmt.plain(note), icon=":material/link_off:")
    active = describe(ctx.f, ctx.opts)
    legend = None if title_key in NO_TITLES else labels.untranslated_legend(ctx.f.scope, lang)
    cols = st.columns([5, 1], vertical_alignment="center")
    if active:
        cols[0].info(f"**{t('f.active', lang)}:** " + " · ".join(fmt.plain(a) for a in active),
                     icon=":material/filter_alt:")
        cols[1].button(t("f.reset", lang), on_click=flt.reset, key=f"reset_{title_key}", icon=":material/restart_alt:")
    else:
        cols[0].caption(t("f.none", lang))
    if legend:
        st.caption(legend)


# Our own layout rules (no data in them). At phone width Streamlit stacks every column; key figures
# are kept two to a row so that eight of them do not fill a screen.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  div[data-testid="stHorizontalBlock"]:has(> div[data-testid="stColumn"] div[data-testid="stMetric"]) {
    flex-direction: row !important; flex-wrap: wrap !important; gap: 0.5rem !important;
  }
  div[data-testid="stHorizontalBlock"]:has(> div[data-testid="stColumn"] div[data-testid="stMetric"])
      > div[data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.5rem) !important; min-width: calc(50% - 0.5rem) !important;
    width: calc(50% - 0.5rem) !important;
  }
  div[data-testid="stMetricValue"] { font-size: 1.6rem !important; }
}
/* no "link to this heading" buttons: Streamlit labels them in English only, and a page's address is its link */
[data-testid="stHeaderActionElements"] { display: none !important; }
</style>"""


def layout_rules() -> None:
    st.html(PHONE_CSS)


def lead(text: str) -> None:
    """The page's answer in one sentence that names its subject, above the key figures."""
    st.subheader(fmt.plain(text), anchor=False)


def time_note(ctx: Context) -> None:
    """Where each plan in view stands today ('the 2021-2025 plan ended 11 months ago; no newer plan is
    loaded'), under a page's answer: every page that speaks of years speaks from today's date."""
    from analytics import timeline

    for line in timeline.time_lines(ctx.f):
        st.caption(fmt.plain(line))


def downloads(ctx: Context, page: str) -> None:
    """This page's deck and workbook, built only when asked (callable data)."""
    from reports import PAGE_ORDER, images

    lang = ctx.lang
    stem = "_".join(filter(None, [page, ctx.f.scope, _years_stem(ctx), lang]))
    pages = [page] if page in PAGE_ORDER else []
    with st.expander(t("dl.exports", lang), icon=":material/download:"):
        cols = st.columns(3 if ctx.f.scope else 2)
        if ctx.f.scope:  # the implementation report is of one university or plan, over the filters' years
            cols[2].download_button(t("dl.annual", lang), data=lambda: _annual(ctx), file_name=f"report_{stem}.docx",
                                    mime=DOCX, key=f"annual_{page}", icon=":material/description:")
        if pages and images.browser_available():
            cols[0].download_button(t("dl.deck", lang), data=lambda: _deck(ctx, pages), file_name=f"{stem}.pptx",
                                    mime=PPTX, key=f"deck_{page}", icon=":material/slideshow:")
        elif pages:
            cols[0].warning(images.NO_BROWSER)
        cols[1].download_button(t("dl.workbook", lang), data=lambda: _workbook(ctx, pages), file_name=f"{stem}.xlsx",
                                mime=XLSX, key=f"xlsx_{page}", icon=":material/table:")


def _years_stem(ctx: Context) -> str | None:
    label = ctx.f.years_label(ctx.opts.years)
    return label.replace("–", "-") if label else None


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _deck(ctx: Context, pages: list[str]) -> bytes:
    from reports.deck import build_deck

    return build_deck(ctx.f, pages)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _annual(ctx: Context) -> bytes:
    from reports.annual.report import build_report

    return build_report(ctx.f)[0]


def _workbook(ctx: Context, pages: list[str]) -> bytes:
    from reports.workbook import build_workbook

    return build_workbook(ctx.f, pages)


def meeting_pack(ctx: Context) -> None:
    """One deck of every page, built with a progress bar, then offered for download."""
    from reports import PAGE_ORDER, images
    from reports.images import ExportError

    lang = ctx.lang
    st.subheader(t("dl.pack", lang))
    st.caption(t("dl.pack.help", lang))
    if not images.browser_available():
        st.warning(images.NO_BROWSER)
        return
    key = ("pack", ctx.f)
    if st.button(t("dl.pack.build", lang), icon=":material/slideshow:", key="build_pack"):
        bar = st.progress(0.0, text=t("dl.pack.progress", lang))
        try:
            from reports.deck import build_deck

            data = build_deck(ctx.f, PAGE_ORDER, progress=lambda x, what: bar.progress(
                min(x, 1.0), text=f"{t('dl.pack.progress', lang)} {what}"))
            st.session_state["_pack"] = (key, data)
        except ExportError as exc:
            st.error(fmt.plain(without_folders(exc)))
        bar.empty()
    pack = st.session_state.get("_pack")
    if pack and pack[0] == key:
        st.download_button(t("dl.pack.download", lang), data=pack[1], mime=PPTX, icon=":material/download:",
                           file_name=f"meeting_pack_{ctx.f.scope or 'all'}_{lang}.pptx", key="pack_download")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def chart(ctx: Context, fig: go.Figure, rows: pd.DataFrame, key: str, folded: bool = False) -> None:
    """A chart, its 2x PNG download under a meaningful name, and the rows behind it. `folded`: the chart
    waits in an expander named by its title and is drawn (and sent) only once opened — a page draws its
    first charts at once and the others on request, since every drawn chart costs the browser ~0.3 s."""
    if folded:
        _folded(_title_of(fig, key), key, lambda: _chart(ctx, fig, rows, key))
        return
    _chart(ctx, fig, rows, key)


def chart_of(ctx: Context, spec: views.AnySpec, folded: bool = False,
             before: Callable[[views.ChartSpec], None] | None = None,
             after: Callable[[views.ChartSpec], None] | None = None, missing: str | None = None) -> None:
    """A view's chart (chart() above); a folded views.Later is read and built only once it is opened, under
    its own title whether or not another session has built it already. `before`/`after` draw notes about
    the chart above/under it (inside the fold); `missing` is said when the chart turns out to have no data."""
    def draw() -> None:
        real = spec.spec() if isinstance(spec, views.Later) else spec
        if real is None:
            if folded or missing:
                st.caption(missing or t("c.no_rows", ctx.lang))
            return
        if before:
            before(real)
        _chart(ctx, real.figure, real.rows, real.key)
        if after:
            after(real)

    if not folded:
        draw()
    elif isinstance(spec, views.Later):
        _folded(spec.title, spec.key, draw)
    else:
        _folded(_title_of(spec.figure, spec.key), spec.key, draw)


def _title_of(fig: go.Figure, key: str) -> str:
    return " ".join(str(fig.layout.title.text or key).replace("<br>", " ").split())


def _folded(title: str, key: str, draw: Callable[[], None]) -> None:
    with st.expander(fmt.plain(title), key=f"more_{key}", on_change="rerun", icon=":material/bar_chart:") as box:
        if box.open:
            draw()


def _chart(ctx: Context, fig: go.Figure, rows: pd.DataFrame, key: str) -> None:
    name = "_".join(filter(None, [key, ctx.f.scope, *(slug(u)[:20] for u in ctx.f.units),
                                  _years_stem(ctx), ctx.lang]))
    st.plotly_chart(fig, key=f"chart_{key}", config={
        "displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name},
        "topojsonURL": "/app/static/topojson/",  # maps from bundled files, never a CDN
        **builtin_texts.plotly_config(ctx.lang)})  # the toolbar's tooltips in the user's language
    # lazy: the rows are computed and sent only once the expander is opened (one rerun), not with every page
    with st.expander(t("c.rows_behind", ctx.lang), key=f"rows_{key}", on_change="rerun") as rows_box:
        if rows_box.open:
            table(ctx, rows)


TABLE_ROWS = 500
SHOWN = views.DRAWN_AT_ONCE  # charts a page draws at once; the others wait folded (chart(folded=True))


def table(ctx: Context, df: pd.DataFrame, limit: int | None = TABLE_ROWS, total: int | None = None,
          **kwargs) -> None:
    """A data frame with unknown text cells shown as 'not given' (never as 0 or 'None').

    At national scale a table can hold tens of thousands of rows: it shows the first `limit` and
    says so (the exports carry every row). `total`: the number of rows before the caller cut them."""
    if df.empty:  # not Streamlit's bare "empty" grid
        st.caption(t("c.no_rows", ctx.lang))
        return
    total = max(total or 0, len(df))
    if limit is not None and total > limit:
        st.caption(t("c.rows_capped", ctx.lang, shown=fmt.num(limit, ctx.lang), total=fmt.num(total, ctx.lang)))
        df = df.head(limit)
    shown = fmt.cells(df, ctx.lang)
    shown.columns = [str(c) for c in shown.columns]  # a year column is a number in the workbook, a label here
    tables.show(shown, hide_index=True, width="stretch", **kwargs)


def empty(ctx: Context) -> None:
    st.info(t("c.no_data", ctx.lang), icon=":material/search_off:")
