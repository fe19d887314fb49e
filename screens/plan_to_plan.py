"""Plan to plan: a university's earlier plan against its next one, goal by goal: what carries over, what changed,
what was split, what was dropped, and what is new. An editor of the university confirms or breaks a match; the
decision is kept (access.decide) and applied over the automatic matching."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import access
from analytics import fmt, plan_match
from analytics.i18n import t
from ui import auth, editor
from ui.page import context, downloads, header, lead

ctx = context()
lang = ctx.lang
header(ctx, "nav.plan_to_plan", "pp.question")
downloads(ctx, "plan_to_plan")


def n(v: int) -> str:
    return fmt.num(int(v), lang)


uni = plan_match.scope_university(ctx.f)
if not uni:
    st.info(t("pp.pick_uni", lang), icon=":material/school:")
    st.stop()
pairs = plan_match.consecutive(uni)
if not pairs:
    plans = plan_match.plans_of(uni)
    if len(plans) == 1:
        st.info(t("pp.one_plan", lang, uni=uni, period=plan_match.period(plans.iloc[0]), n=n(plans.actions.iloc[0])),
                icon=":material/info:")
    else:
        st.info(t("pp.no_pair", lang, uni=uni, n=n(len(plans))), icon=":material/info:")
    st.stop()

labels = {i: f"{plan_match.period(a)} → {plan_match.period(b)}" for i, (a, b) in enumerate(pairs)}
chosen = st.selectbox(t("pp.pick_pair", lang), list(labels), index=len(pairs) - 1, format_func=labels.get,
                      key="pp_pair") if len(pairs) > 1 else 0
earlier, later = pairs[chosen]
if "_pp_msg" in st.session_state:
    kind, message = st.session_state.pop("_pp_msg")
    if kind == "success":  # statements, not an expression: Streamlit's magic would write the element's help
        st.success(message)
    else:
        st.error(message)

c = plan_match.compare(str(earlier.document_id), str(later.document_id), lang)
k = c.counts()
p0, p1 = plan_match.period(earlier), plan_match.period(later)
lead(t("pp.lead", lang, old=n(k["old"]), earlier=p0, later=p1, carried=n(k["carried"]), changed=n(k["changed"]),
       dropped=n(k["dropped"]), new=n(k["new"])))
cols = st.columns(4)
cols[0].metric(t("pp.m.carried", lang), n(k["carried"]))
cols[1].metric(t("pp.m.changed", lang), n(k["changed"]))
cols[2].metric(t("pp.m.dropped", lang), n(k["dropped"]))
cols[3].metric(t("pp.m.new", lang), n(k["new"]))
if k["split"]:
    st.caption(t("pp.split_note", lang, n=n(k["split"])))
st.caption(t("pp.how", lang))

who = editor.current_user()
may = who is not None and access.can_review_matches(who, uni)
d = plan_match.detailed(c)


def decide(old_key: str, new_key: str, decision: str) -> None:
    try:
        access.decide(who, old_key, new_key, decision)
        st.session_state["_pp_msg"] = ("success", t(f"pp.done.{decision}", lang))
    except (access.Denied, ValueError) as exc:
        st.session_state["_pp_msg"] = ("error", fmt.plain(t("up.error", lang, error=exc)))


def decided(r) -> str | None:
    if not isinstance(r.decided_by, str):
        return None
    return t("pp.confirmed_by", lang, who=auth.shown_who(r.decided_by, who), day=fmt.day(r.decided_at, lang))


def line(r, parts: pd.DataFrame) -> str:
    """One match in words: numbers, and the titles where they differ (a split: both new parts)."""
    if len(parts):
        new = pd.concat([pd.DataFrame([{"new_number": r.new_number, "new_title": r.new_title, "new_seq": r.new_seq}]),
                         parts[["new_number", "new_title", "new_seq"]]]).sort_values("new_seq")
        return t("pp.line.split", lang, numbers=f"{r.old_number} → {' + '.join(new.new_number)}", old=r.old_title,
                 new="; ".join(new.new_title))
    nums = r.old_number if r.old_number == r.new_number else f"{r.old_number} → {r.new_number}"
    if r.kind == "carried":
        return t("pp.line.carried", lang, numbers=nums, title=r.old_title)
    return t("pp.line.changed", lang, numbers=nums, old=r.old_title, new=r.new_title, score=n(r.title_score))


def match_item(r, parts: pd.DataFrame) -> None:
    st.markdown(fmt.plain(line(r, parts)))
    note = decided(r)
    if note:
        st.caption(fmt.plain(note))
    if may:
        row = st.container(horizontal=True)
        if not isinstance(r.decided_by, str):
            row.button(t("pp.confirm", lang), key=f"pp_ok_{r.old_key}_{r.new_key}", icon=":material/check:",
                       on_click=decide, args=(r.old_key, r.new_key, "confirm"))
        else:
            row.button(t("pp.withdraw", lang), key=f"pp_undo_{r.old_key}_{r.new_key}", icon=":material/undo:",
                       on_click=decide, args=(r.old_key, r.new_key, "clear"))
        row.button(t("pp.break", lang), key=f"pp_break_{r.old_key}_{r.new_key}", icon=":material/link_off:",
                   on_click=decide, args=(r.old_key, r.new_key, "break"))


def bullets(lines: list[str]) -> None:
    if lines:
        st.markdown("\n".join(f"- {fmt.plain(x)}" for x in lines))


def goal_label(goal_no: object, title: object) -> str:
    head = t("pp.goal", lang, n=int(goal_no)) if pd.notna(goal_no) else t("pp.no_goal", lang)
    return f"{head} · {title}" if isinstance(title, str) and title else head


st.subheader(t("pp.by_goal", lang, earlier=p0), anchor=False)
olds = d[d.old_key.notna()]
main = olds.drop_duplicates("old_key").sort_values("old_seq")
extra = olds[olds.duplicated("old_key")]  # the second parts of split actions
goal_keys = main.old_goal_no.fillna(-1)
for g, rows in main.groupby(goal_keys, sort=True):
    kinds = rows.kind.value_counts()
    summary = t("pp.goal_counts", lang, carried=n(kinds.get("carried", 0)),
                changed=n(kinds.get("changed", 0) + kinds.get("split", 0)), dropped=n(kinds.get("dropped", 0)))
    first = rows.iloc[0]
    with st.expander(fmt.plain(f"{goal_label(first.old_goal_no, first.old_goal_title)} — {summary}"),
                     key=f"pp_goal_{int(g)}"):
        for kind in ("carried", "changed", "dropped"):
            part = rows[rows.kind.isin(["changed", "split"])] if kind == "changed" else rows[rows.kind == kind]
            if part.empty:
                continue
            st.markdown(f"**{fmt.plain(t(f'pp.kind.{kind}', lang))} ({n(len(part))})**")
            if kind == "dropped":
                bullets([t("pp.line.dropped", lang, number=r.old_number, title=r.old_title) for r in part.itertuples()])
            elif may:
                for r in part.itertuples():
                    match_item(r, extra[extra.old_key == r.old_key])
            else:
                for r in part.itertuples():
                    note = decided(r)
                    bullets([line(r, extra[extra.old_key == r.old_key]) + (f" — {note}" if note else "")])

news = d[d.kind == "new"].sort_values("new_seq")
st.subheader(t("pp.new_title", lang, later=p1, n=n(len(news))), anchor=False)
if news.empty:
    st.caption(t("pp.no_new", lang))
for g, rows in news.groupby(news.new_goal_no.fillna(-1), sort=True):
    first = rows.iloc[0]
    with st.expander(fmt.plain(f"{goal_label(first.new_goal_no, first.new_goal_title)} — "
                               f"{t('pp.new_count', lang, n=n(len(rows)))}"), key=f"pp_new_{int(g)}"):
        bullets([t("pp.line.dropped", lang, number=r.new_number, title=r.new_title) for r in rows.itertuples()])

if len(c.broken):
    by_key = {**dict(zip(d.old_key, d.old_number, strict=True)), **dict(zip(d.new_key, d.new_number, strict=True))}
    with st.expander(t("pp.broken", lang, n=n(len(c.broken))), key="pp_broken"):
        for b in c.broken.itertuples():
            st.markdown(fmt.plain(t("pp.line.broken", lang, old=by_key.get(b.old_key, b.old_key),
                                    new=by_key.get(b.new_key, b.new_key), who=auth.shown_who(b.decided_by, who),
                                    day=fmt.day(b.decided_at, lang))))
            if may:
                st.button(t("pp.withdraw", lang), key=f"pp_unbreak_{b.old_key}_{b.new_key}", icon=":material/undo:",
                          on_click=decide, args=(b.old_key, b.new_key, "clear"))

if not may:
    st.caption(t("pp.need_editor", lang))
    editor.login(lang, "plan_to_plan")
