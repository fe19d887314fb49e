"""English titles: which goals and actions of a university have an English title (the translated share), and
for its editors a table to give the missing ones in place (saved through access.record_titles, which rebuilds
the plan database so that every page and export shows them). The template's title_en column does the same."""
from __future__ import annotations

import streamlit as st

import access
from analytics import fmt
from analytics.i18n import t
from analytics.pages import titles as titles_view
from ui import editor, tables
from ui.page import context, header, lead

ctx = context()
lang = ctx.lang
header(ctx, "nav.titles", "ti.question")
uni = ctx.f.uni
if not uni:
    st.info(t("ti.pick_uni", lang), icon=":material/info:")
    st.stop()

items = titles_view.items(uni)
share = titles_view.share(items)
done, n = share.get("action", (0, 0))
gdone, gn = share.get("goal", (0, 0))
pct = round(100 * (done + gdone) / (n + gn)) if n + gn else 0
lead(t("ti.lead", lang, uni=ctx.opts.university(uni, lang), done=fmt.num(done, lang), n=fmt.num(n, lang),
       gdone=fmt.num(gdone, lang), gn=fmt.num(gn, lang), pct=fmt.num(pct, lang)))
c = st.columns(2)
c[0].metric(t("ti.m.actions", lang), f"{fmt.num(done, lang)} / {fmt.num(n, lang)}")
c[1].metric(t("ti.m.goals", lang), f"{fmt.num(gdone, lang)} / {fmt.num(gn, lang)}")
st.caption(t("ti.note", lang))

who = editor.login(lang, "titles")
user = editor.current_user()
may_edit = who is not None and user is not None and access.can_import(user, uni)
only_missing = st.toggle(t("ti.only_missing", lang), value=True, key="ti_missing")
shown = items[items.title_en == ""] if only_missing else items
if shown.empty:
    st.success(t("ti.all_done", lang), icon=":material/check_circle:")
    st.stop()
view = shown.assign(kind=[t(f"ti.kind.{k}", lang) for k in shown.kind]).set_index("item_key")
config = {"kind": st.column_config.TextColumn(t("ti.kind", lang), width="small"),
          "number": st.column_config.TextColumn(t("c.number", lang), width="small"),
          "title": st.column_config.TextColumn(t("ti.title_az", lang), width="large"),
          "title_en": st.column_config.TextColumn(t("ti.title_en", lang), width="large", max_chars=1000)}
if not may_edit:  # a viewer sees what is missing; the editor's table waits for sign-in
    tables.show(view, hide_index=True, width="stretch", column_config=config)
    st.stop()
edited = tables.editor(view, key="titles_editor", disabled=["kind", "number", "title"], hide_index=True,
                       width="stretch", column_config=config)
before = view.title_en.fillna("").astype(str).str.strip()
after = edited.title_en.fillna("").astype(str).str.strip()
changed = [k for k in view.index if before[k] != after[k]]
if st.button(t("ti.save", lang), icon=":material/save:", key="ti_save"):
    if not changed:
        st.info(t("ti.no_change", lang))
    else:
        kinds = dict(zip(shown.item_key, shown.kind, strict=True))
        try:
            saved = access.record_titles(user, uni, [(kinds[k], k, after[k] or None) for k in changed])
            st.session_state["_ti_saved"] = t("ti.saved", lang, n=saved)
            st.rerun()
        except access.Denied as exc:
            st.error(fmt.plain(t("au.denied", lang, error=exc)), icon=":material/block:")
        except ValueError as exc:
            st.error(fmt.plain(str(exc)))
if st.session_state.get("_ti_saved"):
    st.success(st.session_state.pop("_ti_saved"), icon=":material/check_circle:")
