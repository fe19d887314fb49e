"""Display names: data stays as written; in English, units and vice-rectors use the reference names."""
from __future__ import annotations

import pandas as pd

from ui.data import query
from ui.i18n import t


def unit_names(lang: str) -> dict[str, str]:
    df = query("ref_units")
    if lang == "en":
        return dict(zip(df["unit_name"], df["name_en"], strict=True))
    return dict(zip(df["unit_name"], df["unit_name"], strict=True))


def unit(name: str, lang: str) -> str:
    return unit_names(lang).get(name, name)


def vice_rector_names(lang: str) -> dict[str, str]:
    """Short portfolio names ("Tədris işləri" / "Academic Affairs"), one lookup for a whole table."""
    df = query("ref_vice_rectors")
    if lang == "en":
        return {k: v.replace("Vice-rector for ", "") for k, v in zip(df.key, df.name_en, strict=True)}
    return {k: v.replace(" üzrə prorektor", "") for k, v in zip(df.key, df.name_az, strict=True)}


def vice_rector(key: str | None, lang: str, names: dict[str, str] | None = None) -> str:
    if key is None or (not isinstance(key, str) and pd.isna(key)):
        return t("c.none_named", lang)
    return (names or vice_rector_names(lang)).get(key, key)


def recurrence(kind: str | None, lang: str) -> str:
    return t(f"rec.{'unknown' if kind is None or pd.isna(kind) else kind}", lang)
