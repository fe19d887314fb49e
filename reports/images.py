"""Static chart images through kaleido and the system Chromium, with a clear error when there is none."""

from __future__ import annotations

import hashlib
import json
import numbers
import re
import textwrap
import threading
import warnings
from collections import OrderedDict
from pathlib import Path

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def browser_available() -> bool:
    import shutil

    return any(shutil.which(b) for b in BROWSERS)


class ExportError(Exception):
    """An export could not be made; the message says why and what to do."""


_lock = threading.Lock()
DRAWN_KEPT = 64  # pictures kept (a slide's is 0.1-0.4 MB)
_drawn: OrderedDict[str, bytes] = OrderedDict()  # by figure and size, the newest last
_server_started = False
_idle_timer: threading.Timer | None = None
IDLE_SECONDS = 120  # the browser kaleido keeps (~1.3 GB in a server) is closed after this long unused

NO_BROWSER = (
    "Chart images need a Chrome or Chromium browser, and none was found. Install it with "
    "`apt-get install -y chromium` (Debian/Ubuntu) and try again; the workbook export works without it."
)


def _ensure_server() -> None:
    """One kaleido browser for the process: ~0.2 s an image instead of 3-5 s (tech notes)."""
    global _server_started
    if _server_started:
        return
    import kaleido
    import plotly.io as pio

    pio.defaults.topojson = (Path(__file__).resolve().parent.parent / "static" / "topojson").as_uri() + "/"
    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception as exc:  # ChromeNotFoundError and friends
        raise ExportError(NO_BROWSER) from exc
    _server_started = True


def stop_server() -> None:
    """Close kaleido's browser (an export a while ago, or the process ending); the next image starts it."""
    global _server_started
    with _lock:
        if not _server_started:
            return
        import kaleido

        try:
            kaleido.stop_sync_server(silence_warnings=True)
        finally:
            _server_started = False


def _close_when_idle() -> None:
    """(Re)arm the timer that closes the browser once no image has been asked for in IDLE_SECONDS: a deck
    is quick in one browser, and the server does not carry the browser between exports."""
    global _idle_timer
    if _idle_timer is not None:
        _idle_timer.cancel()
    _idle_timer = threading.Timer(IDLE_SECONDS, stop_server)
    _idle_timer.daemon = True
    _idle_timer.start()


def png(fig: go.Figure, width: int = 1600, height: int | None = None, scale: float = 2) -> bytes:
    """The figure as a PNG picture; the same figure at the same size is drawn once per process (the last
    DRAWN_KEPT pictures are kept: a deck asked again, or the button's deck and the command's, draws nothing)."""
    height = height or int(fig.layout.height or 450)
    shown = json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True)  # keys in any order
    key = hashlib.sha256(f"{width}x{height}x{scale}:{shown}".encode()).hexdigest()
    with _lock:
        if key in _drawn:
            _drawn.move_to_end(key)
            return _drawn[key]
        _ensure_server()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data = fig.to_image(format="png", width=width, height=height, scale=scale)
        except Exception as exc:
            if "chrome" in str(exc).lower() or "browser" in str(exc).lower():
                raise ExportError(NO_BROWSER) from exc
            raise
        finally:
            _close_when_idle()
        _drawn[key] = data
        while len(_drawn) > DRAWN_KEPT:
            _drawn.popitem(last=False)
        return data


# ------------------------------------------------------------------ figures for a slide
# A chart on a slide is drawn at the slide's size in points (one layout pixel = one point), so the
# sizes below are the sizes on the slide: nothing is shrunk onto it afterwards.
# Projected, a 16:9 slide's 14 pt read as ~11 pt from the back of a room: chart text is 18 pt (issue 27).
SLIDE_FONT = 18  # body text, tick labels, legend
SLIDE_MIN_FONT = 18  # no text smaller than this (points at slide size)
SLIDE_TITLE_FONT = 22
SLIDE_ROWS = 12  # rows (categories) on one chart slide at most
LINE = 1.3  # line height, in font sizes
LABEL_CHARS = 40  # a row label on one line, shortened with an ellipsis
LEGEND_CHARS = 24  # a legend entry's line
POINT_ARRAYS = (
    "x", "y", "base", "text", "customdata", "hovertext", "ids", "width", "offset", "textposition",
    "marker.color", "marker.symbol", "marker.size", "marker.opacity", "marker.line.color", "marker.line.width",
    "marker.pattern.shape", "error_x.array", "error_x.arrayminus", "error_y.array", "error_y.arrayminus",
    "textfont.color", "textfont.size",
)


