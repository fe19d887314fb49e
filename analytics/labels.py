"""Display names: data stays as written; in English, units and vice-rectors use the reference names."""
from __future__ import annotations

import pandas as pd

from analytics import fmt
from analytics.db import query
from analytics.i18n import M, t
from parse.deadlines import cadence

NEW_MARK = " *"  # a quiet marker on unit names nobody has reviewed yet (explained under the charts)


def shown_title(title: object, title_en: object, lang: str) -> str:
    """A goal's, target's or action's title in the page's language: the English title where one was given;
    in English a title kept as written carries the marker ('[az] ...'), never silently mixed. The same rule
    as the shown_title macro in queries/_macros.sql (which db.query hands the same marker)."""
    text = "" if title is None or (not isinstance(title, str) and pd.isna(title)) else str(title)
    if lang != "en":
        return text
    if isinstance(title_en, str) and title_en.strip():
        return title_en.strip()
    return t("ti.mark", "en") + text if text else text


def untranslated_legend(scope: str | None, lang: str) -> str | None:
    """The one line that explains the [az] marker, in English where titles in scope have no English title."""
    if lang != "en" or not int(query("untranslated_titles", scope=scope).n.iloc[0]):
        return None
    return t("ti.legend", lang)


def unit_names(lang: str) -> dict[str, str]:
    """Display name of every unit; a new unit without an English name keeps its name as written."""
    df = query("ref_units")
    marker = {u: "" if ok else NEW_MARK for u, ok in zip(df["unit_name"], df["reviewed"], strict=True)}
    if lang == "en":
        return {u: (e if isinstance(e, str) and e else u) + marker[u]
                for u, e in zip(df["unit_name"], df["name_en"], strict=True)}
    return {u: u + marker[u] for u in df["unit_name"]}


def units_by_university(df: pd.DataFrame, lang: str, col: str = "unit_name") -> pd.DataFrame:
    """Units belong to their university: with several universities in `df`, each unit is labelled
    'Name (CODE)', so two universities' offices of one name are never added together. The unit
    column then holds display labels (pass an empty name map to the chart)."""
    names = unit_names(lang)
    out = df.copy()
    several = "institution" in out and out["institution"].nunique() > 1
    out[col] = [f"{names.get(u, u)} ({i})" if several else names.get(u, u)
                for u, i in zip(out[col], out["institution"] if "institution" in out else [None] * len(out),
                                strict=True)]
    return out


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


def _span(a: object, b: object) -> str:
    return str(int(a)) if a == b else f"{int(a)}–{int(b)}"


def deadline(raw: object, kind: object, y0: object, y1: object, m0: object = None, m1: object = None,
             lang: str = "az") -> str:
    """A deadline for the reader: in Azerbaijani as the plan wrote it; in English built from what was read
    ("Ongoing (2021–2025)", "January–September 2025", "Every year, August (2021–2025)"). A deadline that was
    not understood stays as written; none at all says so."""
    def missing(v: object) -> bool:
        return v is None or (not isinstance(v, str) and pd.isna(v))

    if lang != "en" or missing(kind) or missing(y0) or missing(y1):
        if missing(raw):
            return t("rec.none", lang)
        return str(raw)
    months = fmt.month_names("en", "wide")
    years = _span(y0, y1)
    if kind == "regular":  # 'Hər rüb' is regular work done every quarter, not just ongoing
        every = cadence(str(raw)) if not missing(raw) else None
        return f"Every {every} ({years})" if every else f"Ongoing ({years})"
    if kind == "semester":
        return f"Every semester ({years})"
    if kind == "annual":
        month = "" if missing(m0) else f", {months[int(m0) - 1]}"
        return f"Every year{month} ({years})"
    if missing(m0) or missing(m1):
        return years
    if (int(m0), int(m1)) == (1, 12):
        return f"Year-round {years}" if y0 == y1 else f"{years}"
    first, last = months[int(m0) - 1], months[int(m1) - 1]
    if y0 == y1:
        return f"{first} {int(y0)}" if m0 == m1 else f"{first}–{last} {int(y0)}"
    return f"{first} {int(y0)} – {last} {int(y1)}"


def deadlines_of(df: pd.DataFrame, lang: str, end_year: str = "end_year") -> list[str]:
    """deadline() for every row of a frame with deadline_raw, recurrence, start/end year and month."""
    return [deadline(*x, lang=lang) for x in zip(df.deadline_raw, df.recurrence, df.start_year, df[end_year],
                                                   df.start_month, df.end_month, strict=True)]


def word(value: object, lang: str) -> str:
    """A word of the common course vocabulary (semester, course type, grade, assessment part) in the
    page's language ('Payız' -> 'Autumn'); any other text stays as the university wrote it."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return t("c.missing", lang)
    text = str(value)
    key = "voc." + "_".join(text.replace("İ", "i").lower().split())
    return t(key, lang) if lang == "en" and key in M else text
