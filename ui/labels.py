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


def vice_rector(key: str | None, lang: str) -> str:
    if key is None:
        return t("c.none_named", lang)
    df = query("ref_vice_rectors").set_index("key")
    if key not in df.index:
        return key
    if lang == "en":
        return df.at[key, "name_en"].replace("Vice-rector for ", "")
    return df.at[key, "name_az"].replace(" üzrə prorektor", "")


def recurrence(kind: str | None, lang: str) -> str:
    return t(f"rec.{'unknown' if kind is None or pd.isna(kind) else kind}", lang)


def goal(institution: str, goal_no: int | None, lang: str, with_plan: bool = True) -> str:
    if goal_no is None:
        return "—"
    label = t("c.goal_n", lang, n=int(goal_no))
    return f"{institution} · {label}" if with_plan else label
