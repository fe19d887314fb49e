"""The message catalogue: every interface string in Azerbaijani and English.

The texts live in analytics/locale/az.po and en.po (gettext PO files, one per language, msgid = the
message key used in the code), so a translator edits them with any PO editor (Poedit, Weblate)
without touching Python. They are read once at import with babel's PO reader."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

LANGS = ("az", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def _read(lang: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{lang}.po", "rb") as fh:
        return {m.id: m.string for m in read_po(fh, locale=lang) if m.id and isinstance(m.id, str)}


def _load() -> dict[str, tuple[str, str]]:
    """key -> (Azerbaijani, English); a key missing in a language falls back to the other one."""
    az, en = _read("az"), _read("en")
    return {k: (az.get(k) or en.get(k, k), en.get(k) or az.get(k, k)) for k in az.keys() | en.keys()}


M: dict[str, tuple[str, str]] = _load()


# Azerbaijani suffixes follow the vowel of the number as spoken: 1-ci, 3-cü, 6-cı, 9-cu; 2025-də, 2026-da.
_ORD_UNITS = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_ORD_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}
_LOC_UNITS = {1: "də", 2: "də", 3: "də", 4: "də", 5: "də", 6: "da", 7: "də", 8: "də", 9: "da"}
_LOC_TENS = {1: "da", 2: "də", 3: "da", 4: "da", 5: "də", 6: "da", 7: "də", 8: "də", 9: "da"}


def _az_suffix(n: int, units: dict[int, str], tens: dict[int, str], hundreds: str) -> str:
    if n % 10:
        return units[n % 10]
    if n % 100:
        return tens[(n // 10) % 10]
    return hundreds


def az_ordinal(n: int) -> str:
    """1 -> '1-ci', 3 -> '3-cü', 6 -> '6-cı', 10 -> '10-cu'."""
    return f"{n}-{_az_suffix(int(n), _ORD_UNITS, _ORD_TENS, 'cü')}"


def az_locative(n: int) -> str:
    """2025 -> '2025-də', 2026 -> '2026-da', 2030 -> '2030-da'."""
    return f"{n}-{_az_suffix(int(n), _LOC_UNITS, _LOC_TENS, 'də')}"


# English plurals in a message: '{n} {n|project brings|projects bring}' picks the first form for 1, the
# second for any other number (Azerbaijani keeps the singular after a number and needs no such form).
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _plural(text: str, kw: dict[str, object]) -> str:
    def pick(m: re.Match) -> str:
        value = kw.get(m.group(1))
        return m.group(2) if str(value).strip() in ("1", "1.0") else m.group(3)

    return _PLURAL.sub(pick, text)


def t(key: str, lang: str = "az", **kw: object) -> str:
    az, en = M[key]
    text = en if lang == "en" else az
    if "goal" in kw and kw["goal"] is not None:
        kw.setdefault("goal_ord", az_ordinal(int(kw["goal"])))
    if isinstance(kw.get("n"), int):
        kw.setdefault("n_ord", az_ordinal(kw["n"]))
    if "year" in kw and kw["year"] is not None:
        kw.setdefault("year_loc", az_locative(int(kw["year"])))
    if "|" in text:
        text = _plural(text, kw)
    return text.format(**kw) if kw else text