def _is_category(value: object) -> bool:
    return isinstance(value, str)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value


def _row_axis(fig: go.Figure) -> str | None:
    """The axis that carries the chart's rows: y for horizontal bars, heatmaps and Gantt markers, x
    for vertical bars of named categories; None for maps, sunbursts and number-only charts."""
    for tr in fig.data:
        if tr.type == "heatmap" and tr.y is not None:
            return "y"
        if tr.type == "bar":
            if tr.orientation == "h" and tr.y is not None and any(map(_is_category, tr.y)):
                return "y"
            if tr.orientation != "h" and tr.x is not None and any(map(_is_category, tr.x)):
                return "x"
        if tr.type == "scatter" and tr.y is not None and any(map(_is_category, tr.y)):
            return "y"
    return None


def rows_in(fig: go.Figure) -> list[str]:
    """The chart's rows in reading order (top to bottom, or left to right)."""
    axis = _row_axis(fig)
    if axis is None:
        return []
    seen: dict[str, None] = {}
    layout_axis = fig.layout[f"{axis}axis"]
    if layout_axis.categoryorder == "array" and layout_axis.categoryarray is not None:
        seen.update(dict.fromkeys(c for c in layout_axis.categoryarray if _is_category(c)))
    for tr in fig.data:
        values = tr[axis] if tr.type != "heatmap" or axis == "y" else None
        if values is not None:
            seen.update(dict.fromkeys(v for v in values if _is_category(v)))
    order = list(seen)
    # plotly draws the first category at the bottom of a y axis unless the axis is reversed
    return order if axis == "x" or layout_axis.autorange == "reversed" else order[::-1]


def as_rows(fig: go.Figure) -> go.Figure:
    """A chart whose rows are numbered, each labelled by a note over its bar (the page's layout for a
    phone's width), as rows labelled on the axis at the left: the layout for a wide slide."""
    yaxis = fig.layout.yaxis
    notes = [a for a in fig.layout.annotations
             if a.xref == "paper" and _is_number(a.y) and a.yanchor == "bottom" and isinstance(a.text, str)]
    if yaxis.showticklabels is not False or not notes:
        return fig
    label = {round(a.y): a.text for a in notes}
    if len(label) != len(notes):
        return fig
    fig = go.Figure(fig)
    for tr in fig.data:
        if tr.y is not None and all(_is_number(v) or v is None for v in tr.y):
            tr.y = [None if v is None else label.get(round(v), str(v)) for v in tr.y]
            if tr.type == "bar":
                tr.width = None
    fig.layout.annotations = [a for a in fig.layout.annotations if a not in notes]
    fig.update_yaxes(showticklabels=True, range=None, autorange=True, categoryorder="array",
                     categoryarray=[label[k] for k in sorted(label)], type="category")
    return fig


def _row_sizes(fig: go.Figure, axis: str) -> dict[str, float]:
    """How big each row is (bar lengths, heatmap row sums); empty where the sizes mean nothing
    (Gantt bars, ranking bands: bars drawn from a base)."""
    value_axis = "x" if axis == "y" else "y"
    out: dict[str, float] = {}
    for tr in fig.data:
        if tr.type == "bar" and tr.base is None and tr[axis] is not None and tr[value_axis] is not None:
            for cat, v in zip(tr[axis], tr[value_axis], strict=False):
                if _is_category(cat) and _is_number(v):
                    out[cat] = out.get(cat, 0.0) + float(v)
        elif tr.type == "heatmap" and tr.z is not None and tr.y is not None:
            for cat, row in zip(tr.y, tr.z, strict=False):
                out[cat] = out.get(cat, 0.0) + sum(float(v) for v in row if _is_number(v))
    return out


