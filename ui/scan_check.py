"""A scanned plan's preview: each page read by OCR beside the rows read from it, for a person to check.

The picture is shown without its blank margins (a plan's table often fills half a page). Unless it is clearly taller
than wide (a page full of rows), it is shown at the page's full width with its rows under it: beside them it would be
half as wide and its letters too small to read (seen at 1400 px: a landscape page 430 px wide). Every row read is shown
without a scroll bar inside the table (up to MAX_HEIGHT), so a coloured cell is not hidden below the fold."""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from analytics.i18n import t
from ui import tables

LOW_STYLE = "background-color: #fde2c8"
ROW_PX, MAX_HEIGHT = 35, 1400  # Streamlit's data frame row height; the tallest table before it scrolls
INK = 0.005  # a row or column of the picture with less dark pixels than this is blank (a scanner's specks are ~0.0004)
BORDER = 0.02  # of the picture's longer side, kept around the ink
TALL = 1.2  # height over width of a picture shown beside its rows; a wider one spans the page over them


def trimmed(picture: bytes) -> bytes:
    """The page picture without its blank margins (rows and columns with almost no ink), a small border kept; the
    picture as it was when it cannot be read, holds no ink, or has no margin to take."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(picture)) as image:
            grey = image.convert("L")
    except (UnidentifiedImageError, OSError):
        return picture
    ink = np.asarray(grey) < 128
    rows, cols = np.flatnonzero(ink.mean(axis=1) > INK), np.flatnonzero(ink.mean(axis=0) > INK)
    if not len(rows) or not len(cols):
        return picture
    w, h = grey.size
    pad = round(BORDER * max(w, h))
    box = (max(int(cols[0]) - pad, 0), max(int(rows[0]) - pad, 0), min(int(cols[-1]) + pad + 1, w),
           min(int(rows[-1]) + pad + 1, h))
    if box == (0, 0, w, h):
        return picture
    buf = io.BytesIO()
    grey.crop(box).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def tall(picture: bytes) -> bool:
    """Whether the picture is clearly taller than wide (TALL), so that it is shown beside its rows; a picture that
    cannot be read counts as tall (beside its rows, as before)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(picture)) as image:
            return image.height > TALL * image.width
    except (UnidentifiedImageError, OSError):
        return True


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
        picture = trimmed(page.png)
        if tall(picture):
            left, right = st.columns([1, 1])
        else:
            left = right = st.container()
        left.image(picture, width="stretch")
        frame = rows_frame(page.rows)
        low = set(page.low)
        marks = pd.DataFrame([[LOW_STYLE if (r, c) in low else "" for c in range(frame.shape[1])]
                              for r in range(frame.shape[0])], index=frame.index, columns=frame.columns)
        tables.show(frame, where=right, cell_styles=marks, hide_index=True, width="stretch",
                    height=table_height(len(frame)))
        if low:
            right.caption(t("im.scan.low", lang, n=len(low)))
