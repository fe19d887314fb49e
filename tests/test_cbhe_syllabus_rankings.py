"""CBHE compendium, UNEC syllabus and ranking targets: values checked by reading the documents."""
from __future__ import annotations

import datetime as dt

from parse.rankings import ranking_targets

# acronym: (EU id, budget EUR or None, partners excluding coordinator or None, coordinator country, period)
PROJECTS = {
    "DIRNA": ("101082124", 633292, 10, "AZ", (dt.date(2023, 1, 1), dt.date(2025, 12, 31))),
    "ENGAGE": ("101083269", 799999, 16, "AZ", (dt.date(2023, 1, 1), dt.date(2025, 12, 31))),
    "REFRESH": ("101082252", None, None, None, (dt.date(2022, 1, 1), dt.date(2024, 12, 31))),
    "3E-Partnership": ("101128576", 728234, 9, "GE", (dt.date(2023, 12, 1), dt.date(2026, 11, 30))),
    "BE-OPEN": ("101129062", 969008, 13, "GE", (dt.date(2024, 4, 1), dt.date(2027, 3, 31))),
    "BEAUCOUP": ("101129280", 999969, 16, "EE", (dt.date(2024, 1, 1), dt.date(2026, 12, 31))),
}


def test_cbhe_projects(compendium):
    assert [p.acronym for p in compendium.projects] == list(PROJECTS)
    for p in compendium.projects:
        pid, budget, partners, country, period = PROJECTS[p.acronym]
        assert p.project_id == pid
        assert p.budget_eur == budget
        coordinators = [x for x in p.participants if x.role == "coordinator"]
        if partners is None:
            assert p.participants == []  # REFRESH lists no participants
        else:
            assert len([x for x in p.participants if x.role == "partner"]) == partners
            assert len(coordinators) == 1 and coordinators[0].country == country
        assert (p.start_date, p.end_date) == period


def test_cbhe_details(compendium):
    dirna, engage, refresh, e3, beopen, beaucoup = compendium.projects
    assert dirna.participants[0].organisation == "Xəzər Universiteti"  # "Xəzər Universiteti, Azərbaycan"
    last = dirna.participants[-1]
    assert (last.organisation, last.country) == ("İzmir Texnologiya İnstitutu", "TR")
    assert dirna.url == "http://dirna.khazar.org/"
    assert beopen.url is None and beaucoup.url is None  # "TBA"
    assert refresh.budget_eur is None and refresh.budget_raw is None
    assert e3.period_precision == "month" and dirna.period_precision == "year"
    assert engage.participants[0].organisation == "Mingəçevir Dövlət Universiteti"


def test_cbhe_narrative(compendium):
    keys = [k for k, _, _ in compendium.narrative]
    assert keys == ["foreword", "introduction", "overview", "achievements", "challenges", "lessons",
                    "recommendations"]
    text = dict((k, b) for k, _, b in compendium.narrative)
    assert text["achievements"].startswith("1. Təhsil Siyasətinə Uyğunluğu:")
    assert "1,000-dən çox iştirakçını" in text["achievements"]
    assert text["recommendations"].rstrip().endswith("mexanizmlər inkişaf etdirmək.")
    assert "CBHE Layihələrinin" not in text["overview"]


def test_syllabus(course):
    f = course.facts
    assert (f["course_code"], course.title, course.institution) == ("00247", "Dövlət qulluğu", "UNEC")
    assert (f["course_type"], f["academic_year"], f["semester"]) == ("əsas", "2025/2026", "Payız")
    assert (f["faculty"], f["groups"]) == ("İqtisadiyyat və idarəetmə", "252-253")
    assert f["department"] == "İctimai idarəetmə və sosial innovasiyalar"
    assert f["teacher"] == "Rəşad Səfərov (dosent)"
    assert (course.hours_total, course.hours_lecture, course.hours_seminar, course.credits) == (60, 30, 30, 8)
    assert len(course.topics) == 15
    assert course.topics[3][1] == "XXI əsrin dövlət qulluğu strategiyası"
    assert course.topics[0][2].endswith("Dövlət idarəetmə mexanizmi: mahiyyəti və prinsipləri.")  # continued row
    assert course.assessment == [("Tələbənin aktivliyi", 20, 20.0), ("Ara qiymətləndirmə", 30, 30.0),
                                 ("Aralıq qiymətləndirmə", 50, 50.0)]
    assert course.grades[0] == (91, 100, "əla", "A")
    assert course.grades[-1] == (0, 50, "qeyri-kafi", "F")


def test_ranking_targets(qku, ndu, ref):
    rows = {(r.ranking, r.action.action_no): (r.best_rank, r.worst_rank, r.deadline_raw)
            for r in ranking_targets(qku, ref)}
    assert rows == {
        ("qs_world", 3): (1, 100, "2021-2025"),
        ("qs_eeca", 4): (1, 400, "2021-2025"),
        ("unirank_asia", 5): (1, 100, "Müntəzəm"),
        ("arwu", 6): (None, None, "Müntəzəm"),
        ("qs_world", 6): (None, None, "Müntəzəm"),
        ("the_world", 6): (None, None, "Müntəzəm"),
        ("the_impact", 6): (None, None, "Müntəzəm"),
        ("ui_greenmetric", 7): (200, 300, "Müntəzəm"),
        ("entrepreneurial", 8): (None, None, "Müntəzəm"),
    }
    assert sorted(r.ranking for r in ranking_targets(ndu, ref)) == ["qs_world", "the_world"]


def test_one_ministry_is_one_organisation(con):
    """The compendium writes the Ministry of Education two ways; data/reference/organisations.csv joins them."""
    names = [r[0] for r in con.execute("SELECT organisation FROM organisations WHERE organisation ILIKE "
                                       "'Azərbaycan%Təhsil Nazirliyi'").fetchall()]
    assert names == ["Azərbaycan Respublikasının Təhsil Nazirliyi"]
    assert con.execute("SELECT count(DISTINCT project_id) FROM cbhe_participants "
                       "WHERE organisation = 'Azərbaycan Respublikasının Təhsil Nazirliyi'").fetchone()[0] == 2
