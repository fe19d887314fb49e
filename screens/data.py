"""Data: what is loaded, from where and when; rows per table; validation warnings."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import streamlit as st

import access
from analytics import build_warnings, charts, fmt, import_words, labels, provenance_words
from analytics.db import query
from analytics.filters import period_text
from analytics.i18n import M, t
from parse import column_roles
from parse.errors import LoadError
from paths import db_path
from plandb import importer, parse_job
from reports.template import build_template
from ui import auth, editor, plan_choice, scan_check, tables
from ui.page import XLSX, context, downloads, header, table

ctx = context()
lang = ctx.lang
header(ctx, "nav.data", "da.question")
downloads(ctx, "data")
info = dict(query("build_info").values)
docs = query("documents")
warnings = query("validation_warnings")
rows = query("table_rows")
c = st.columns(3)
c[0].metric(t("da.m.documents", lang), fmt.num(len(docs), lang))
c[1].metric(t("da.m.actions", lang), fmt.num(int(rows.set_index("table_name").at["actions", "rows_estimate"]), lang))
c[2].metric(t("da.m.warnings", lang), fmt.num(len(warnings), lang))
st.caption(t("da.built", lang, when=fmt.date_time(info.get("built_at"), lang)))
if access.is_admin(editor.current_user()):  # a server path is for the people who run it, not for every viewer
    st.caption(fmt.plain(t("da.built.path", lang, path=db_path())))
st.subheader(t("da.documents", lang))


def kind_label(kind: str) -> str:
    key = f"kind.{kind}"
    if key in M:
        return t(key, lang)
    return t("kind.plan", lang) if "plan" in str(kind) else t("kind.other", lang)


shown_docs = pd.DataFrame({
    "title": [labels.shown_title(x, None, lang) for x in docs.title],  # as written: marked [az] in English
    "institution": docs.institution,
    "kind": [kind_label(k) for k in docs.kind],
    "period": [period_text(a, b) or t("c.missing", lang) for a, b in zip(docs.period_start, docs.period_end,
                                                                          strict=True)],
    "source_file": docs.source_file,
    "loaded_at": [fmt.date_time(x, lang) for x in docs.loaded_at],
})
table(ctx, shown_docs.rename(columns=lambda c: t(f"col.{c}", lang)))
expert = access.can_write(editor.current_user())  # parser warnings and table sizes are for editors, in words
if not expert and not warnings.empty:  # the count is on the page: say where the notes are
    st.caption(t("da.warnings_editors", lang, n=len(warnings)))
if expert and warnings.empty:
    st.subheader(t("da.warnings", lang))
    st.success(t("da.no_warnings", lang))
elif expert:
    st.subheader(t("da.warnings", lang))
    titles = dict(zip(docs.source_file, docs.title, strict=True))  # documents by title, not by file name
    shown_warnings = build_warnings.rows(warnings, lang).assign(file=lambda w: [titles.get(f, f) for f in w.file])
    table(ctx, shown_warnings.rename(columns=lambda c: t(f"col.{c}", lang)))
st.subheader(t("da.as_written", lang))
as_written = query("deadlines_as_written", lang=lang)
if as_written.empty:
    st.success(t("da.as_written.none", lang))
else:
    st.caption(t("da.as_written.help.one" if len(as_written) == 1 else "da.as_written.help", lang,
                 n=len(as_written)))
    table(ctx, as_written.rename(columns=lambda c: t(f"col.{c}", lang)))
if expert:
    st.subheader(t("da.rows", lang))
    table(ctx, pd.DataFrame({
        t("col.table_name", lang): [t(f"tbl.{n}" if f"tbl.{n}" in M else "tbl.other", lang) for n in rows.table_name],
        t("col.rows_estimate", lang): rows.rows_estimate, t("col.column_count", lang): rows.column_count}))
if editor.current_editor():  # a server command is for the people who run it
    st.caption(t("da.rebuild_hint", lang))

# ------------------------------------------------------------------ import, template, undo
def column_editor(pv: importer.Preview, roles_key: str) -> dict[str, str]:
    """Each table layout's columns with the role the reader gave them; the editor may change a role."""
    st.markdown(f"**{t('im.columns', lang)}**")
    st.caption(t("im.columns.help", lang))
    chosen = dict(pv.roles or {})
    for i, (where, cols) in enumerate(pv.columns):
        said = t("im.columns.table", lang, where=build_warnings.place(where, lang))
        st.caption(said[:1].upper() + said[1:])  # 'cədvəl 1: sütunlar' begins a sentence
        frame = pd.DataFrame({
            "header": [c.header or t("im.col.no_header", lang, n=c.index + 1) for c in cols],
            "example": [(c.example or "")[:80] for c in cols],
            "role": [c.role if c.role in column_roles.ROLES else "ignore" for c in cols],
        })
        edited = tables.editor(
            frame, hide_index=True, width="stretch", disabled=["header", "example"], key=f"{roles_key}_{i}",
            column_config={
                "header": st.column_config.TextColumn(t("im.col.header", lang), width="medium"),
                "example": st.column_config.TextColumn(t("im.col.example", lang), width="large"),
                "role": st.column_config.SelectboxColumn(t("im.col.role", lang), options=list(column_roles.ROLES),
                                                         format_func=lambda r: t(f"colrole.{r}", lang),
                                                         required=True, width="medium"),
            })
        for c, role in zip(cols, edited["role"], strict=True):
            if c.key:
                chosen[c.key] = role
    return chosen


