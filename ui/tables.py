"""The one way a screen shows a table: every cell that leaves it is safe to open in a spreadsheet.

Streamlit's table toolbar offers "Download as CSV" (and a read-only grid copies to the clipboard) on every
table, bypassing the product's own CSV (reports/safe_csv). So the frame handed to Streamlit already has its
text cells neutralised by safe_csv's rule: text a spreadsheet would run as a formula (=, +, -, @, tab, CR)
gets an apostrophe in front (OWASP), and a carriage return inside text becomes a line feed. Numbers stay
numbers; list cells stay lists with each item neutralised.
Screens never call st.dataframe / st.data_editor / st.table themselves (tests/test_table_exports.py)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from reports.safe_csv import neutralise as _neutralise_text

Frame = pd.DataFrame | Mapping[str, Iterable[Any]]


def neutralise_cell(value: object) -> object:
    """One cell as it may leave the page: formula-like text gets an apostrophe; lists keep their items."""
    if isinstance(value, str):  # Streamlit's CSV quotes a cell with a line feed but not one with a bare CR,
        # which a spreadsheet may read as a new row starting with whatever follows it: CR becomes LF
        return str(_neutralise_text(value)).replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list | tuple | np.ndarray):
        return [neutralise_cell(v) for v in value]
    return value


def _text_like(values: pd.Series) -> bool:
    dtype = values.dtype
    return not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
                or pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype))


def neutralise_frame(df: Frame, columns: Iterable[object] | None = None,
                     index: bool = True) -> tuple[pd.DataFrame, dict[object, object]]:
    """A copy of `df` with its text cells (of `columns`, default all) and column names neutralised.

    Returns the frame and the renaming of columns whose names had to change (old name -> new name).
    `index`: neutralise a text index too (not for an editor, whose index keys the rows it returns)."""
    out = pd.DataFrame(df).copy() if not isinstance(df, pd.DataFrame) else df.copy()
    wanted = set(out.columns) if columns is None else set(columns)
    for col in out.columns:
        if col in wanted and _text_like(out[col]):
            values = out[col]
            if isinstance(values.dtype, pd.CategoricalDtype):
                values = values.astype(object)
            out[col] = values.map(neutralise_cell)
    if index and _text_like(out.index.to_series()) and not isinstance(out.index, pd.MultiIndex):
        out.index = out.index.map(neutralise_cell)
    renamed = {c: neutralise_cell(c) for c in out.columns if isinstance(c, str) and neutralise_cell(c) != c}
    return out.rename(columns=renamed), renamed


def _config(config: Mapping[object, Any] | None, renamed: Mapping[object, object]) -> dict[object, Any] | None:
    return None if config is None else {renamed.get(k, k): v for k, v in config.items()}


def show(df: Frame, where: Any = None, cell_styles: pd.DataFrame | None = None, **kwargs: Any) -> None:
    """st.dataframe of a neutralised copy (same keyword arguments), drawn in `where` (a container or column; the
    page by default); `cell_styles`: CSS per cell, a frame of the same shape (e.g. OCR cells read with low
    confidence)."""
    shown, renamed = neutralise_frame(df)
    if "column_config" in kwargs:
        kwargs["column_config"] = _config(kwargs["column_config"], renamed)
    if isinstance(kwargs.get("column_order"), list | tuple):
        kwargs["column_order"] = [renamed.get(c, c) for c in kwargs["column_order"]]
    data: Any = shown
    if cell_styles is not None:
        styles = cell_styles.set_axis(shown.index, axis=0).set_axis(shown.columns, axis=1)
        data = shown.style.apply(lambda _f: styles, axis=None)
    (where or st).dataframe(data, **kwargs)


def editor(df: pd.DataFrame, disabled: bool | Iterable[str] = False, **kwargs: Any) -> pd.DataFrame:
    """st.data_editor whose read-only columns are neutralised for display; the frame returned carries the
    caller's own values in those columns (and the editable ones as edited), so editing works unchanged.

    `disabled`: True (nothing editable: every column is neutralised) or the read-only columns' names.
    Column names are left alone (the caller's code reads the returned columns by name)."""
    read_only = list(df.columns) if disabled is True else ([] if disabled is False else list(disabled))
    shown, _ = neutralise_frame(df, columns=read_only, index=False)
    shown.columns = df.columns
    edited = st.data_editor(shown, disabled=disabled, **kwargs)
    if not isinstance(edited, pd.DataFrame) or edited.shape[0] != df.shape[0] \
            or not edited.index.equals(df.index):  # rows added or removed: give back what Streamlit returned
        return edited
    edited = edited.copy()
    for col in read_only:
        if col in edited.columns:
            edited[col] = df[col]
    return edited