def keep_rows(fig: go.Figure, kept: set[str]) -> go.Figure:
    """A copy of the figure with only the rows in `kept` (every per-point array cut alike)."""
    axis = _row_axis(fig)
    fig = go.Figure(fig)
    if axis is None:
        return fig
    for tr in fig.data:
        if tr.type == "heatmap":
            if tr.y is None:
                continue
            mask = [y in kept for y in tr.y]
            for attr in ("y", "z", "text", "customdata", "hovertext"):
                if tr[attr] is not None and len(tr[attr]) == len(mask):
                    tr[attr] = [v for v, m in zip(tr[attr], mask, strict=True) if m]
            continue
        cats = tr[axis]
        if cats is None:
            continue
        mask = [c is None or c in kept for c in cats]
        for attr in POINT_ARRAYS:
            try:
                values = tr[attr]
            except (KeyError, ValueError):
                continue
            if values is not None and not isinstance(values, str) and hasattr(values, "__len__") \
                    and len(values) == len(mask):
                tr[attr] = [v for v, m in zip(values, mask, strict=True) if m]
    layout_axis = fig.layout[f"{axis}axis"]
    if layout_axis.categoryarray is not None:
        layout_axis.categoryarray = [c for c in layout_axis.categoryarray if c in kept]
    fig.layout.annotations = [
        a for a in fig.layout.annotations
        if not (_is_category(a[axis]) and a[f"{axis}ref"] in (None, axis) and a[axis] not in kept)
    ]
    return fig


def keep_top_rows(fig: go.Figure, n: int = SLIDE_ROWS) -> tuple[go.Figure, int, bool]:
    """At most n rows: the n largest (or, where sizes mean nothing, the first n), in the chart's order.
    Returns the figure, how many rows were left out and whether the largest were kept."""
    rows = rows_in(fig)
    if len(rows) <= n:
        return fig, 0, False
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    sizes = {} if meta.get("deck_rows") == "first" else _row_sizes(fig, _row_axis(fig) or "y")
    by_size = bool(sizes) or meta.get("deck_rows") == "first"
    kept = sorted(rows, key=lambda r: -sizes.get(r, 0.0))[:n] if by_size else rows[:n]
    return keep_rows(fig, set(kept)), len(rows) - n, by_size


