"""Numbers, money and dates for the interface language (CLDR data through babel)."""
from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
from babel.dates import format_date, format_datetime, get_month_names
from babel.numbers import format_currency, format_decimal

from analytics.i18n import t


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def num(value: float | int | None, lang: str) -> str:
    return t("c.missing", lang) if _missing(value) else format_decimal(value, locale=lang, format="#,##0.##")


def eur(value: float | None, lang: str) -> str:
    if _missing(value):
        return t("c.missing", lang)
    pattern = "#,##0 ¤" if lang == "az" else "¤#,##0"
    return format_currency(value, "EUR", locale=lang, format=pattern, currency_digits=False)


def month_names(lang: str, width: str = "abbreviated") -> list[str]:
    names = get_month_names(width, context="stand-alone", locale=lang)
    return [names[i] for i in range(1, 13)]


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


# Where Streamlit's Markdown (GFM) would turn bare text into a link after escapes are read ("https://…",
# "www.…", "name@host.org"): an invisible word joiner goes there, so the text shows as written and links nowhere.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")


def plain(text: str) -> str:
    """User text for st.markdown shown literally: every Markdown character escaped (no links, images, HTML), and
    no bare address becomes a link."""
    return _MARKDOWN.sub(r"\\\1", _AUTOLINK.sub("\u2060", str(text)))


def date_time(value: object, lang: str) -> str:
    """'30 noyabr 2026, 08:15' / '30 November 2026, 08:15'; missing shows as missing (never an ISO stamp)."""
    if value is None or (not isinstance(value, dt.datetime | dt.date) and pd.isna(value)):
        return t("c.missing", lang)
    stamp = pd.Timestamp(value).to_pydatetime()
    return format_datetime(stamp, "d MMMM y, HH:mm", locale=lang)


def day(value: object, lang: str) -> str:
    """A date as people write it: '15 sentyabr 2026' / '15 September 2026'."""
    if value is None or pd.isna(value):
        return t("c.missing", lang)
    return format_date(pd.Timestamp(value).date(), format="d MMMM y", locale=lang)


def _dates(values: pd.Series) -> bool:
    """A column of dates or timestamps (datetime dtype, or Python dates as DuckDB hands DATE over)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return True
    known = values.dropna()
    return values.dtype == object and len(known) > 0 and all(isinstance(v, dt.date) for v in known)


def _whole(v: float, lang: str) -> str:
    """A whole number in a text column: grouped when large (a budget: '633 292'), plain when it may be a
    year or a number in a list ('2025', '3')."""
    return num(v, lang) if abs(v) >= 10_000 else str(int(v))


def cells(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table as shown: an unknown cell reads 'not given' (never None, nan or 0), in any column;
    a gap in a number column (an unnumbered row's '№') is a dash.

    A number column with a gap becomes text (whole numbers without decimals: '3', not '3.0');
    a complete number column keeps its type, so it still sorts as numbers."""
    shown = df.copy()
    missing = t("c.missing", lang)
    for col in shown.columns:
        values = shown[col]
        if _dates(values):  # a date reads as people write it, never '2023-01-01 00:00:00'
            shown[col] = [missing if pd.isna(v) else day(v, lang) for v in values]
            continue
        if pd.api.types.is_bool_dtype(values.dtype) or not values.isna().any():
            continue
        if pd.api.types.is_numeric_dtype(values.dtype):
            shown[col] = ["—" if pd.isna(v) else _whole(v, lang) if float(v).is_integer() else num(v, lang)
                          for v in values]
        else:
            shown[col] = [missing if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) else v
                          for v in values]
    return shown
