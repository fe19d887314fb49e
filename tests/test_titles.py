"""English titles (issue 27): the translated share, an editor gives titles in place through access (role-checked,
audited), the plan database is rebuilt and every page shows them; another university's editor cannot. Seed facts:
QKU's plan has 158 actions and 8 goals and gives no English title of its own."""
from __future__ import annotations

from pathlib import Path

import pytest

import access
from analytics.filters import Filters
from analytics.pages import deadlines
from analytics.pages import titles as titles_view
from state import user_store

QKU_ED = access.User("QKU office", "office@qku.edu.az", "university_editor", "QKU")
NDU_ED = access.User("NDU office", "office@ndu.edu.az", "university_editor", "NDU")
KEY = "QKU:2021-2025:1.1.1"
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_share_and_titles_given_in_place_reach_every_page(site) -> None:
    items = titles_view.items("QKU")
    assert titles_view.share(items) == {"action": (0, 158), "goal": (0, 8)}
    goal = items[items.kind == "goal"].item_key.iloc[0]
    with pytest.raises(access.Denied):
        access.record_titles(NDU_ED, "QKU", [("action", KEY, "Aligning curricula with international standards")])
    with pytest.raises(access.Denied):  # an NDU action is not QKU's to title
        access.record_titles(QKU_ED, "QKU", [("action", "NDU:2025:1/3-3.1", "x")])
    n = access.record_titles(QKU_ED, "QKU", [("action", KEY, "Aligning  curricula with international standards"),
                                             ("goal", goal, "Raising the quality of teaching")])
    assert n == 2
    items = titles_view.items("QKU")
    assert titles_view.share(items) == {"action": (1, 158), "goal": (1, 8)}
    choice = deadlines.GanttChoice(doc="qku_strategic_plan_2021_2025", goal_no=1, label="x")
    gantt = deadlines.deadline_gantt(Filters(lang="en"), choice)
    assert "Aligning curricula with international standards" in gantt.rows["Title"].tolist()
    audit = user_store.audit_log(10, "QKU")
    assert "titles_en" in audit.action.tolist()
    # withdrawn: the title as written again
    access.record_titles(QKU_ED, "QKU", [("action", KEY, None)])
    assert titles_view.share(titles_view.items("QKU"))["action"] == (0, 158)


def test_titles_page_for_a_viewer_in_both_languages(site) -> None:
    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t

    for lang in ("az", "en"):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["lang"] = lang
        at.query_params["uni"] = "QKU"
        at.run()
        at.switch_page("screens/titles.py").run()
        assert not at.exception, [e.value for e in at.exception]
        figures = {m.label: m.value for m in at.metric}
        assert figures[t("ti.m.actions", lang)] == "0 / 158" and figures[t("ti.m.goals", lang)] == "0 / 8"
        assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 166  # every title, none editable


def test_untranslated_titles_are_marked_in_english_and_only_there(site) -> None:
    """English mode shows a title nobody translated as written with the [az] marker (tables, the goal filter, the
    workbook) and a one-line legend; a title with an English one is shown without it; Azerbaijani mode never
    shows the marker."""
    import io

    from openpyxl import load_workbook
    from streamlit.testing.v1 import AppTest

    from analytics import filters as flt
    from analytics.i18n import t
    from reports.workbook import build_workbook

    access.record_titles(QKU_ED, "QKU", [("action", KEY, "Aligning curricula with international standards")])
    written = "Tədris proqramlarının (sillabusların) beynəlxalq standartlara uyğunlaşdırılması"  # 1.1.1 as written
    second = "İşəgötürənlərin tədris planlarının yenilənməsi prosesinə cəlb edilməsi"  # 1.1.2 starts so
    for lang in ("az", "en"):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["lang"] = lang
        at.query_params["uni"] = "QKU"
        at.run()
        at.switch_page("screens/explorer.py").run()
        assert not at.exception, [e.value for e in at.exception]
        rows = at.dataframe[0].value.set_index("number")
        captions = [c.value for c in at.caption]
        if lang == "en":
            assert rows.loc["QKU 1.1.1", "title"] == "Aligning curricula with international standards"
            assert rows.loc["QKU 1.1.2", "title"].startswith("[az] " + second)
            assert rows.loc["QKU 1.1.2", "goal_title"] == "[az] Tədrisin keyfiyyətinin yüksəldilməsi"
            assert t("ti.legend", "en") in captions
        else:
            assert rows.loc["QKU 1.1.1", "title"] == written
            assert not rows.title.str.contains(r"\[az\]").any() and not rows.goal_title.str.contains(r"\[az\]").any()
            assert not any("[az]" in c for c in captions)
    # the goal filter names goals the same way
    opts = flt.options()
    plan = "qku_strategic_plan_2021_2025"
    assert opts.goals_of(plan, None, "en")[1] == "[az] Tədrisin keyfiyyətinin yüksəldilməsi"
    assert opts.goals_of(plan, None, "az")[1] == "Tədrisin keyfiyyətinin yüksəldilməsi"
    # the workbook's actions sheet
    for lang in ("en", "az"):
        wb = load_workbook(io.BytesIO(build_workbook(Filters(uni="QKU", lang=lang), ["deadlines"])))
        ws = wb[t("c.actions", lang)]
        header = [c.value for c in ws[1]]
        titles = [r[header.index(t("c.title", lang))] for r in ws.iter_rows(min_row=2, values_only=True)]
        assert len(titles) == 158
        if lang == "en":
            assert "Aligning curricula with international standards" in titles
            assert sum(x.startswith("[az] ") for x in titles) == 157
            assert t("ti.legend", "en") in [c.value for c in wb.worksheets[0]["A"]]
        else:
            assert written in titles and not any("[az]" in x for x in titles)


def test_plan_names_carry_the_marker_in_english_only(site) -> None:
    from analytics import filters as flt

    opts = flt.options()
    written = "Qərbi Kaspi Universiteti — Strateji plan 2021-2025"
    assert opts.plan_name("qku_strategic_plan_2021_2025", "en") == f"QKU — [az] {written}"
    assert opts.plan_name("qku_strategic_plan_2021_2025", "az") == f"QKU — {written}"
    en = flt.describe(Filters(plan="qku_strategic_plan_2021_2025", uni="QKU", lang="en"), opts)
    assert "Plan: QKU — [az] Qərbi Kaspi Universiteti — Strateji plan 2021-2025" in en


def test_the_syllabus_says_once_that_it_is_shown_as_written(site) -> None:
    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t

    for lang in ("en", "az"):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("screens/courses.py").run()
        assert not at.exception, [e.value for e in at.exception]
        shown = t("co.as_written", "en") in [c.value for c in at.caption]
        assert shown == (lang == "en")
