"""NDU and MDU 2025 activity plans: values checked by reading the documents."""
from __future__ import annotations

BES = "Beynəlxalq Əlaqələr Şöbəsi"


def row(plan, line):
    return next(a for a in plan.actions if a.source_line == line)


def test_ndu_rows(ndu):
    assert len(ndu.actions) == 14
    assert [a.source_line for a in ndu.actions] == [10, 11, 12, 22, 23, 24, 25, 26, 27, 29, 30, 31, 32, 33]
    assert all(a.lead_units[:1] == [BES] for a in ndu.actions)
    assert all("international" in a.vice_rectors for a in ndu.actions)


def test_ndu_shifted_row_keeps_every_field(ndu):
    a = row(ndu, 10)  # two stray cells after the title push every column right
    assert (a.goal_no, a.target_no, a.goal_ref) == (3, 1, "1-1-3")
    assert a.details["indicator_quantitative"] == "Bütün fakültələr"
    assert a.details["indicator_qualitative"].startswith("Fakültələrdə keçirilən görüş")
    assert (a.deadline.raw, a.deadline.start_month, a.deadline.end_month) == ("Yanvar-Sentyabr 2025", 1, 9)
    assert a.details["baseline"] == "Fakültə nümayəndələrinin beynəlmilləşmə fəaliyyətinə dair məlumatlı olmaları"
    assert a.details["resources"] == "Əməkdaşlıqlar, Fəaliyyət planına uyğun büdcə vəsaiti resurslar"
    assert a.details["evidence"] == "İştirakçı siyahısı"
    assert a.details["reporting"] == "İllik hesabat"
    assert a.details["unplaced"] == "da xüdə; həyata"


def test_ndu_row_without_resources_column(ndu):
    a = row(ndu, 29)  # one cell short: oversight comes right after the responsible units
    assert a.lead_units == [BES, "Dekanlıqlar"]
    assert a.vice_rectors == ["international", "adviser"]
    assert a.details["resources"] is None
    assert (a.deadline.raw, a.deadline.recurrence) == ("2025", "once")
    assert a.details["evidence"].startswith("Yazılan və tərəfdaş olaraq iştirak olunan layihələrin sənədləri")


def test_ndu_rows_without_timeline(ndu):
    a = row(ndu, 32)
    assert a.deadline.raw is None and a.deadline.start_year is None  # unknown, not invented
    assert a.details["indicator_quantitative"] == "İkili diplom proqramlarının və iştirak edən tələbələrin sayı"
    assert a.details["baseline"] == "İkili diplom proqramları sayının artırılması"
    assert a.details["resources"] == "Beynəlxalq alaqələr şöbəsi"
    assert row(ndu, 31).details["evidence"] == "Yeni MOU-lar və müqavilələr"  # "müqavilələ r" joined


def test_ndu_row_continued_on_next_line(ndu):
    a = row(ndu, 33)
    assert a.title.endswith("dəvət etməklə beynəlxalq savvoyalı elmi tadbirlar (konfrans, kongres, simpozium, "
                            "forum) teşkil etmək")
    assert a.note_raw == "Beynəlxalq alaqələr üzrə prorektor"
    assert (a.goal_no, a.target_no) == (2, 3)


def test_ndu_regular_and_year_round(ndu):
    assert row(ndu, 12).deadline.recurrence == "regular"  # "Müfəssəl"
    assert (row(ndu, 27).deadline.start_month, row(ndu, 27).deadline.end_month) == (1, 12)  # "İlboyu"


def test_mdu_structure(mdu):
    assert len(mdu.actions) == 11
    assert [(a.goal_no, a.target_no, a.action_no) for a in mdu.actions] == [
        (1, 1, 1), (1, 1, 2), (2, 1, 1), (3, 1, 1), (4, 1, 1), (4, 1, 2),
        (5, 1, 1), (5, 2, 1), (5, 3, None), (5, 4, None), (5, 5, None)]
    assert mdu.targets[(3, 1)] == "Xarici əməkdaşlıq"
    assert mdu.targets[(5, 1)] == "Maddi büdcənin formalaşdırılması"  # "formalaşdırılm / ası" joined
    assert mdu.targets[(5, 3)] == "Mərkəzi Aran regional qazı cəmiyyətlərinin rəhbərləri ilə görüş"


def test_mdu_fields(mdu):
    first = mdu.actions[0]
    assert first.title.startswith("Qazilərlə iş sahəsində normativ bazanın öyrənilməsi üçün")
    assert first.lead_units == ["Qazilərə Sosial Xidmət Mərkəzi", "Vəkillər",
                                "Qazilərə xidmət göstərən dövlət qurumları"]
    assert first.strategy_codes == ["2.3.1", "2.3.3", "3.4.1", "4.2.1", "4.3.3"]
    assert (first.deadline.raw, first.deadline.start_year) == ("Cari il", 2025)
    assert "4.2.14" in mdu.actions[5].strategy_codes  # "4.2.1" + "4" over two lines
    fair = mdu.actions[6]
    assert fair.title == "Qazilərə xidmətin yaxşılaşdırılması"
    assert (fair.deadline.raw, fair.deadline.start_month) == ("May ayında", 5)
    assert fair.lead_units == ["Pedaqogika və Psixologiya Kafedrası"] and fair.people == ["Fərəh Cəlil"]
    assert mdu.actions[7].deadline.raw == "Mütamadi" and mdu.actions[7].deadline.recurrence == "regular"
    assert mdu.actions[7].people == ["Fərəh Cəlil", "Asim Məmmədov"]
    assert mdu.actions[9].details["expected_result"] == ("Qazilərin sosial həyata yenidən qazandırılması, "
                                                         "maddi rifahının yüksəldilməsi")
    assert mdu.warnings == []