def split_rows(fig: go.Figure, n: int = SLIDE_ROWS) -> list[go.Figure]:
    """The rows in reading order over as few figures as needed, at most n rows each, evenly."""
    rows = rows_in(fig)
    if len(rows) <= n:
        return [fig]
    parts = -(-len(rows) // n)
    size = -(-len(rows) // parts)
    return [keep_rows(fig, set(rows[i : i + size])) for i in range(0, len(rows), size)]


def _lines(value: object) -> int:
    return str(value).count("<br>") + 1 if isinstance(value, str) else 1


def row_lines(fig: go.Figure) -> int:
    """Lines of text one row needs: its label's and its heatmap cells' (the most of any row)."""
    rows = rows_in(fig)
    lines = max((_lines(r) for r in rows), default=1)
    for tr in fig.data:
        if tr.type == "heatmap" and tr.text is not None and _row_axis(fig) == "y":
            cells = [v for row in tr.text for v in (row if isinstance(row, list | tuple) else [row])]
            lines = max([lines] + [_lines(v) for v in cells])
    return lines


_TAG = re.compile(r"<[^>]+>")


def _one_line(label: str, chars: int = LABEL_CHARS) -> str:
    """One line of at most `chars` visible characters; a leading bold part ('<b>QKU</b> ') kept whole."""
    text = " ".join(label.replace("<br>", " ").split())
    if len(_TAG.sub("", text)) <= chars:
        return text
    head = re.match(r"^(<b>[^<]*</b>\s*)", text)
    prefix = head.group(1) if head else ""
    rest = _TAG.sub("", text[len(prefix):])
    room = chars - len(_TAG.sub("", prefix))
    return prefix + rest[: room - 1].rstrip() + "…"


def _relabel(fig: go.Figure, room: float) -> None:
    """Row labels wrapped over lines for a phone, and heatmap cells of several lines, go on one line
    where the rows would not fit the slide otherwise (`room`: the plot's height estimated)."""
    axis = _row_axis(fig)
    rows = rows_in(fig)
    if axis != "y" or not rows or len(rows) * row_lines(fig) * SLIDE_FONT * LINE <= room:
        return
    for tr in fig.data:
        if tr.type == "heatmap" and tr.text is not None:  # '12 ▲3 ▼4'
            tr.text = [[" ".join(str(v).split("<br>")) if isinstance(v, str) else v for v in row] for row in tr.text]
    if not any("<br>" in r for r in rows):
        return
    new = {r: _one_line(r) for r in rows}
    if len(set(new.values())) < len(new):  # two rows would become one: keep them as they are
        return
    for tr in fig.data:
        if tr.y is not None:
            tr.y = [new.get(v, v) if _is_category(v) else v for v in tr.y]
    yaxis = fig.layout.yaxis
    if yaxis.categoryarray is not None:
        yaxis.categoryarray = [new.get(c, c) for c in yaxis.categoryarray]
    for a in fig.layout.annotations:
        if _is_category(a.y) and a.y in new:
            a.y = new[a.y]


def _raise_fonts(node: object, minimum: int, key: str = "") -> None:
    """Every font size given in a figure's dict (layout or trace, not the template) at least `minimum`."""
    if isinstance(node, dict):
        if key.endswith("font") and _is_number(node.get("size")) and node["size"] < minimum:
            node["size"] = minimum
        elif key.endswith("font") and isinstance(node.get("size"), list | tuple):
            node["size"] = [max(v, minimum) if _is_number(v) else v for v in node["size"]]
        for k, v in node.items():
            if k not in ("template", "hoverlabel"):
                _raise_fonts(v, minimum, k)
    elif isinstance(node, list | tuple):
        for item in node:
            if isinstance(item, dict):
                _raise_fonts(item, minimum, key)


def for_slide(fig: go.Figure, width: int, height: int) -> go.Figure:
    """A copy of the page figure laid out for a slide of width x height points: text at slide size
    (at least SLIDE_MIN_FONT), the title on one line, rows on one line where they would not fit,
    text that would have to shrink below the minimum inside bars or sectors left out rather than
    printed unreadably, a value above a narrow bar kept at its size."""
    fig = go.Figure(fig)
    title = fig.layout.title.text
    top_axis = fig.layout.xaxis.side == "top"
    fig.update_layout(
        width=width,
        height=height,
        font_size=SLIDE_FONT,
        title_text=" ".join(title.replace("<br>", " ").split()) if title else title,
        title_font_size=SLIDE_TITLE_FONT,
        # the title on one line at the top, the plot below it (placed here, whatever the page does)
        title_xref="container",
        title_x=0,
        title_xanchor="left",
        title_yref="container",
        title_y=1 - 10 / height,
        title_yanchor="top",
        title_automargin=False,
        title_pad={"l": 8, "b": 0, "t": 0},
        margin_t=16 + int(SLIDE_TITLE_FONT * LINE) + (28 if top_axis else 0),
        uniformtext={"minsize": SLIDE_MIN_FONT, "mode": "hide"},
        legend_xref="container",  # the legend across the whole width: one line where it fits
    )
    for tr in fig.data:
        if isinstance(tr.name, str) and len(tr.name) > LEGEND_CHARS and "<br>" not in tr.name:
            # a long legend entry on two lines: the legend keeps several entries a row
            tr.name = "<br>".join(textwrap.wrap(tr.name, LEGEND_CHARS, break_long_words=False))
        if tr.type == "bar" and tr.textposition == "outside":
            tr.constraintext = "none"
        if tr.type == "heatmap" and tr.texttemplate:
            tr.textfont.size = max(tr.textfont.size or 0, SLIDE_FONT)
        if tr.type == "sunburst":
            tr.insidetextfont.size = max(tr.insidetextfont.size or 0, SLIDE_FONT)
    _relabel(fig, height - 170)
    spec = fig.to_dict()
    _raise_fonts(spec["layout"], SLIDE_MIN_FONT)
    for trace in spec["data"]:
        _raise_fonts(trace, SLIDE_MIN_FONT)
    return go.Figure(spec)


def svg(fig: go.Figure) -> str:
    """The figure as SVG at its layout size (for measuring what a picture shows)."""
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fig.to_image(format="svg", width=fig.layout.width, height=fig.layout.height).decode()


_PLOT_AREA = re.compile(r'<clipPath[^>]*id="[^"]*xyplot"[^>]*>\s*<rect[^>]*height="([\d.]+)"')


def row_pitch(fig: go.Figure) -> float | None:
    """The height one row gets in the drawn figure (points at slide size); None without rows."""
    rows = rows_in(fig)
    if not rows or _row_axis(fig) != "y":
        return None
    area = _PLOT_AREA.search(svg(fig))
    return float(area.group(1)) / len(rows) if area else None
