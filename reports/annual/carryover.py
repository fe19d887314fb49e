"""The draft of the next plan: the product's Excel template (reports.template) holding the unfinished actions of
an ended plan as a new plan over the following period, each marked "carried over from <plan> <number>" in the
template's `notes` column, ready to edit and import (`python -m loaders import FILE.xlsx`)."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd
from openpyxl import load_workbook

import paths
from analytics import charts, filters, implementation
from analytics.i18n import t
from parse import template_spec as spec
from reports.template import build_template

YEAR = re.compile(r"\b(19|20)\d\d\b")


class CarryOverError(ValueError):
    pass


@dataclass(frozen=True)
class Draft:
    document_id: str
    period_start: int
    period_end: int
    carried: int          # unfinished actions written
    finished: int         # done or cancelled, left out


def ended_plan(f: filters.Filters, today=None) -> pd.Series:
    """The plan to carry over from: the one chosen, else the university's newest plan that has ended."""
    today = today or paths.today()
    plans = implementation.plans_in_scope(f)
    if plans.empty:
        raise CarryOverError("choose a university (--uni) or a plan (--plan)")
    ended = plans[plans.period_end < today.year]
    if ended.empty:
        last = plans.sort_values("period_end").iloc[-1]
        raise CarryOverError(f"the plan {last.document_id} runs until {int(last.period_end)}: only an ended plan "
                             "carries over")
    return ended.sort_values(["period_end", "period_start"]).iloc[-1]


def _short(number: str, institution: str) -> str:
    return number[len(institution) + 1:] if number.startswith(institution + " ") else number


def build_carryover(f: filters.Filters) -> tuple[bytes, Draft]:
    plan = ended_plan(f)
    doc_id, inst = str(plan.document_id), str(plan.institution)
    start, end = int(plan.period_start), int(plan.period_end)
    new_start, new_end = end + 1, end + 1 + (end - start)
    new_id = f"{inst.lower()}_plan_{new_start}_{new_end}_draft"
    old_period = filters.period_text(start, end)
    new_period = filters.period_text(new_start, new_end)
    acts = implementation.status_actions(filters.Filters(plan=doc_id, lang=f.lang), paths.today())
    rest = implementation.unfinished(acts)
    keep = dict(zip(rest.action_key, rest.itertuples(), strict=True))

    wb = load_workbook(io.BytesIO(build_template(doc_id)))
    ws = wb[spec.PLANS[0]]
    hdr = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[hdr.index("document_id")].value == doc_id:
            row[hdr.index("document_id")].value = new_id
            row[hdr.index("period_start")].value = new_start
            row[hdr.index("period_end")].value = new_end
            title = str(row[hdr.index("title")].value or doc_id)
            row[hdr.index("title")].value = title.replace(old_period, new_period) if old_period in title \
                else f"{title} ({new_period})"
    for name in (spec.GOALS[0], spec.TARGETS[0]):
        sheet = wb[name]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == doc_id:
                row[0].value = new_id
    _actions(wb[spec.ACTIONS[0]], doc_id, new_id, keep, inst, old_period, f.lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), Draft(new_id, new_start, new_end, len(keep), len(acts) - len(keep))


def _actions(ws, doc_id: str, new_id: str, keep: dict, inst: str, old_period: str, lang: str) -> None:
    """Only the unfinished actions, renumbered in order, with new keys (the importer derives them from the new
    period), the mark in `notes` and deadlines that name an old year moved into that mark."""
    hdr = [c.value for c in ws[1]]
    col = {name: hdr.index(name) for name in hdr}
    drop, seq = [], 0
    for row in ws.iter_rows(min_row=2):
        if row[col["document_id"]].value != doc_id:
            continue
        key = row[col["action_key"]].value
        a = keep.get(key)
        if a is None:
            drop.append(row[0].row)
            continue
        seq += 1
        number = _short(charts.action_label(a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref), inst)
        mark = [t("ar.carried", lang, plan=f"{inst} {old_period}", number=number)]
        deadline = row[col["deadline_raw"]].value
        if isinstance(deadline, str) and YEAR.search(deadline):
            mark.append(t("ar.carried.deadline", lang, deadline=deadline))
            row[col["deadline_raw"]].value = None
        before = row[col["notes"]].value
        row[col["notes"]].value = "; ".join(mark) + (f" | {before}" if before else "")
        row[col["notes"]].data_type = "s"
        row[col["document_id"]].value = new_id
        row[col["action_key"]].value = None
        row[col["seq"]].value = seq
    for r in reversed(drop):
        ws.delete_rows(r)
