"""An indicator's target in words ("ildə 3", "at least 20 %"); missing stays missing."""
from __future__ import annotations

from analytics import fmt
from analytics.i18n import t


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def number(value: object, lang: str) -> str | None:
    """A value as the page writes it (3, 2,5); None where it is missing."""
    if _missing(value):
        return None
    v = float(value)  # type: ignore[arg-type]
    return fmt.num(int(v) if v.is_integer() else round(v, 2), lang)


def target(value: object, unit: object, period: object, comparator: object, lang: str) -> str | None:
    """The target as a person says it, or None when the plan gives no number."""
    if _missing(value):
        return None
    text = number(value, lang)
    if unit in ("percent", "times"):
        text = t(f"ind.unit.{unit}", lang, v=text)
    if comparator in ("at_least", "at_most"):
        text = t(f"ind.{comparator}", lang, v=text)
    if isinstance(period, str) and period:
        text = t(f"ind.per.{period}", lang, v=text)
    return text
