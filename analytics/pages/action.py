"""The action page's content: what the plan says about one action (plan, goal, deadline, units,
vice-rectors, indicator, baseline, expected evidence, where in its document it was read) and what was reported
on it since (every status and every round report, oldest first), as words for the page. Reads only; the page
draws."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import charts, fmt, indicator_text, labels, provenance_words
from analytics.db import query
from analytics.filters import Filters
from analytics.i18n import t
from state import history


@dataclass(frozen=True)
class ActionView:
    key: str
    institution: str
    number: str                      # 'QKU 1.2.3'
    title: str
    facts: list[tuple[str, str]]     # (label, value) from the plan, in reading order, only what it gives
    reports: pd.DataFrame            # every report: when, who, round (or none), status, progress, actual, comment,
                                     # evidence name / link / sha256


def choices(f: Filters) -> dict[str, str]:
    """The filtered actions to pick from: key -> 'QKU 1.2.3 · title'."""
    df = query("action_choices", **f.params())
    return {k: f"{charts.action_label(i, g, tg, a, r)} · {ti}" for k, i, g, tg, a, r, ti in zip(
        df.action_key, df.institution, df.goal_no, df.target_no, df.action_no, df.goal_ref, df.title, strict=True)}


def _given(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, list | tuple):
        return len(value) > 0
    if hasattr(value, "__len__") and not isinstance(value, str):
        return len(value) > 0
    return not pd.isna(value) and str(value).strip() != ""


def _facts(a: pd.Series, lang: str) -> list[tuple[str, str]]:
    names = labels.unit_names(lang)
    vrs = labels.vice_rector_names(lang)
    period = "" if not _given(a.period_start) else str(int(a.period_start)) if a.period_start == a.period_end \
        else f"{int(a.period_start)}–{int(a.period_end)}"
    plan = str(a.plan_label) if not period or period in str(a.plan_label) else f"{a.plan_label} · {period}"
    out: list[tuple[str, str]] = [(t("c.plan", lang), plan)]
    if _given(a.goal_no):
        goal = t("c.goal_n", lang, n=int(a.goal_no))
        out.append((t("c.goal", lang), f"{goal} · {a.goal_title}" if _given(a.goal_title) else goal))
    if _given(a.target_title):
        out.append((t("c.target", lang), f"{int(a.goal_no)}.{int(a.target_no)} · {a.target_title}"))
    deadline = labels.deadline(a.deadline_raw, a.recurrence, a.start_year, a.end_year, a.start_month, a.end_month,
                               lang=lang)
    out.append((t("c.deadline", lang), deadline))
    if _given(a.lead_units):
        out.append((t("c.lead_units", lang), ", ".join(names.get(u, u) for u in a.lead_units)))
    if _given(a.partner_units):
        out.append((t("act.partners", lang), ", ".join(names.get(u, u) for u in a.partner_units)))
    if _given(a.vice_rectors):
        out.append((t("c.vice_rector", lang), ", ".join(labels.vice_rector(v, lang, vrs) for v in a.vice_rectors)))
    for label, value in ((t("up.indicator", lang), a.indicator_name if _given(a.indicator_name)
                          else a.indicator_quantitative),
                         (t("act.indicator_quality", lang), a.indicator_qualitative),
                         (t("up.baseline", lang), a.baseline),
                         (t("act.expected_result", lang), a.expected_result),
                         (t("up.expected_evidence", lang), a.evidence_expected),
                         (t("act.reporting", lang), a.reporting),
                         (t("c.note", lang), a.note_raw)):
        if _given(value):
            out.append((label, str(value)))
    if _given(a.indicator_name) or _given(a.indicator_quantitative):  # a target read from the text, or missing
        target = indicator_text.target(a.target_value, a.indicator_unit, a.indicator_period, a.comparator, lang)
        out.append((t("up.target", lang), target or t("up.no_target", lang)))
    where = provenance_words.of_row(a, lang)
    if where:
        out.append((t("src.label", lang), where))
    if _given(a.uncertain):
        out.append((t("src.check", lang), provenance_words.reasons(a.uncertain, lang)))
    return out


def _reports(key: str) -> pd.DataFrame:
    """Statuses and round reports in one list, oldest first."""
    cols = ["recorded_at", "recorded_by", "round_label", "status", "progress_pct", "actual_value", "comment",
            "evidence_name", "evidence_url", "evidence_sha256", "late"]
    statuses = history.status_history(key)
    own = statuses.import_id.fillna("").str.startswith("round:")  # written by a round report: listed with it
    statuses = statuses[~own].assign(round_label=None, actual_value=None, evidence_name=None, evidence_sha256=None,
                                     late=False)
    reports = history.round_history(key)
    both = [df.reindex(columns=cols) for df in (statuses, reports) if not df.empty]
    if not both:
        return pd.DataFrame(columns=cols)
    return pd.concat(both, ignore_index=True).sort_values("recorded_at", kind="stable").reset_index(drop=True)


def action(key: str, lang: str) -> ActionView | None:
    """The action page's content, None when no such action is loaded."""
    df = query("action_detail", action_key=key, lang=lang)
    if df.empty:
        return None
    a = df.iloc[0]
    number = charts.action_label(a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref)
    return ActionView(key, str(a.institution), number, str(a.title), _facts(a, lang), _reports(key))


def report_lines(reports: pd.DataFrame, lang: str, shown_who) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each report as (heading, facts): '12 January 2026, 10:15 · Aynur · 2026, first half' and its
    status, progress, actual value, comment and evidence, only what was given. `shown_who(value)` says who
    (e-mail addresses only for signed-in readers: ui.auth.shown_who)."""
    out = []
    for r in reports.itertuples():
        head = " · ".join(filter(None, [fmt.date_time(r.recorded_at, lang), str(shown_who(r.recorded_by)),
                                        str(r.round_label) if _given(r.round_label) else t("act.no_round", lang)]))
        facts = []
        if _given(r.status):
            facts.append((t("c.status", lang), t(f"st.{r.status}", lang)))
        if _given(r.progress_pct):
            facts.append((t("c.progress", lang), f"{fmt.num(float(r.progress_pct), lang)} %"))
        if _given(r.actual_value):
            facts.append((t("act.actual", lang), fmt.num(float(r.actual_value), lang)))
        if _given(r.comment):
            facts.append((t("c.comment", lang), str(r.comment)))
        if _given(r.evidence_name):
            facts.append((t("c.evidence", lang), str(r.evidence_name)))
        elif _given(r.evidence_url):
            facts.append((t("c.evidence", lang), str(r.evidence_url)))
        if bool(r.late):
            facts.append((t("act.late", lang), t("act.late_yes", lang)))
        out.append((head, facts))
    return out