def rows_to_check(pv: importer.Preview) -> None:
    """The actions read with a guess, first: each with its reasons and its place in the document, in words."""
    check = pv.to_check
    if not check:
        st.caption(t("im.check.none", lang))
        return
    st.markdown(f"**{t('im.check', lang, n=len(check))}**")
    st.caption(t("im.check.help", lang))
    table(ctx, pd.DataFrame({
        t("c.number", lang): [charts.action_label(r.institution, r.goal_no, r.target_no, r.action_no, r.goal_ref)
                              for r in check],
        t("c.title", lang): [r.title for r in check],
        t("col.source", lang): [provenance_words.of(r.source, lang, say_method="ocr" not in r.uncertain)
                                for r in check],  # the reason says 'read by OCR' already
        t("col.check_reason", lang): [provenance_words.reasons(r.uncertain, lang) for r in check],  # long: last
    }))


def preview_words(pv: importer.Preview) -> None:
    """What applying the upload does, in words of the page (plain text, never interpreted), then what the reader
    noticed as a table: place, message, closest known names."""
    st.markdown(f"**{t('im.preview', lang)}**")
    st.text("\n".join(import_words.summary(pv, lang)))
    if pv.warnings:
        st.caption(t("im.pv.warnings", lang, n=fmt.num(len(pv.warnings), lang)))
        table(ctx, import_words.warning_rows(pv.warnings, lang).rename(columns=lambda c: t(f"col.{c}", lang)))


PREVIEW_KEY = "_import_preview"


def shown_name(name: str | None) -> str:
    """The upload's name as a person reads it in a message: its own name, or a placeholder when it has none."""
    try:
        return parse_job.check_upload_name(name)
    except LoadError:
        return t("im.unnamed", lang)


def refusal(exc: LoadError, name: str | None) -> str:
    """Why the upload was refused: in the page's words where known, else the reader's sentence."""
    return import_words.refusal(exc, shown_name(name), importer.user_message(exc, shown_name(name)), lang)


def read_upload(name: str, data: bytes, sha: str, roles: dict[str, str] | None) -> importer.Preview | None:
    """The import preview of an upload, read once per file, column roles and plan database (kept in the
    session: a rerun shows it again without parsing). Parsing runs in a separate, limited process; the
    upload is written to one temporary file for it, removed at once. A refusal is shown and kept too."""
    db = db_path()
    version = db.stat().st_mtime_ns if db.exists() else 0
    key = (sha, name, json.dumps(roles, sort_keys=True), version)
    cached = st.session_state.get(PREVIEW_KEY)
    if cached is None or cached[0] != key:
        try:
            with parse_job.upload_copy(name, data) as path:
                cached = (key, importer.preview(path, roles=roles), None)
        except LoadError as exc:
            cached = (key, None, exc)
        st.session_state[PREVIEW_KEY] = cached  # one upload's preview at a time
    if cached[2] is not None:  # said in the page's language when it is shown (the language may change)
        st.error(t("im.error", lang, error=fmt.plain(refusal(cached[2], name))))
    return cached[1]


