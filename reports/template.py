"""The Excel plan template: the normalised plans with drop-down lists, ready to edit and import back."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analytics.db import query
from parse import template_spec as spec
from reports import ranking_sheet
from reports.workbook import write_frame
from state import user_store
from state.user_store import STATUSES

NOTE_FILL = PatternFill("solid", fgColor="FFF4CE")
README_LINES = [
    ("Strateji plan şablonu / Strategy plan template", True),
    ("Hər vərəq bir cədvəldir; sütun adlarını dəyişməyin. Each sheet is one table; keep the column names.", False),
    ("plans: bir sətir bir plan (document_id, universitet kodu, dövr; yeni universitet üçün kod və ad). "
     "One row per plan (a new university: its code, letters and digits, and its name in institution_name).", False),
    ("goals, targets: məqsəd və hədəflər. Goals and targets.", False),
    ("actions: bir sətir bir tədbir. Bölmə və prorektor üçün siyahıdan seçin və ya yeni ad yazın (yeni bölmə "
     "saxlanılır və «Yeni bölmələr» səhifəsində yoxlanılır). One row per action; pick units and vice-rectors from "
     "the lists or type a new name (a new unit is kept and reviewed on the 'New units' page).", False),
    ("status: tədbirin vəziyyəti (action_key, tarix, status, faiz). Status of an action.", False),
    ("ranking_results: reytinq nəticələri (universitet, reytinq, il, yer: 628, 601+ və ya 801-850). "
     "Ranking results (university, ranking, year, place: 628, 601+ or 801-850).", False),
    ("Yeni plan üçün universitet kodu ilə başlayan yeni document_id (məs. qku_plan_2026_2030) və dövr yazın; eyni "
     "universitet və dövr köhnə planı əvəz edir. A new plan needs a new document_id that begins with its university's "
     "code (e.g. qku_plan_2026_2030) and a period; the same university and period replace the old plan.", False),
    ("Yükləmə: Məlumatlar səhifəsi və ya `python -m loaders import FILE.xlsx`. "
     "Import on the Data page or with `python -m loaders import FILE.xlsx`.", False),
]


def _slots(values, n: int) -> list:
    values = list(values)
    return values[:n] + [None] * (n - len(values[:n]))


def _value(v: object) -> object:
    """A cell value: NULL/NaN as an empty cell (never 'nan'), a whole number as an int."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def build_template(plan: str | None = None) -> bytes:
    plans = query("template_plans", scope=plan)
    levels = query("template_goals", scope=plan)
    acts = query("template_actions", scope=plan)
    units = query("ref_units")["unit_name"].tolist()
    vrs = query("ref_vice_rectors")["key"].tolist()
    wb = Workbook()
    readme = wb.active
    readme.title = spec.README
    for text, bold in README_LINES:
        readme.append([text])
        readme.cell(readme.max_row, 1).font = Font(bold=bold, size=14 if bold else 11)
    readme.column_dimensions["A"].width = 140

    write_frame(wb.create_sheet(spec.PLANS[0]), plans[spec.PLANS[1]])
    goals = levels[levels.level == "goal"][spec.GOALS[1]]
    targets = levels[levels.level == "target"][spec.TARGETS[1]]
    write_frame(wb.create_sheet(spec.GOALS[0]), goals)
    write_frame(wb.create_sheet(spec.TARGETS[0]), targets.astype({"target_no": "Int64"}))
    rows = []
    for a in acts.itertuples():
        rows.append([a.document_id, a.seq, a.action_key, a.goal_no, a.target_no, a.action_no, a.goal_ref, a.title,
                     a.deadline_raw, *_slots(a.lead_units, spec.LEAD_SLOTS),
                     *_slots(a.partner_units, spec.PARTNER_SLOTS), *_slots(a.vice_rectors, spec.VR_SLOTS),
                     "; ".join(a.people) or None, "; ".join(a.strategy_codes) or None, a.responsible_raw,
                     a.note_raw, *[getattr(a, c) for c in spec.DETAIL_COLUMNS], a.title_en,
                     *[_value(getattr(a, c)) for c in spec.INDICATOR_COLUMNS], a.strategy_ref])
    actions = pd.DataFrame(rows, columns=spec.ACTIONS[1]).astype(
        {"goal_no": "Int64", "target_no": "Int64", "action_no": "Int64"})
    ws_actions = wb.create_sheet(spec.ACTIONS[0])
    write_frame(ws_actions, actions)
    ws_status = wb.create_sheet(spec.STATUS[0])
    write_frame(ws_status, pd.DataFrame(columns=spec.STATUS[1]))
    results = user_store.ranking_results()
    if plan is not None:
        results = results[results.institution.isin(plans.institution)]
    ranking_sheet.write_sheet(wb, query("ref_rankings")["key"].tolist(),
                              query("ranking_results_institutions")["code"].tolist(), results.to_dict("records"))

    lists = wb.create_sheet(spec.LISTS)
    newest = plans.sort_values(["period_end", "period_start"]).tail(1)
    deadlines = spec.deadline_choices(*(int(newest[c].iloc[0]) if len(newest) else None
                                        for c in ("period_start", "period_end")))
    columns = {"units": units, "vice_rectors": vrs, "deadlines": deadlines, "statuses": list(STATUSES)}
    for j, (name, values) in enumerate(columns.items(), start=1):
        lists.cell(1, j, name).font = Font(bold=True)
        for i, value in enumerate(values, start=2):
            lists.cell(i, j, value).data_type = "s"
        lists.column_dimensions[get_column_letter(j)].width = 50

    def ref(j: int, n: int) -> str:
        col = get_column_letter(j)
        return f"={spec.LISTS}!${col}$2:${col}${n + 1}"

    last = max(len(actions) + 500, 1000)
    header = spec.ACTIONS[1]

    def validate(ws, formula: str, cols: list[str], strict: bool, prompt: str) -> None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                            errorStyle="stop" if strict else "warning", promptTitle="", prompt=prompt)
        ws.add_data_validation(dv)
        hdr = [c.value for c in ws[1]]
        for c in cols:
            letter = get_column_letter(hdr.index(c) + 1)
            dv.add(f"{letter}2:{letter}{last}")

    validate(ws_actions, ref(1, len(units)), [c for c in header if c.startswith(("lead_unit_", "partner_unit_"))],
             False, "Bölmə (siyahıdan və ya yeni ad) / unit (from the list or a new name)")
    validate(ws_actions, ref(2, len(vrs)), [c for c in header if c.startswith("vice_rector_")], False,
             "Prorektor (açar və ya ad) / vice-rector (key or name)")
    validate(ws_actions, ref(3, len(deadlines)), ["deadline_raw"], False,
             "Müntəzəm, Hər il, I rüb, " + ", ".join(deadlines[len(spec.DEADLINE_WORDS):]) + " …")
    validate(ws_status, ref(4, len(STATUSES)), ["status"], True, ", ".join(STATUSES))
    for cell in ws_actions[1]:
        if str(cell.value).startswith(("lead_unit", "partner_unit", "vice_rector", "deadline")):
            cell.fill = NOTE_FILL
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
