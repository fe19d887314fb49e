"""QKU strategic plan 2021-2025: values checked by reading data/raw/qku_strategic_plan_2021_2025.txt."""
from __future__ import annotations

from collections import Counter

import pytest

KTM = "Keyfiyyətin Təminatı Mərkəzi"
SIM = "Strateji İnkişaf Mərkəzi"
BES = "Beynəlxalq Əlaqələr Şöbəsi"
KMIM = "Karyera və Məzunlarla İş Mərkəzi"

# Actions per (goal, target), counted by hand in the document.
COUNTS = {
    (1, 1): 10, (1, 2): 14, (1, 3): 8,
    (2, 1): 8, (2, 2): 3, (2, 3): 3, (2, 4): 4,
    (3, 1): 8, (3, 2): 5, (3, 3): 5, (3, 4): 6, (3, 5): 5,
    (4, 1): 8, (4, 2): 8, (4, 3): 5,
    (5, 1): 7, (5, 2): 4, (5, 3): 6,
    (6, 1): 4, (6, 2): 8, (6, 3): 3, (6, 4): 4,
    (7, 1): 7, (7, 2): 4,
    (8, 1): 3, (8, 2): 8,
}


def by_no(plan, g, t, a):
    return next(x for x in plan.actions if (x.goal_no, x.target_no, x.action_no) == (g, t, a))


def test_actions_per_target(qku):
    assert Counter((a.goal_no, a.target_no) for a in qku.actions) == COUNTS
    assert len(qku.actions) == 158


def test_goals_and_targets(qku):
    assert len(qku.goals) == 8
    assert qku.goals[1] == "Tədrisin keyfiyyətinin yüksəldilməsi"
    assert qku.goals[8] == "Sosial məsuliyyət hissinin və ictimai nüfuzun artırılması"
    assert len(qku.targets) == 26
    assert qku.targets[(4, 1)] == "Reytinq üzrə işlərin icrası"
    # heading over two lines, broken word "elmi- / pedaqoji" joined
    assert qku.targets[(3, 4)].endswith("və elmi-pedaqoji kadr hazırlığının təkmilləşdirilməsi")
    assert qku.targets[(6, 4)] == "Həyat üçün qiymətləndirmə və motivasiya"


