"""Workbooks a strategy office of a university we have never seen would fill in the Excel template:
Gəncə Dövlət Universiteti (code GDU, not in data/reference), an archived plan 2019-2022 and a new
plan 2027-2030, units written in Azerbaijani and English, several per action, names no reference
knows, and deadlines as people write them. Used by tests/test_open_world.py."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from parse import template_spec as spec

GDU = "GDU"
GDU_NAME = "Gəncə Dövlət Universiteti"
OLD, NEW = "gdu_strategic_plan_2019_2022", "gdu_strategic_plan_2027_2030"

# (document, goal, target, action, title, deadline, lead units, partner units, vice-rectors)
ACTIONS = [
    (OLD, 1, 1, 1, "Tədris proqramlarının beynəlxalq akkreditasiyası", "2019", ["Tədris şöbəsinə"], [],
     ["academic"]),
    (OLD, 1, 1, 2, "Xarici tələbələr üçün ingilisdilli proqramlar", "2019-2020",
     ["International Relations Office", "Dil Mərkəzi"], [], ["international"]),
    (OLD, 1, 2, 1, "Müəllimlərin ixtisasartırma kursları", "Hər semestr", ["İnsan Resursları Şöbəsi"],
     ["Tədris Metodika Şurası"], ["academic"]),
    (OLD, 2, 1, 1, "Elmi jurnalın Scopus bazasına daxil edilməsi", "II yarımil 2021", ["Elmi Jurnal Redaksiyası"],
     ["Elm Şöbəsi"], ["science"]),
    (OLD, 2, 1, 2, "Tələbə elmi konfransının keçirilməsi", "Hər il, aprel", ["Tələbə Elmi Cəmiyyəti"], [],
     ["science"]),
    (NEW, 1, 1, 1, "Rəqəmsal kampus strategiyasının hazırlanması", "Continuous", ["Digital Transformation Office"],
     ["İKT Şöbəsi"], ["development"]),
    (NEW, 1, 1, 2, "Onlayn kursların platformasının yaradılması", "I rüb 2027", ["İKT Şöbəsi", "Dil Mərkəzi"], [],
     ["development"]),
    (NEW, 1, 2, 1, "Məzunlarla əlaqələrin gücləndirilməsi", "2028-2030", ["Karyera və Məzunlarla İş Mərkəzi"],
     ["Məzunlar Assosiasiyası"], ["general"]),
    (NEW, 2, 1, 1, "Yaşıl universitet layihəsi", "15 sentyabr 2029", ["Ekologiya Klubu"], [], ["general"]),
    (NEW, 2, 1, 2, "Ərazinin abadlaşdırılması üzrə plan", "Layihə təsdiq edildikdən sonra",
     ["Təsərrüfat və Təchizat Şöbəsi"], [], ["general"]),
]
PLANS = [
    (OLD, "strategic_plan", GDU, "Gəncə Dövlət Universiteti — Strateji plan 2019-2022", 2019, 2022, GDU_NAME),
    (NEW, "strategic_plan", GDU, "Gəncə Dövlət Universiteti — Strateji plan 2027-2030", 2027, 2030, GDU_NAME),
]
GOALS = [(OLD, 1, "Tədrisin keyfiyyəti"), (OLD, 2, "Elm"), (NEW, 1, "Rəqəmsal universitet"),
         (NEW, 2, "Dayanıqlı kampus")]
TARGETS = [(OLD, 1, 1, "Akkreditasiya"), (OLD, 1, 2, "Kadrlar"), (OLD, 2, 1, "Nəşrlər"),
           (NEW, 1, 1, "Platformalar"), (NEW, 1, 2, "Məzunlar"), (NEW, 2, 1, "Yaşıl kampus")]


def write_gdu_workbook(path: Path) -> Path:
    """The template's sheets as a user fills them (no action keys: the import assigns them)."""
    wb = Workbook()
    ws = wb.active
    ws.title = spec.PLANS[0]
    ws.append(spec.PLANS[1])
    for row in PLANS:
        ws.append(list(row))
    ws = wb.create_sheet(spec.GOALS[0])
    ws.append(spec.GOALS[1])
    for row in GOALS:
        ws.append(list(row))
    ws = wb.create_sheet(spec.TARGETS[0])
    ws.append(spec.TARGETS[1])
    for row in TARGETS:
        ws.append(list(row))
    ws = wb.create_sheet(spec.ACTIONS[0])
    header = spec.ACTIONS[1]
    ws.append(header)
    for seq, (doc, g, t, a, title, deadline, lead, partners, vrs) in enumerate(ACTIONS, start=1):
        row = dict.fromkeys(header)
        row.update(document_id=doc, seq=seq, goal_no=g, target_no=t, action_no=a, title=title, deadline_raw=deadline)
        row.update({f"lead_unit_{i}": u for i, u in enumerate(lead, start=1)})
        row.update({f"partner_unit_{i}": u for i, u in enumerate(partners, start=1)})
        row.update({f"vice_rector_{i}": v for i, v in enumerate(vrs, start=1)})
        ws.append([row[c] for c in header])
    wb.save(path)
    return path
