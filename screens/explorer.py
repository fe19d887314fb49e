"""Explorer: the filtered actions as a searchable, sortable table with CSV download; each row says where in its
document it was read (file, page or sheet, table, row) and why to check it, where it should be."""
from __future__ import annotations

import streamlit as st

from analytics import charts, labels, provenance_words
from analytics.db import query
from analytics.explorer_columns import LABELS, named
from analytics.i18n import t
from reports.safe_csv import to_csv_bytes
from ui import tables
from ui.page import context, downloads, empty, header

ctx = context()
lang, p = ctx.lang, ctx.f.params()
header(ctx, "nav.explorer", "ex.question")
downloads(ctx, "explorer")
names = labels.unit_names(lang)
vr_names = labels.vice_rector_names(lang)

SHOW = 1000  # tens of thousands of rows would take seconds to send; the CSV has them all
search = st.text_input(t("ex.search", lang), key="explorer_search")
pattern = f"%{search.strip()}%" if search.strip() else None
acts = query("explorer_rows", search=pattern, limit=SHOW, **p)
if acts.empty:
    empty(ctx)
    st.stop()


def display(acts):
    return acts.assign(
        number=[charts.action_label(i, g, tg, a, r) for i, g, tg, a, r in zip(
            acts.institution, acts.goal_no, acts.target_no, acts.action_no, acts.goal_ref, strict=True)],
        lead=[[names.get(u, u) for u in us] for us in acts.lead_units],
        partner=[[names.get(u, u) for u in us] for us in acts.partner_units],
        vr=[[vr_names.get(v, v) for v in vs] for vs in acts.vice_rectors],
        kind=[labels.recurrence(r, lang) for r in acts.recurrence],
        deadline_raw=[labels.deadline(*x, lang=lang) for x in zip(acts.deadline_raw, acts.recurrence, acts.start_year,
                                                                   acts.end_year, acts.start_month, acts.end_month,
                                                                   strict=True)],
        source=[provenance_words.of_row(a, lang) for a in acts.itertuples()],  # file, page, table, row in words
        check=[provenance_words.reasons(r, lang) for r in acts.uncertain],
    )[["number", "title", "deadline_raw", "kind", "start_year", "end_year", "lead", "partner", "vr", "people",
       "note_raw", "goal_title", "target_title", "source", "check"]]


matches = int(acts.matches.iloc[0])
table = display(acts)
st.caption(t("ex.shown", lang, n=matches))
if matches > SHOW:
    st.caption(t("c.rows_capped", lang, shown=SHOW, total=matches))
order = list(table.columns)
if table.check.astype(bool).any():  # rows read with a guess: why to check them and where, next to their titles
    first = ["number", "title", "check", "source"]
    order = first + [c for c in order if c not in first]
config = {k: st.column_config.TextColumn(t(v, lang)) for k, v in LABELS.items()}
config |= {"number": st.column_config.TextColumn(t("c.number", lang), width="small"),
           "title": st.column_config.TextColumn(t("c.title", lang), width="large"),
           **{k: st.column_config.NumberColumn(t(LABELS[k], lang), format="%d") for k in ("start_year", "end_year")},
           **{k: st.column_config.ListColumn(t(LABELS[k], lang)) for k in ("lead", "partner", "vr", "people")}}
tables.show(table, hide_index=True, width="stretch", height=min(35 * (len(table) + 1) + 3, 560), column_order=order,
            column_config=config)
st.download_button(t("c.download_csv", lang),
                   data=lambda: to_csv_bytes(named(display(query("explorer_rows", search=pattern, limit=10**8, **p)),
                                                   lang)),  # headers in words, as on the page
                   file_name="actions.csv",
                   mime="text/csv", icon=":material/download:")
