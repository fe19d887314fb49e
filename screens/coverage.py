"""Strategy coverage: the yearly plans' work per strategic goal, target and action and year; gaps; orphans."""
from __future__ import annotations

import streamlit as st

from analytics import fmt, labels
from analytics.i18n import t
from analytics.pages import coverage
from ui.page import chart_of, context, downloads, header, lead

ctx = context()
lang = ctx.lang
header(ctx, "nav.coverage", "cov.question")
downloads(ctx, "coverage")
names = labels.unit_names(lang)


def n(v: int) -> str:
    return fmt.num(int(v), lang)


def bullets(lines: list[str]) -> None:
    """Plan text as a list: every Markdown character escaped (shown, never interpreted)."""
    if lines:
        st.markdown("\n".join(f"- {fmt.plain(line)}" for line in lines))


def year_text(y0: object, y1: object) -> str:
    return str(y0) if y0 == y1 else f"{y0}–{y1}"


c = coverage.read(ctx.f)
if c.plans.empty or c.actions.empty:
    st.info(t("cov.no_yearly", lang), icon=":material/search_off:")
    st.stop()

acts = c.actions
orph = coverage.orphans(c)
with_refs = int((acts.refs > 0).sum())
serving = int((acts.resolved > 0).sum())
waiting_n = int(((acts.no_plan > 0) & (acts.resolved == 0)).sum())
lead(t("cov.lead", lang, actions=n(len(acts)), with_refs=n(with_refs), serving=n(serving), waiting=n(waiting_n),
       orphans=n(len(orph))))
cols = st.columns(4)
cols[0].metric(t("cov.m.actions", lang), n(len(acts)))
cols[1].metric(t("cov.m.serving", lang), f"{n(serving)} / {n(len(acts))}")
cols[2].metric(t("cov.m.waiting", lang), n(waiting_n))
cols[3].metric(t("cov.m.orphans", lang), n(len(orph)))

# ---- yearly plans whose strategic plan is not loaded: references kept as written, said why
waiting = coverage.waiting(c)
for w in waiting.itertuples():
    st.warning(t("cov.not_loaded", lang, plan=w.plan_label or w.institution, refs=n(w.refs), actions=n(w.actions),
                 with_refs=n(w.with_refs), uni=w.institution, year=year_text(w.period_start, w.period_end)),
               icon=":material/link_off:")
    mine = c.refs[c.refs.document_id == w.document_id].merge(acts[["action_key", "title", "seq"]], on="action_key")
    if mine.empty:
        continue
    with st.expander(t("cov.refs_written", lang, n=n(len(mine))), key=f"cov_written_{w.document_id}"):
        per_goal = mine[mine.goal_no.notna()].groupby("goal_no").action_key.nunique()
        st.caption(" · ".join(t("cov.goal_refs", lang, item=coverage.item_label("goal", g, None, None, lang), n=n(k))
                              for g, k in per_goal.items()))
        bullets([t("cov.ref_line", lang, text=r.ref_text, title=r.title,
                   code=coverage.item_label(r.level, r.goal_no, r.target_no, r.action_no, lang))
                 if isinstance(r.level, str) else t("cov.ref_unread", lang, text=r.ref_text, title=r.title)
                 for r in mine.sort_values(["seq", "pos"]).itertuples()])

# ---- goals × years
for spec in coverage.coverage_charts(ctx.f):
    chart_of(ctx, spec)
    st.caption(t("cov.chart.note", lang))

# ---- per strategic plan: goal by goal, the targets and actions with their yearly work
grid = coverage.item_years(c)
by_key = acts.set_index("action_key")
for doc in c.years.document_id.unique():
    st.subheader(t("cov.strategy", lang, name=coverage.strategy_name(c, doc)), anchor=False)
    g_doc = grid[grid.document_id == doc]
    years = sorted(g_doc.year.unique())
    for goal in g_doc[(g_doc.level == "goal") & (g_doc.year == years[0])].itertuples():
        g_rows = g_doc[g_doc.goal_no == goal.goal_no]
        per_year = []
        for y in years:
            in_year = g_rows[g_rows.year == y]
            targets = in_year[in_year.level == "target"]
            per_year.append(t("cov.goal_year", lang, year=y, n=n(int(in_year[in_year.level == "goal"].n.sum())),
                              with_=n(int((targets.n > 0).sum())), total=n(len(targets))))
        label = f"{coverage.item_label('goal', goal.goal_no, None, None, lang)} · {goal.title or ''}"
        with st.expander(fmt.plain(f"{label} — {'; '.join(per_year)}"), key=f"cov_goal_{doc}_{goal.goal_no}"):
            for y in years:
                in_year = g_rows[(g_rows.year == y) & (g_rows.level != "goal")]
                if len(years) > 1:
                    st.markdown(f"**{y}**")
                md: list[str] = []
                for item in in_year[in_year.n > 0].itertuples():
                    code = coverage.item_label(item.level, item.goal_no, item.target_no, item.action_no, lang)
                    md.append("- " + fmt.plain(t("cov.item_work", lang, item=code, title=item.title or "",
                                                 n=n(item.n))))
                    keys = item.action_keys
                    if item.level == "target":  # the yearly actions naming the target itself, not one of its actions
                        below = in_year[(in_year.level == "action") & (in_year.target_no == item.target_no)]
                        keys = [k for k in keys if not any(k in ks for ks in below.action_keys)]
                    md += ["    - " + fmt.plain(coverage.action_line(by_key.loc[k], lang, names)) for k in keys]
                if md:
                    st.markdown("\n".join(md))
                gap_items = in_year[in_year.n == 0]
                if len(gap_items):
                    parts = [t(f"cov.none.{level}", lang, codes=", ".join(
                        coverage.item_code(r.goal_no, r.target_no, r.action_no) for r in rows.itertuples()))
                        for level, rows in ((lv, gap_items[gap_items.level == lv]) for lv in ("target", "action"))
                        if len(rows)]
                    st.caption(fmt.plain(t("cov.none_year", lang, year=y, items="; ".join(parts))))

