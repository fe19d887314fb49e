"""The university and period of an uploaded PDF, Word or Excel plan, as the reader proposed them; the editor
confirms or changes them before applying (the choice travels with the column roles and is remembered for the
file: parse.university_guess)."""
from __future__ import annotations

import streamlit as st

from analytics import fmt
from analytics.i18n import t
from parse.university_guess import period_text, plan_choices


def choice(pv, data: bytes, lang: str, key: str) -> dict[str, str]:
    """Inputs prefilled with the preview's university (code, name of a new one) and period; what the editor
    changed, as entries for the column-roles override (empty when nothing changed or the input is invalid)."""
    if not pv.columns or len(pv.plans) != 1:
        return {}
    plan = pv.plans[0]
    code, start, end = plan.identity
    name = plan.new_university if plan.new_university and plan.new_university != code else ""
    st.markdown(f"**{t('im.pc.header', lang)}**")
    st.caption(t("im.pc.help", lang))
    cols = st.columns([1, 2, 1])
    new_code = cols[0].text_input(t("im.pc.code", lang), value=code, key=f"{key}_pc_code", max_chars=12)
    new_name = cols[1].text_input(t("im.pc.name", lang), value=name, key=f"{key}_pc_name", max_chars=200)
    new_period = cols[2].text_input(t("im.pc.period", lang), value=period_text((start, end)),
                                    key=f"{key}_pc_period", max_chars=9)
    if (new_code.strip().upper(), new_name.strip(), new_period.strip()) == (code, name, period_text((start, end))):
        return {}
    try:
        return plan_choices(data, new_code, new_name or None, new_period)
    except ValueError as exc:
        st.error(fmt.plain(t("im.pc.bad", lang, error=exc)))
        return {}