st.divider()
st.subheader(t("im.header", lang))
st.caption(t("im.help", lang))
who = editor.login(lang, "data")
user = editor.current_user()
may_import = who is not None and access.can_import(user, user.institution if user else None)  # not a unit editor
if who and not may_import:
    st.caption(t("au.import_for", lang))
st.download_button(t("im.template", lang), data=lambda: build_template(), file_name="strategy_plan_template.xlsx",
                   mime=XLSX, help=t("im.template.help", lang), icon=":material/table:", key="template")
upload = st.file_uploader(t("im.upload", lang), key="import_file", disabled=not may_import)
if upload is not None and may_import:
    data = upload.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    roles_key = f"_roles_{sha}"
    pv = read_upload(upload.name, data, sha, st.session_state.get(roles_key))
    if pv is not None and pv.columns:
        chosen = column_editor(pv, roles_key)
        chosen |= plan_choice.choice(pv, data, lang, roles_key)  # the university and period, as proposed
        if chosen != pv.roles:
            st.session_state[roles_key] = chosen
            st.rerun()
    if pv is not None and pv.rows:
        rows_to_check(pv)
    if pv is not None:
        preview_words(pv)
        scan_check.show(pv.scans, lang)  # a scanned plan: its pages beside the rows OCR read from them
        refused = access.import_refusal(user, pv)  # the universities of this very document
        if refused:
            st.error(fmt.plain(t("au.denied.import", lang, unis=", ".join(i or "—" for i in refused),
                                 own=user.institution or "—")), icon=":material/block:")
        elif pv.has_changes and st.button(t("im.apply", lang), type="primary", icon=":material/upload:",
                                          key="apply_import"):
            st.session_state.pop(PREVIEW_KEY, None)  # the database changes: the next preview is read afresh
            try:
                with st.spinner("…"), parse_job.upload_copy(upload.name, data) as path:  # removed afterwards
                    result = access.apply_import(user, path, roles=pv.roles)  # checked again, audited
                if result.applied:
                    st.success(t("im.applied", lang, id=upload.name))  # the file people know, not the log's key
                else:
                    st.info(t("im.nothing", lang))
            except access.Denied as exc:
                st.error(fmt.plain(t("au.denied", lang, error=exc)), icon=":material/block:")
            except LoadError as exc:
                st.error(t("im.error", lang, error=fmt.plain(refusal(exc, upload.name))))
        elif not pv.has_changes:
            st.info(t("im.nothing", lang))
elif upload is not None:
    st.info(t("im.need_editor", lang))

st.markdown(f"**{t('im.history', lang)}**")
history = importer.history()
if history.empty:
    st.caption("—")
else:
    shown = history.drop(columns=["import_id", "summary", "sha256", "kind"]).assign(
        imported_at=[fmt.date_time(x, lang) for x in history.imported_at],
        imported_by=auth.shown_names(history.imported_by), undone_by=auth.shown_names(history.undone_by),
        undone_at=[fmt.date_time(x, lang) if pd.notna(x) else "" for x in history.undone_at])
    table(ctx, shown.rename(columns=lambda c: t(f"col.{c}", lang)))
    if may_import and access.can_undo_import(user) and st.button(t("im.undo", lang), icon=":material/undo:",
                                                                   key="undo_import"):
        try:
            undone = access.undo_last_import(user)  # only an import of this person's universities
            names = dict(zip(history.import_id, history.file_name, strict=True))
            st.success(t("im.undone", lang, id=names.get(undone, undone)) if undone else t("im.no_undo", lang))
        except access.Denied as exc:
            st.error(fmt.plain(t("au.denied", lang, error=exc)), icon=":material/block:")
        except LoadError as exc:
            st.error(t("im.error", lang, error=fmt.plain(importer.user_message(exc, Path(exc.file).name))))

# who changed what: imports and unit decisions (e-mail addresses only for signed-in readers)
auth.changes_section(ctx, (access.IMPORT, access.UNDO_IMPORT, access.UNIT_MERGE, access.UNIT_ACCEPT,
                           access.UNIT_UNDO), ctx.f.uni)
