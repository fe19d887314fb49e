"""New test originals: plans of universities the reference does not know, written for these tests (not the bundled
plans converted), in Azerbaijani, English and Russian, with field-level truth for every action.

What each file carries is what breaks readers on real plans (issue 25): a heading with the university's name in
the genitive and no code, a code that is not all capital Latin letters (AzTU, AzMİU, СГУ), a yearly plan whose
subtitle names the strategy it serves, totals rows, sections numbered with Roman numerals, unit names with "və",
two names on two lines of one cell, a person in brackets after a unit, partners written in notes ("... ilə
birlikdə", "together with", "совместно с"), deadlines as people write them, and a page number printed under the
last row of a borderless PDF.

Usage: python scripts/make_new_originals.py --out /tmp/new_originals [--no-pdf]
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.harness import chromium_path
from scripts.make_originals import ROOT, _docx, _save, _table, e, page_html, print_pdf


@dataclass
class Truth:
    """One action as a person reads it."""
    goal: int
    title: str
    deadline: str | None
    start: int | None
    end: int | None
    lead: list[str]
    partners: list[str] = field(default_factory=list)
    vice_rectors: list[str] = field(default_factory=list)
    responsible: str = ""  # the cell as written (defaults to the lead units joined)
    note: str = ""


@dataclass
class Original:
    """A plan file to write, and what a reader must find in it."""
    name: str
    institution: str  # the code the reader should propose
    institution_name: str | None  # the name a new university is proposed with (None: a known one)
    period: tuple[int, int]
    goals: dict[int, str]
    actions: list[Truth]
    heading: list[str]


def _t(goal, title, deadline, start, end, lead, partners=(), vrs=(), responsible="", note="") -> Truth:
    return Truth(goal, title, deadline, start, end, list(lead), list(partners), list(vrs), responsible, note)


# ---------------------------------------------------------------- Gəncə, Word, one big table, Roman sections

GDU = Original(
    "gdu_2026.docx", "GDU", "Gəncə Dövlət Universiteti", (2026, 2026),
    {1: "Tədrisin keyfiyyəti", 2: "Elm və innovasiya", 3: "İnfrastruktur"},
    [
        _t(1, "Tədris planlarının yenilənməsi", "Hər rüb", 2026, 2026, ["Tədris Şöbəsi"], vrs=["academic"],
           responsible="Tədris şöbəsi", note="Tədris işləri üzrə prorektorla birlikdə"),
        _t(1, "Yeni magistratura proqramlarının açılması", "2026–2027-ci tədris ili, hər semestr", 2026, 2027,
           ["Təbiət elmləri və kənd təsərrüfatı fakültəsi"]),
        _t(1, "Müəllimlərin pedaqoji ustalıq təlimləri", "Oktyabr–Noyabr", 2026, 2026, ["Pedaqogika kafedrası"],
           responsible="Pedaqogika kafedrası (kaf. müd. dos. S. Quliyeva)"),
        _t(1, "Tələbə sorğularının keçirilməsi və nəticələrin təhlili", "Hər ay", 2026, 2026,
           ["Filologiya fakültəsi", "Tarix fakültəsi"], responsible="Filologiya fakültəsi\nTarix fakültəsi"),
        _t(2, "Regional ekologiya konfransının keçirilməsi", "May", 2026, 2026, ["Elm Şöbəsi"],
           ["Ekologiya və Təbii Sərvətlər Nazirliyi"], responsible="Elm şöbəsi",
           note="Ekologiya və Təbii Sərvətlər Nazirliyi ilə birlikdə"),
        _t(2, "Gənc alimlər üçün qrant müsabiqəsi", "Müntəzəm", 2026, 2026, ["Elm Şöbəsi", "Gənc Alimlər Şurası"],
           responsible="Elm şöbəsi, Gənc Alimlər Şurası", note="Elmi işlər üzrə prorektor", vrs=["science"]),
        _t(2, "Elmi jurnalın beynəlxalq bazalara daxil edilməsi", "IV rüb", 2026, 2026, ["Kitabxana"],
           ["İKT Şöbəsi"], responsible="Kitabxana", note="İKT şöbəsi ilə birlikdə"),
        _t(3, "Tədris korpusunun təmiri", "İyun–Avqust", 2026, 2026, ["Təsərrüfat və Təchizat Şöbəsi"],
           vrs=["general"], responsible="Təsərrüfat və Təchizat şöbəsi",
           note="İnzibati-təsərrüfat işləri üzrə prorektor"),
        _t(3, "Yataqxanada istilik sisteminin yenilənməsi", "2026-cı il ərzində", 2026, 2026,
           ["Kommunal xidmətlər bölməsi"], responsible="Kommunal xidmətlər bölməsi",
           note="Maliyyə və Mühasibatlıq şöbəsinin vəsaiti hesabına"),
    ],
    ["Gəncə Dövlət Universitetinin 2026-cı il üzrə FƏALİYYƏT PLANI",
     "(Gəncə Dövlət Universitetinin 2026-2030-cu illər üçün İnkişaf Strategiyasının icrası çərçivəsində)"],
)

# deadlines as the cell writes them, where the reader must tidy them
WRITTEN = {"Oktyabr–Noyabr": "Oktyabr– Noyabr"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}


def gdu_docx(o: Original, out: Path) -> Path:
    doc = _docx()
    for line in o.heading:
        doc.add_paragraph(line)
    header = ("№", "Tədbirin adı", "İcra müddəti", "Məsul icraçı", "Qeyd")
    rows: list[list[str]] = []
    sections: list[int] = []
    goal = None
    n = 0
    for a in o.actions:
        if a.goal != goal:
            goal = a.goal
            sections.append(len(rows) + 1)
            rows.append([f"{ROMAN[goal]}. {o.goals[goal]}", "", "", "", ""])
        n += 1
        deadline = WRITTEN.get(a.deadline or "", a.deadline or "")
        rows.append([f"{n}.", a.title, deadline, a.responsible or ", ".join(a.lead), a.note])
    rows.append(["", "Cəmi: 9 tədbir", "", "", ""])
    table = _table(doc, header, rows)
    for r in sections:  # the section's name over the whole row
        table.cell(r, 0).merge(table.cell(r, len(header) - 1)).text = rows[r - 1][0]
    return _save(doc, out)


# ---------------------------------------------------------------- Jerash, English, ruled PDF, goal headings

JERASH = Original(
    "jerash_2019_2022.pdf", "JU", "Jerash University", (2019, 2022),
    {1: "Quality of teaching and learning", 2: "Research and community service"},
    [
        _t(1, "Review all bachelor programmes against the national qualifications framework", "2019-2020",
           2019, 2020, ["Keyfiyyətin Təminatı Mərkəzi"], vrs=["academic"], responsible="Quality Assurance Centre",
           note="Vice-rector for Academic Affairs"),
        _t(1, "Train academic staff in student-centred teaching", "Every semester", 2019, 2022,
           ["Faculty Development Unit"], ["İnsan Resursları Şöbəsi"], responsible="Faculty Development Unit",
           note="together with the Human Resources Department"),
        _t(1, "Introduce an online learning platform", "Q3 2020", 2020, 2020, ["İKT Şöbəsi"],
           responsible="ICT Department"),
        _t(1, "Survey graduates one year after graduation", "Annually, June", 2019, 2022,
           ["Karyera və Məzunlarla İş Mərkəzi"], responsible="Career and Alumni Centre"),
        _t(2, "Establish a research office for external grants", "2020", 2020, 2020, ["Elm Şöbəsi"],
           ["Jerash Chamber of Commerce"], vrs=["science"], responsible="Research Department",
           note="Vice-rector for Research; together with the Jerash Chamber of Commerce"),
        _t(2, "Publish an annual community service report", "Continuous", 2019, 2022,
           ["Community Service Office", "KİV və İctimaiyyətlə Əlaqələr üzrə Departament"],
           responsible="Community Service Office, Media and Public Relations Department"),
        _t(2, "Open a water research laboratory", "2021-2022", 2021, 2022, ["Faculty of Agriculture"],
           ["Ministry of Water and Irrigation"], responsible="Faculty of Agriculture",
           note="together with the Ministry of Water and Irrigation"),
    ],
    ["Jerash University Strategic Plan 2019-2022"],
)


def jerash_pdf_html(o: Original) -> str:
    head = ("<thead><tr><th style='width:5%'>No</th><th style='width:40%'>Activity</th><th style='width:12%'>"
            "Timeline</th><th style='width:20%'>Responsible</th><th style='width:23%'>Notes</th></tr></thead>")
    body = [f"<h1>{e(o.heading[0])}</h1>"]
    for g, title in o.goals.items():
        body.append(f"<h2>Goal {g}: {e(title)}</h2>")
        rows = "".join(f"<tr><td>{i}</td><td>{e(a.title)}</td><td>{e(a.deadline)}</td><td>{e(a.responsible)}</td>"
                       f"<td>{e(a.note)}</td></tr>"
                       for i, a in enumerate((a for a in o.actions if a.goal == g), start=1))
        if g == max(o.goals):
            rows += "<tr><td></td><td>Total</td><td></td><td>7 activities</td><td></td></tr>"
        body.append(f"<table class='ruled'>{head}<tbody>{rows}</tbody></table>")
    return page_html("".join(body), landscape=True)


# ---------------------------------------------------------------- Sumqayıt, Russian, borderless PDF, page number

SGU = Original(
    "sgu_2026_2028.pdf", "SDU", "Sumqayıt Dövlət Universiteti", (2026, 2028),
    {1: "Учебная работа", 2: "Научная работа", 3: "Международное сотрудничество и развитие"},
    [
        _t(1, "Обновление учебных планов бакалавриата", "ежегодно", 2026, 2028, ["Tədris Şöbəsi"],
           responsible="Учебный отдел"),
        _t(1, "Повышение квалификации преподавателей", "каждый семестр", 2026, 2028, ["İnsan Resursları Şöbəsi"],
           responsible="Отдел кадров"),
        _t(1, "Мониторинг посещаемости студентов", "постоянно", 2026, 2028, ["Dekanlıqlar"],
           responsible="Деканаты"),
        _t(2, "Проведение международной научной конференции", "IV квартал 2026 г.", 2026, 2026,
           ["Elm Şöbəsi"], ["Министерство науки и образования"], responsible="Научный отдел",
           note="совместно с Министерством науки и образования"),
        _t(2, "Подготовка отчёта о научной деятельности", "март 2027 г.", 2027, 2027, ["Elm Şöbəsi"],
           responsible="Научный отдел"),
        _t(2, "Создание лаборатории возобновляемой энергетики", "2026–2028 гг.", 2026, 2028,
           ["Кафедра физики"], responsible="Кафедра физики"),
        # vice-rectors by their Russian titles; partners named in the instrumental or genitive case
        _t(3, "Подписание соглашений о сотрудничестве с зарубежными вузами", "2026–2027 гг.", 2026, 2027,
           ["Beynəlxalq Əlaqələr Şöbəsi"], vrs=["international"], responsible="Отдел международных связей",
           note="Проректор по международным связям"),
        _t(3, "Организация летней школы по философии", "июль 2027 г.", 2027, 2027, ["Elm Şöbəsi"],
           ["Кафедра философии"], vrs=["science"], responsible="Научный отдел",
           note="проректор по научной работе, совместно с кафедрой философии"),
        _t(3, "Запуск программы академической мобильности студентов", "каждый семестр", 2026, 2028,
           ["Dekanlıqlar"], ["Beynəlxalq Əlaqələr Şöbəsi"], vrs=["academic"], responsible="Деканаты",
           note="Проректор по учебной работе; с отделом международных связей"),
        _t(3, "Ремонт учебного корпуса и общежития", "2026–2027 гг.", 2026, 2027, ["Təsərrüfat və Təchizat Şöbəsi"],
           vrs=["general"], responsible="Хозяйственный отдел",
           note="проректор по административно-хозяйственной работе"),
        _t(3, "Конкурс на лучшего молодого преподавателя", "ежегодно", 2026, 2028, ["Tədris Şöbəsi"],
           ["İnsan Resursları Şöbəsi"], responsible="Учебный отдел", note="при участии отдела кадров"),
        _t(3, "Аудит качества образовательных программ", "декабрь 2026 г.", 2026, 2026, ["Tədris Şöbəsi"],
           ["Keyfiyyətin Təminatı Mərkəzi", "Kafedralar"], vrs=["academic"], responsible="Учебный отдел",
           note="Проректор по учебной работе, совместно с Центром обеспечения качества и кафедрами"),
    ],
    ["Сумгаитский государственный университет (СГУ)", "План мероприятий на 2026–2028 годы"],
)


def sgu_pdf_html(o: Original) -> str:
    head = ("<thead><tr><th style='width:7%'>№ п/п</th><th style='width:45%'>Мероприятие</th><th style='width:15%'>"
            "Срок исполнения</th><th style='width:18%'>Ответственный</th><th style='width:15%'>Примечание</th>"
            "</tr></thead>")
    rows, goal, n = [], None, 0
    for a in o.actions:
        if a.goal != goal:
            goal = a.goal
            rows.append(f"<tr><td>{ROMAN[goal]}.</td><td>{e(o.goals[goal])}</td><td></td><td></td><td></td></tr>")
        n += 1
        rows.append(f"<tr><td>{n}.</td><td>{e(a.title)}</td><td>{e(a.deadline)}</td><td>{e(a.responsible)}</td>"
                    f"<td>{e(a.note)}</td></tr>")
    body = (f"<h1>{e(o.heading[0])}</h1><h2>{e(o.heading[1])}</h2>"
            f"<table class='plain'>{head}<tbody>{''.join(rows)}</tbody></table>"
            "<div style='margin-top:4pt; text-align:right'>1</div>")
    return page_html(body, landscape=False, extra_css="td { padding-bottom: 6pt; }")


# ---------------------------------------------------------------- AzTU, Excel, two header rows, totals

AZTU = Original(
    "aztu_2027_2030.xlsx", "AZTU", "Azərbaycan Texniki Universiteti", (2027, 2030),
    {1: "Rəqəmsal təhsil", 2: "Sənaye ilə əməkdaşlıq"},
    [
        _t(1, "Elektron kitabxananın yaradılması", "2027", 2027, 2027, ["Kitabxana"], ["İKT Şöbəsi"],
           responsible="Kitabxana", note="İKT şöbəsi ilə birlikdə"),
        _t(1, "Onlayn kursların hazırlanması", "Hər semestr", 2027, 2030, ["Distant Təhsil Mərkəzi"],
           vrs=["academic"], responsible="Distant Təhsil Mərkəzi", note="Tədris işləri üzrə prorektor"),
        _t(1, "Tələbə portalının yenilənməsi", "I rüb 2028", 2028, 2028, ["İKT Şöbəsi"], responsible="İKT şöbəsi"),
        _t(2, "Sənaye şirkətləri ilə birgə laboratoriyalar", "2028-2030", 2028, 2030,
           ["Mexanika və Maşınqayırma fakültəsi"], ["Texnopark"], responsible="Mexanika və Maşınqayırma fakültəsi",
           note="Texnopark ilə birlikdə"),
        _t(2, "Təcrübə proqramlarının genişləndirilməsi", "Hər il, sentyabr", 2027, 2030,
           ["Karyera və Məzunlarla İş Mərkəzi"], responsible="Karyera və Məzunlarla İş Mərkəzi"),
    ],
    ["Azərbaycan Texniki Universiteti (AzTU)", "Strateji plan 2027-2030"],
)


def aztu_xlsx(o: Original, out: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    for line in o.heading:
        ws.append([line])
    ws.append([])
    ws.append(["№", "Tədbir", "İcra", None, "Qeyd"])
    ws.append([None, None, "Müddət", "Məsul", None])
    top = ws.max_row - 1
    for c in (1, 2, 5):
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    goal = None
    for n, a in enumerate(o.actions, start=1):
        if a.goal != goal:
            goal = a.goal
            ws.append([f"Məqsəd {goal}: {o.goals[goal]}"])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        ws.append([n, a.title, a.deadline, a.responsible, a.note or None])
    ws.append([None, "Yekun", None, "5 tədbir", None])
    wb.save(str(out))
    return out


# ---------------------------------------------------------------- AzMİU, Word with headings per goal

AZMIU = Original(
    "azmiu_2026.docx", "AZMIU", "Azərbaycan Memarlıq və İnşaat Universiteti", (2026, 2026),
    {1: "Tədris", 2: "Beynəlxalqlaşma"},
    [
        _t(1, "Memarlıq ixtisası üzrə yeni tədris planı", "Sentyabr 2026", 2026, 2026, ["Memarlıq fakültəsi"],
           responsible="Memarlıq fakültəsi"),
        _t(1, "Laboratoriya dərslərinin rəqəmsallaşdırılması", "Hər rüb", 2026, 2026,
           ["İnşaat materialları kafedrası", "İKT Şöbəsi"], responsible="İnşaat materialları kafedrası, İKT şöbəsi"),
        _t(2, "Erasmus+ mübadilə proqramlarına qoşulma", "II yarımil", 2026, 2026, ["Beynəlxalq Əlaqələr Şöbəsi"],
           vrs=["international"], responsible="Beynəlxalq əlaqələr şöbəsi",
           note="Beynəlxalq əlaqələr üzrə prorektor"),
        _t(2, "Xarici tələbələr üçün hazırlıq kursu", "2026", 2026, 2026, ["Dil Mərkəzi"], ["Dekanlıqlar"],
           responsible="Dil Mərkəzi", note="Dekanlıqlarla birlikdə"),
    ],
    ["Azərbaycan Memarlıq və İnşaat Universiteti (AzMİU)", "2026-cı il üçün fəaliyyət planı"],
)


def azmiu_docx(o: Original, out: Path) -> Path:
    doc = _docx()
    doc.add_heading(o.heading[0], level=0)
    doc.add_paragraph(o.heading[1])
    for g, title in o.goals.items():
        doc.add_heading(f"Məqsəd {g}: {title}", level=1)
        # the second table was typed by someone else: its unit column has a header no reader knows ("by whom"),
        # so its role is guessed from the cells (the preview lists those rows to check)
        _table(doc, ("№", "Tədbirlər", "İcra müddəti", "Məsul" if g == 1 else "Kim tərəfindən", "Qeyd"),
               [[str(i), a.title, a.deadline or "", a.responsible, a.note]
                for i, a in enumerate((a for a in o.actions if a.goal == g), start=1)])
    return _save(doc, out)


# ---------------------------------------------------------------- Lənkəran, Word without a table: numbered paragraphs

LDU = Original(
    "ldu_2026_paragraphs.docx", "LDU", "Lənkəran Dövlət Universiteti", (2026, 2026),
    {1: "Tədrisin keyfiyyətinin artırılması", 2: "Elmi fəaliyyət"},
    [
        _t(1, "Tədris proqramlarının əmək bazarına uyğunlaşdırılması", "2026-cı il", 2026, 2026,
           ["Tədris Şöbəsi", "Kafedralar"], responsible="Tədris şöbəsi, Kafedralar"),
        _t(1, "Tələbələr üçün karyera günlərinin keçirilməsi", "Hər semestr", 2026, 2026,
           ["Karyera və Məzunlarla İş Mərkəzi"], ["İşəgötürənlər Assosiasiyası"],
           note="Tərəfdaşlar: İşəgötürənlər Assosiasiyası"),
        _t(2, "Elmi jurnalın nəşri", "IV rüb", 2026, 2026, ["Elm Şöbəsi"], responsible="Elm şöbəsi"),
        _t(2, "Doktorantların elmi seminarlarının təşkili", "Hər ay", 2026, 2026,
           ["Magistratura və Doktorantura Şöbəsi"], vrs=["science"],
           responsible="Magistratura və Doktorantura şöbəsi", note="Qeyd: Elmi işlər üzrə prorektorla birlikdə"),
    ],
    ["LƏNKƏRAN DÖVLƏT UNİVERSİTETİ", "2026-cı il üçün fəaliyyət planı"],
)
TARGET_TITLES = {1: "Tədris proqramları", 2: "Nəşrlər və seminarlar"}


def ldu_docx(o: Original, out: Path) -> Path:
    """Goals and targets as paragraphs, every action one paragraph with its fields after labels."""
    doc = _docx()
    for line in o.heading:
        doc.add_paragraph(line)
    for g, title in o.goals.items():
        doc.add_paragraph(f"Məqsəd {g}: {title}")
        doc.add_paragraph(f"{g}.1. {TARGET_TITLES[g]}")
        for i, a in enumerate((a for a in o.actions if a.goal == g), start=1):
            fields = [f"Məsul: {a.responsible}", a.note, f"Müddət: {a.deadline}"]
            doc.add_paragraph(f"{g}.1.{i}. {a.title} – " + "; ".join(f for f in fields if f))
    return _save(doc, out)


ORIGINALS: list[tuple[Original, Callable[[Original, Path], Path], bool]] = [
    (GDU, gdu_docx, False),
    (AZTU, aztu_xlsx, False),
    (AZMIU, azmiu_docx, False),
    (LDU, ldu_docx, False),
    (JERASH, lambda o, p: print_pdf(jerash_pdf_html(o), p), True),
    (SGU, lambda o, p: print_pdf(sgu_pdf_html(o), p), True),
]
for _o, _w, _pdf in ORIGINALS:
    for _a in _o.actions:
        _a.responsible = _a.responsible or ", ".join(_a.lead)


def make_all(out_dir: Path, pdf: bool | None = None) -> dict[str, tuple[Original, Path]]:
    """Write every original into out_dir (PDFs only when Chromium is there, or pdf=True): name -> (truth, path)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with_pdf = pdf if pdf is not None else chromium_path() is not None
    made = {}
    for o, write, is_pdf in ORIGINALS:
        if is_pdf and not with_pdf:
            continue
        made[o.name] = (o, write(o, out_dir / o.name))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "new_originals")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (they need Chromium)")
    args = parser.parse_args()
    for name, (_o, path) in make_all(args.out, pdf=False if args.no_pdf else None).items():
        print(f"{name:24} {path.stat().st_size:>9} bytes  {path}")


if __name__ == "__main__":
    main()
