"""Unit review: new unit names found in documents, kept and shown like any unit until an editor
merges each into a known unit (it becomes an alias) or accepts it as a unit of its own."""
from __future__ import annotations

import streamlit as st

import access
from analytics import fmt, labels
from analytics.db import db_version, query
from analytics.i18n import t
from parse.errors import LoadError
from state import unit_review
from state.unit_review import load_reference
from ui import editor
from ui.guard import without_folders
from ui.page import context, header, table

SHOWN = 40  # names reviewed per screen; the rest follow once these are done
ctx = context()
lang = ctx.lang
header(ctx, "nav.units", "ur.question")

pending = query("units_to_review")
st.metric(t("ur.m.pending", lang), fmt.num(pending.unit_name.nunique(), lang))
who = editor.login(lang, "units")
user = editor.current_user()
if who is None or not access.can_review_units(user, user.institution if user else None):  # unit editors: no
    st.info(t("ur.need_editor", lang), icon=":material/lock:")
    listing = pending.rename(columns={"unit_name": t("ur.col.name", lang), "institution": t("ur.col.institution", lang),
                                      "actions": t("c.actions", lang), "example": t("c.title", lang)})
    table(ctx, listing)
    st.stop()


@st.cache_resource(max_entries=2, show_spinner=False)
def _reference(version: tuple[str, int, int]):
    return load_reference()


def _apply(decide) -> None:
    """Record a decision, then rebuild so every page shows it; a failed rebuild takes the decision back."""
    try:
        decision_id = decide()  # loaders.access checks the universities of the name again, and audits
    except access.Denied as exc:
        st.session_state["_ur_msg"] = ("error", fmt.plain(t("au.denied", lang, error=exc)))
        return
    try:
        with st.spinner(t("ur.rebuilding", lang)):
            access.rebuild_plans(user)
    except LoadError as exc:
        access.undo_unit_decision(user, decision_id)
        st.session_state["_ur_msg"] = ("error", t("im.error", lang, error=fmt.plain(without_folders(exc))))
        return
    st.session_state["_ur_msg"] = ("success", t("ur.done", lang))


msg = st.session_state.pop("_ur_msg", None)
if msg:
    (st.success if msg[0] == "success" else st.error)(msg[1])

ref = _reference(db_version())
known = query("reviewed_units")
names = labels.unit_names(lang)
kinds = list(unit_review.KINDS)
if pending.empty:
    st.success(t("ur.none", lang), icon=":material/check_circle:")
# a university editor reviews the names found only in its own university's documents
reviewable = [n for n in dict.fromkeys(pending.unit_name)
              if all(access.can_review_units(user, u) for u in pending[pending.unit_name == n].institution.unique())]
for name in reviewable[:SHOWN]:
    rows = pending[pending.unit_name == name]
    unis = sorted(rows.institution.unique())
    same_uni = {u for u, insts in zip(known.unit_name, known.institutions, strict=True)
                if insts is not None and set(insts) & set(unis)}
    suggestions = ref.matcher.closest(name, limit=3, prefer=same_uni)
    with st.container(border=True):
        st.markdown(f"**{fmt.plain(name)}**")
        n_actions = int(rows.actions.sum())
        st.caption(t("ur.where.one" if n_actions == 1 else "ur.where", lang, unis=", ".join(unis), n=n_actions,
                     example=fmt.plain(str(rows.example.iloc[0]))[:120]))
        choices = suggestions + [u for u in known.unit_name if u not in suggestions]
        cols = st.columns(2)
        with cols[0].form(f"merge_{name}", border=False):
            into = st.selectbox(t("ur.merge_into", lang), choices, index=0 if suggestions else None,
                                format_func=lambda u: names.get(u, u), placeholder=t("ur.no_suggestion", lang),
                                key=f"into_{name}")
            if st.form_submit_button(t("ur.merge", lang), icon=":material/merge:") and into:
                _apply(lambda into=into, name=name, unis=unis: access.merge_unit(user, name, into, unis, ref))
                st.rerun()
        with cols[1].form(f"accept_{name}", border=False):
            name_en = st.text_input(t("ur.name_en", lang), key=f"en_{name}", max_chars=200)
            kind = st.selectbox(t("ur.kind", lang), kinds, format_func=lambda k: t(f"ur.kind.{k}", lang),
                                key=f"kind_{name}")
            if st.form_submit_button(t("ur.accept", lang), icon=":material/check:"):
                if not name_en.strip():
                    st.error(t("ur.need_en", lang))
                else:
                    _apply(lambda name=name, name_en=name_en, kind=kind, unis=unis:
                           access.accept_unit(user, name, name_en, kind, unis))
                    st.rerun()
if pending.unit_name.nunique() > SHOWN:
    st.caption(t("ur.more", lang, n=SHOWN, total=pending.unit_name.nunique()))

st.subheader(t("ur.history", lang))
hist = unit_review.history()
if hist.empty:
    st.caption(t("ur.no_history", lang))
else:
    view = hist.assign(
        decision=[t(f"ur.d.{d}", lang) for d in hist.decision],
        result=[names.get(u, u) if d == "merge" else f"{e} · {t(f'ur.kind.{k}', lang)}"
                for d, u, e, k in zip(hist.decision, hist.unit_name, hist.name_en, hist.kind, strict=True)],
        state=[t("ur.undone", lang) if isinstance(u, str) else t("ur.in_force", lang) for u in hist.undone_by],
        decided_at=[fmt.date_time(x, lang) for x in hist.decided_at],
    )[["name", "institution", "decision", "result", "decided_by", "decided_at", "state"]]
    view.columns = [t(f"ur.col.{c}", lang) for c in view.columns]
    table(ctx, view)
    active = hist[hist.undone_at.isna()]
    active = active[[access.can_review_units(user, i if isinstance(i, str) else None) for i in active.institution]]
    if not active.empty:
        undo_id = st.selectbox(t("ur.undo_pick", lang), active.decision_id.tolist(), key="undo_pick",
                               format_func=lambda i: f"{active.set_index('decision_id').at[i, 'name']}")
        if st.button(t("ur.undo", lang), icon=":material/undo:", key="undo_decision"):
            access.undo_unit_decision(user, undo_id)  # checked and audited
            try:
                with st.spinner(t("ur.rebuilding", lang)):
                    access.rebuild_plans(user)
                st.session_state["_ur_msg"] = ("success", t("ur.undo_done", lang))
            except LoadError as exc:
                st.session_state["_ur_msg"] = ("error", t("im.error", lang, error=fmt.plain(without_folders(exc))))
            st.rerun()