# ---- gaps
st.subheader(t("cov.gaps", lang), anchor=False)
gap = coverage.gaps(c)
if c.years.empty:
    st.caption(t("cov.gaps.no_plan", lang))
elif gap.empty:
    st.caption(t("cov.gaps.none", lang))
else:
    for (doc, y), g in gap.groupby(["document_id", "year"], sort=True):
        count = g.level.value_counts()
        summary = t("cov.gaps.summary", lang, name=coverage.strategy_name(c, doc), year=y,
                    goals=n(count.get("goal", 0)), targets=n(count.get("target", 0)), items=n(count.get("action", 0)))
        with st.expander(fmt.plain(summary), key=f"cov_gap_{doc}_{y}"):
            bullets([f"{coverage.item_label(r.level, r.goal_no, r.target_no, r.action_no, lang)} · {r.title or ''}"
                     for r in g.itertuples()])

# ---- orphans and references to items the plan does not have
st.subheader(t("cov.orphans", lang), anchor=False)
st.caption(t("cov.orphans.help", lang))
unknown = coverage.unknown_refs(c)
if orph.empty:
    st.caption(t("cov.orphans.none", lang))
else:
    with st.expander(t("cov.orphans.list", lang, n=n(len(orph))), key="cov_orphans", expanded=len(orph) <= 5):
        lines = []
        for a in orph.itertuples():
            mine = unknown[unknown.action_key == a.action_key]
            reason = (t("cov.reason.none", lang) if a.reason == "none" else
                      t("cov.reason.unknown", lang, refs=", ".join(mine.ref_text)))
            lines.append(f"{coverage.action_line(by_key.loc[a.action_key], lang, names)} — {reason}")
        bullets(lines)
if len(unknown):
    with st.expander(t("cov.unknown", lang, n=n(len(unknown))), key="cov_unknown"):
        bullets([t("cov.unknown_line", lang, text=r.ref_text, plan=r.plan_label, title=r.title,
                   code=coverage.item_code(r.goal_no, r.target_no, r.action_no) or "—")
                 for r in unknown.itertuples()])

# ---- roll-ups per goal and per vice-rector portfolio: lists, readable at a phone's width (the workbook has tables)
st.subheader(t("cov.rollup", lang), anchor=False)
roll = coverage.goal_rollup(c)
if len(roll):
    st.markdown(f"**{t('cov.rollup.goal', lang)}**")
    bullets([t("cov.roll.goal_line", lang, item=f"{coverage.strategy_name(c, r.document_id)} · "
               f"{coverage.item_label('goal', r.goal_no, None, None, lang)}", year=r.year, n=n(r.actions),
               t_with=n(r.targets_with), t_all=n(r.targets), a_with=n(r.actions_with), a_all=n(r.actions_total))
             for r in roll.itertuples()])
ref_goals = coverage.referenced_goals(c)
ref_goals = ref_goals[ref_goals.state == "no_plan"]
if len(ref_goals):  # universities whose strategic plan is not loaded: the goals as their references write them
    st.markdown(f"**{t('cov.rollup.goal_waiting', lang)}**")
    bullets([t("cov.roll.goal_waiting", lang, item=f"{r.institution} · "
               f"{coverage.item_label('goal', r.goal_no, None, None, lang)}", year=r.year, n=n(r.actions))
             for r in ref_goals.itertuples()])
st.markdown(f"**{t('cov.rollup.vr', lang)}**")
bullets([t("cov.roll.vr_line", lang, vr=r.vr, n=n(r.actions), serving=n(r.serving), waiting=n(r.waiting),
           orphans=n(r.orphans)) for r in coverage.vr_rollup(c, lang).itertuples()])
