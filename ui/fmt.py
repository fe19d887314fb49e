"""Numbers, money and dates for the interface language (CLDR data through babel)."""
from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
from babel.dates import format_datetime, get_month_names
from babel.numbers import format_currency, format_decimal

from ui.i18n import t


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


def plain(text: str) -> str:
    """User text for st.markdown shown literally: every Markdown character escaped (no links, images, HTML)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def date_time(value: object, lang: str) -> str:
    """'30 noyabr 2026, 08:15' / '30 November 2026, 08:15'; missing shows as missing (never an ISO stamp)."""
    if value is None or (not isinstance(value, dt.datetime | dt.date) and pd.isna(value)):
        return t("c.missing", lang)
    stamp = pd.Timestamp(value).to_pydatetime()
    return format_datetime(stamp, "d MMMM y, HH:mm", locale=lang)