# (goal, target, action): title, deadline_raw, recurrence, years, lead, partners, vice-rectors
FIELD_CHECKS = [
    ((1, 1, 2), "İşəgötürənlərin tədris planlarının yenilənməsi prosesinə cəlb edilməsi (Təlimlərin təşkili ilə "
     "işəgötürənlərin tədris planının yenilənməsinə cəlb edilməsi)", "2021-2025", "period", (2021, 2025),
     ["Elm Şöbəsi", KTM, "Dekanlıqlar", "Kafedralar"], [], {"academic"}),
    ((1, 1, 4), "Tədris proqramlarının beynəlxalq akkreditasiya qurumlarının tələblərinə uyğunlaşdırılması",
     "Müntəzəm", "regular", (2021, 2025), ["Tədris Şöbəsi", KMIM], [KTM, SIM], set()),
    ((1, 1, 5), "Biznes və sahibkarlıq təlimlərinin tədrisin bütün sahələrinə inteqrasiya edilməsi",
     "Müntəzəm", "regular", (2021, 2025), [KTM], ["Elm Şöbəsi"], set()),
    ((1, 1, 8), "Müasir, interaktiv təlim metodlarının və informasiya-kommunikasiya texnologiyalarının "
     "tətbiqinin genişləndirilməsi", "2021-2025", "period", (2021, 2025), [KTM, SIM, "Tədris Şöbəsi"],
     ["Dekanlıqlar", "Kafedralar"], {"academic"}),
    ((1, 1, 9), "Müasir tələblərə cavab verən, ömürboyu təhsili təmin edən təhsil infrastrukturunun yaradılması "
     "və inkişaf etdirilməsi", "Hər tədris ilinin sonunda", "annual", (2021, 2025), [KTM], ["Elmi Şura"], set()),
    ((1, 3, 5), "Bazar araşdırması etməklə, qəbul planının əmək bazarının tələblərinə və ehtiyaclarına "
     "uyğunlaşdırılması", "Müntəzəm", "regular", (2021, 2025), ["Tədris Şöbəsi", KMIM, SIM], [],
     {"executive", "academic"}),
    ((2, 3, 1), "Tələbələrin sahə üzrə bilik və bacarıqlarının artırılması Biznes və mühəndislik Məhsulların "
     "yenidən emal texnologiyaları Robotlaşma və avtonom rejimdə idarəçilik Təhlil, analizlər və diaqnostika "
     "Satış və marketinq Standartların tətbiqi", "Müntəzəm", "regular", (2021, 2025),
     ["Dekanlıqlar", "Kafedralar"], [], {"academic", "development"}),
    ((3, 3, 2), "Fakültələrarası tərəfdaşlıq modelini inkişaf etdirərək korporativ əməkdaşlığın dəstəklənməsi",
     "Müntəzəm", "regular", (2021, 2025), ["Tədris Şöbəsi", BES, SIM, "Elm Şöbəsi"], [],
     {"academic", "science", "development"}),
    ((3, 3, 3), "Universitetdə aparılan bütün fəaliyyətlər üçün keyfiyyət sisteminin qurulması", "2023-2025",
     "period", (2023, 2025), [KTM], [], set()),
    ((4, 1, 7), "“UI GreenMetric” təşkilatının reytinqində ilk 200-300-cü yerlərə daxil olmaq", "Müntəzəm",
     "regular", (2021, 2025), [SIM], [], {"academic", "science", "development"}),
    ((4, 2, 6), "QKU-da xarici tələbələrin sayının artırılması prosesinin təkmilləşdirilməsi", "2021-2022",
     "period", (2021, 2022), [BES, SIM], [], {"international"}),
    ((6, 1, 1), "ISO 9001:2015, ISO 45001:2018 və ISO 14001:2015 standartlarının tətbiqi", "2023-2025", "period",
     (2023, 2025), ["İnsan Resursları Şöbəsi", SIM], [], {"executive"}),
    ((6, 2, 5), "Müəllim inkişafı proqramı mərkəzinin yaradılması", "2023-2025", "period", (2023, 2025),
     ["Tədris Şöbəsi", KTM], [], {"executive"}),
    ((7, 1, 5), "Yataqxana kompleksinin yaradılması", "2024-2025", "period", (2024, 2025),
     ["Təsərrüfat və Təchizat Şöbəsi"], [], {"general", "development"}),
    ((8, 2, 4), "Universitetin saytının gündəlik rejimdə yenilənməsi və kontentin ardıcıl olaraq "
     "təkmilləşdirilməsi, məlumatlandırma və maarifləndirmə funksiyasının artırılması üçün məzmunun "
     "dolğunlaşdırılması", "Müntəzəm", "regular", (2021, 2025),
     ["KİV və İctimaiyyətlə Əlaqələr üzrə Departament"], [], {"general"}),
]


@pytest.mark.parametrize("numbers,title,raw,recurrence,years,lead,partners,vrs", FIELD_CHECKS,
                         ids=[".".join(map(str, c[0])) for c in FIELD_CHECKS])
def test_action_fields(qku, numbers, title, raw, recurrence, years, lead, partners, vrs):
    a = by_no(qku, *numbers)
    assert a.title == title
    assert a.deadline.raw == raw
    assert a.deadline.recurrence == recurrence
    assert (a.deadline.start_year, a.deadline.end_year) == years
    assert a.lead_units == lead
    assert a.partner_units == partners
    assert set(a.vice_rectors) == vrs


def test_misspelt_and_broken_notes(qku):
    # "prorejktor" (misspelt) still names the vice-rector; "bilrikdə" does not disturb the parse
    assert by_no(qku, 1, 1, 8).vice_rectors == ["academic"]
    assert by_no(qku, 1, 1, 2).note_raw == "Tədris işləri üzrə prorektorla bilrikdə"
    # "prorektorlarl / a birlikdə" joined
    assert "prorektorlarla" in by_no(qku, 1, 2, 5).note_raw


def test_no_unknown_units_in_seed(qku):
    assert [w for w in qku.warnings if "unknown unit" in w.message] == []


def test_deadline_mix(qku):
    # grep of the document: 96 × "Müntəzəm", 61 year ranges, 1 × "Hər tədris ilinin sonunda"
    assert Counter(a.deadline.recurrence for a in qku.actions) == {"regular": 96, "period": 61, "annual": 1}
    assert all(a.lead_units for a in qku.actions)
