"""A scanned plan's preview: each page read by OCR beside the rows read from it, for a person to check.

A page lying on its side (landscape, as plans with many columns are printed) is shown at the page's full width with
its rows under it: beside them it would be half as wide and its letters too small to read. Every row read is shown
without a scroll bar inside the table (up to MAX_HEIGHT), so a coloured cell is not hidden below the fold."""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from analytics.i18n import t

LOW_STYLE = "background-color: #fde2c8"
ROW_PX, MAX_HEIGHT = 35, 1400  # Streamlit's data frame row height; the tallest table before it scrolls


def landscape(picture: bytes) -> bool:
    """Whether the page picture is wider than tall (a picture that cannot be read counts as upright)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(picture)) as image:
            return image.width > image.height
    except (UnidentifiedImageError, OSError):
        return False


def table_height(rows: int) -> int:
    """Pixels for the header and every row (and the border), at most MAX_HEIGHT."""
    return min(ROW_PX * (rows + 1) + 3, MAX_HEIGHT)


def rows_frame(rows: list[list[str | None]]) -> pd.DataFrame:
    """The rows as read, columns numbered from 1; a cell covered by a merged cell shown empty."""
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([[c or "" for c in r] + [""] * (width - len(r)) for r in rows],
                        columns=[str(i) for i in range(1, width + 1)])


def show(scans: list, lang: str) -> None:
    """Say that the file was read by OCR, then per page (parse_job.ScanPage) its picture and the rows read,
    the cells read with low confidence marked."""
    if not scans:
        return
    st.warning(t("im.scan.check", lang), icon=":material/document_scanner:")
    for page in scans:
        st.markdown(f"**{t('im.scan.page', lang, page=page.page)}**")
        if landscape(page.png):
            left = right = st.container()
        else:
            left, right = st.columns([1, 1])
        left.image(page.png, width="stretch")
        frame = rows_frame(page.rows)
        low = set(page.low)
        marks = pd.DataFrame([[LOW_STYLE if (r, c) in low else "" for c in range(frame.shape[1])]
                              for r in range(frame.shape[0])], index=frame.index, columns=frame.columns)
        right.dataframe(frame.style.apply(lambda _f, m=marks: m, axis=None), hide_index=True, width="stretch",
                        height=table_height(len(frame)))
        if low:
            right.caption(t("im.scan.low", lang, n=len(low)))
