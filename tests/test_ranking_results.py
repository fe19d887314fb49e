"""Ranking results that mean what they say: places, bands and open bands ('601+') as recorded, any
ranking for any university, results drawn only on their own university's target row, the template
sheet read back, and the Rankings page and the Progress form through AppTest (real DuckDB files)."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook
from streamlit.testing.v1 import AppTest

from parse.errors import LoadError
from parse.ranking_results import FORMULA, format_rank, parse_rank, read_sheet
from reports.ranking_sheet import LIST_SHEET, RANKING_SHEET, write_sheet
from state import user_store
from state.ranking_results import apply_results

ROOT = Path(__file__).resolve().parent.parent
RANKINGS = ["arwu", "entrepreneurial", "qs_eeca", "qs_world", "the_impact", "the_world", "ui_greenmetric",
            "unirank_asia"]


@pytest.fixture()
def env(built_db, tmp_path, monkeypatch):
    """The seed plan database and a fresh user file of this test's own."""
    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    monkeypatch.setenv("STRATEGY_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.delenv("STRATEGY_EDITOR_PASSWORD", raising=False)
    return tmp_path


def record(institution: str, ranking: str, year: int, text: str, source: str | None = None) -> None:
    best, worst = parse_rank(text)
    user_store.record_ranking_result(institution, ranking, year, best, worst, source, "test",
                                     valid_rankings=RANKINGS)


def values(arr) -> list:
    """A plotly array as a list (plotly.js specs carry numeric arrays base64-encoded)."""
    if isinstance(arr, dict) and "bdata" in arr:
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=arr["dtype"]).tolist()
    return list(arr)


# ------------------------------------------------------------------ reading and writing a result
@pytest.mark.parametrize("text, expected", [
    ("628", (628, 628)),
    ("601+", (601, None)),
    ("601 +", (601, None)),
    ("1001-1500", (1001, 1500)),
    ("801-850", (801, 850)),
    ("801–850", (801, 850)),   # en dash, as the rankings print it
    ("801 — 850", (801, 850)),
    ("=45", (45, 45)),         # a shared place
    ("#45", (45, 45)),
    (" 1,001-1,200 ", (1001, 1200)),
    (45, (45, 45)),            # a number cell
])
def test_parse_rank(text, expected):
    assert parse_rank(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "601-", "+601", "850-801", "0", "6.5", "601st", "top 100", "1-2-3"])
def test_parse_rank_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="expected"):
        parse_rank(text)


@pytest.mark.parametrize("best, worst, shown", [
    (628, 628, "628"),
    (601, None, "601+"),
    (1001, 1500, "1001–1500"),
    (801, 850, "801–850"),
    (601, float("nan"), "601+"),
    (None, None, "—"),
])
def test_format_rank(best, worst, shown):
    assert format_rank(best, worst) == shown


def test_an_open_band_is_stored_open_and_read_back_as_recorded(env):
    record("QKU", "qs_world", 2024, "601+", "QS World University Rankings 2025")
    record("QKU", "qs_world", 2023, "628")
    record("QKU", "qs_eeca", 2023, "801–850")
    raw = user_store.read("SELECT year, rank_best, rank_worst IS NULL AS open, coalesce(rank_worst, 0) AS worst "
                          "FROM ranking_results")
    stored = {(int(y), int(b), None if is_open else int(w)) for y, b, is_open, w in raw.itertuples(index=False)}
    assert stored == {(2024, 601, None), (2023, 628, 628), (2023, 801, 850)}  # 601+ is not 601-601
    shown = {r.year: format_rank(r.rank_best, r.rank_worst) for r in user_store.ranking_results().itertuples()
             if r.ranking == "qs_world"}
    assert shown == {2023: "628", 2024: "601+"}


def test_recording_checks_the_result(env):
    with pytest.raises(ValueError, match="ranking must be one of"):
        user_store.record_ranking_result("QKU", "qs_wrld", 2024, 601, None, None, "test", valid_rankings=RANKINGS)
    with pytest.raises(ValueError, match="best ≤ worst"):
        user_store.record_ranking_result("QKU", "qs_world", 2024, 900, 850, None, "test")
    with pytest.raises(ValueError, match="open band"):
        user_store.record_ranking_result("QKU", "qs_world", 2024, None, 850, None, "test")
    with pytest.raises(ValueError, match="year"):
        user_store.record_ranking_result("QKU", "qs_world", 1066, 5, 5, None, "test")
    assert user_store.ranking_results().empty


# ------------------------------------------------------------------ matching results to targets
def test_a_result_for_a_ranking_the_plan_does_not_target_is_kept_and_drawn(env, con):
    from analytics.filters import Filters
    from analytics.pages import rankings as ranking_views

    targeted = set(con.execute("SELECT institution, ranking FROM v_ranking_targets").fetchall())
    assert ("NDU", "ui_greenmetric") not in targeted and ("QKU", "ui_greenmetric") in targeted
    assert not any(i == "MDU" for i, _ in targeted)
    record("NDU", "ui_greenmetric", 2023, "628", "greenmetric.ui.ac.id")
    record("NDU", "ui_greenmetric", 2024, "601+", "greenmetric.ui.ac.id")
    import access

    editor = access.password_editor("test")
    best, worst, src = ranking_views.check_result("MDU", "the_impact", 2024, "1001–1500", "THE", "az")
    access.record_ranking_result(editor, "MDU", "the_impact", 2024, best, worst, src)  # checked, written, audited
    message = ranking_views.saved_message("MDU", "the_impact", 2024, best, worst, "az")
    assert (best, worst) == (1001, 1500) and "ayrıca" in message  # says where the result is drawn
    assert ranking_views.check_result("MDU", "the_impact", 2024, "1001-1500", "THE", "az")[0] == "info"
    assert ranking_views.check_result("MDU", "the_impact", 2024, "about 600", None, "az")[0] == "error"
    assert user_store.audit_log()["action"].tolist().count("ranking_result") == 1  # one audit with the write
    viewer = access.User("v", "v@x.az")
    with pytest.raises(access.Denied):
        access.record_ranking_result(viewer, "MDU", "the_impact", 2023, 900, None, None)
    assert len(user_store.ranking_results()) == 3

    specs = {s.key: s for s in ranking_views.ranking_specs(Filters(), None)}
    fig = specs["rankings-results-by-year"].figure
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # place 1 at the top: lower is better
    series = {tr.name.replace("<br>", " "): tr for tr in fig.data if tr.showlegend is not False}
    ndu = series["NDU · UI GreenMetric World University Rankings"]
    assert list(ndu.text) == ["628", "601+"] and list(ndu.y) == [628, 601]
    assert list(series["MDU · THE Impact Rankings"].error_y.array) == [499]  # the band as a vertical range
    dotted = [tr for tr in fig.data if getattr(tr, "mode", None) == "lines" and tr.line.dash == "dot"]
    assert dotted and max(v for v in dotted[0].y if v is not None) == fig.layout.yaxis.range[0]  # 601+ to the end
    rows = specs["rankings-results-by-year"].rows
    assert "601+" in rows.iloc[:, 3].tolist() and "601" not in rows.iloc[:, 3].tolist()


def test_a_result_is_drawn_only_on_its_own_universitys_target_row(env):
    from analytics.filters import Filters
    from analytics.pages import rankings as ranking_views

    record("QKU", "qs_world", 2024, "628")
    record("NDU", "ui_greenmetric", 2024, "301-400")   # QKU targets GreenMetric 200-300; NDU does not
    record("NDU", "qs_world", 2023, "801-1000")         # NDU names QS without a place
    specs = {s.key: s for s in ranking_views.ranking_specs(Filters(), None)}
    from reports.images import as_rows

    # on the page each row's label stands over its band (numbered rows); the slide's layout names the rows
    fig = as_rows(specs["rankings-bands"].figure)
    points = [(x, y) for tr in fig.data if getattr(tr, "mode", None) == "markers+text"
              for x, y in zip(tr.x, tr.y, strict=True)]
    assert points == [(628, "<b>QKU</b> · QS World University Rankings")]
    assert all(y.startswith("<b>QKU</b>") for tr in fig.data for y in tr.y if y)
    loose = specs["rankings-results-by-year"].figure
    assert {tr.name for tr in loose.data if tr.showlegend is not False} == {
        "NDU · UI GreenMetric World University Rankings", "NDU · QS World University Rankings"}
    # one university in scope: the other's results are in no chart and no table
    only_qku = ranking_views.ranking_specs(Filters(plan="QKU"), "QKU")
    assert [s.key for s in only_qku] == ["rankings-bands"]
    assert "NDU" not in " ".join(only_qku[0].rows.astype(str).stack())


# ------------------------------------------------------------------ the template sheet
def user_workbook() -> Workbook:
    wb = Workbook()
    write_sheet(wb, RANKINGS, ["MDU", "NDU", "QKU"],
                [{"institution": "QKU", "ranking": "qs_world", "year": 2023, "rank_best": 628, "rank_worst": 628,
                  "source": "QS 2024"}])
    ws = wb[RANKING_SHEET[0]]
    # what an editor types under the exported row: text, a number cell, an en dash, a gap, no source
    for r, row in ((3, ["NDU", "ui_greenmetric", 2024, "601+", "https://greenmetric.ui.ac.id"]),
                   (4, ["QKU", "qs_world", 2024, 601, None]),
                   (6, ["MDU", "the_impact", "2025", "1001–1500", " "])):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    return wb


def reopen(wb: Workbook):
    """Saved and opened the way the importer opens an upload: read-only, cached values only."""
    out = io.BytesIO()
    wb.save(out)
    return load_workbook(io.BytesIO(out.getvalue()), read_only=True, data_only=True)


def test_the_template_sheet(env):
    wb = user_workbook()
    ws = wb[RANKING_SHEET[0]]
    assert [c.value for c in ws[1]] == RANKING_SHEET[1] and all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws["D2"].value == "628" and ws["D2"].data_type == "s"
    lists = {str(dv.sqref)[0]: dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert set(lists) == {"A", "B"} and all(dv.errorStyle == "warning" for dv in lists.values())
    assert wb[LIST_SHEET].sheet_state == "hidden"


def test_read_sheet_as_a_user_fills_it_and_apply_once(env):
    rows = read_sheet(reopen(user_workbook()), "ranks.xlsx", valid_rankings=RANKINGS)
    assert [(r["row"], r["institution"], r["ranking"], r["year"], r["rank_best"], r["rank_worst"], r["source"])
            for r in rows] == [
        (2, "QKU", "qs_world", 2023, 628, 628, "QS 2024"),
        (3, "NDU", "ui_greenmetric", 2024, 601, None, "https://greenmetric.ui.ac.id"),
        (4, "QKU", "qs_world", 2024, 601, 601, None),
        (6, "MDU", "the_impact", 2025, 1001, 1500, None),
    ]
    assert apply_results(rows, "importer", RANKINGS) == 4
    assert apply_results(rows, "importer", RANKINGS) == 0  # the same workbook again records nothing
    stored = user_store.ranking_results()
    assert format_rank(*stored[stored.institution == "NDU"][["rank_best", "rank_worst"]].iloc[0]) == "601+"
    with pytest.raises(ValueError, match="row 9: ranking must be one of"):
        apply_results([{**rows[0], "row": 9, "ranking": "qs"}], "importer", RANKINGS)


def test_a_workbook_without_the_sheet_has_no_results(env):
    assert read_sheet(reopen(Workbook()), "plan.xlsx") == []


@pytest.mark.parametrize("cell, value, column, expected, found", [
    ("D3", "about 600", "result", "a place such as 628", "about 600"),
    ("D3", "=600+1", "result", "a value", FORMULA),
    ("C3", None, "year", "the year of the ranking edition", "an empty cell"),
    ("C3", 24, "year", "a year between 1990", "24"),
    ("B3", "qs", "ranking", "one of arwu", "qs"),
])
def test_read_sheet_names_the_row_and_column(env, cell, value, column, expected, found):
    wb = user_workbook()
    wb[RANKING_SHEET[0]][cell] = value
    with pytest.raises(LoadError) as err:
        read_sheet(reopen(wb), "ranks.xlsx", valid_rankings=RANKINGS)
    assert err.value.file == "ranks.xlsx"
    assert err.value.where == f"sheet 'ranking_results', row 3, column {column}"
    assert err.value.expected.startswith(expected) and err.value.found == found


def test_a_missing_column_is_reported_on_the_header_row(env):
    wb = Workbook()
    wb.create_sheet("ranking_results").append(["institution", "ranking", "year"])
    with pytest.raises(LoadError, match="row 1"):
        read_sheet(reopen(wb), "ranks.xlsx")


# ------------------------------------------------------------------ the pages
def rankings_page(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("screens/rankings.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cells(at: AppTest) -> list[str]:
    return [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]


@pytest.mark.parametrize("lang", ["az", "en"])
def test_rankings_page_renders_results_as_recorded(env, lang):
    record("QKU", "qs_world", 2024, "601+", "QS 2025")
    record("QKU", "ui_greenmetric", 2023, "245")
    record("NDU", "ui_greenmetric", 2024, "1001–1500")
    at = rankings_page(**({"lang": "en"} if lang == "en" else {}))
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 2
    for spec in specs:
        layout = spec["layout"]
        assert layout["title"]["text"] and layout["xaxis"]["title"]["text"]
    bands = next(s for s in specs if any(tr.get("mode") == "markers+text" for tr in s["data"]))
    result = next(tr for tr in bands["data"] if tr.get("mode") == "markers+text")
    # numbered rows, each labelled by a note over its band
    row_label = {round(a["y"]): a["text"] for a in bands["layout"]["annotations"] if a.get("yanchor") == "bottom"}
    assert {(x, row_label[round(y)]) for x, y in zip(values(result["x"]), values(result["y"]), strict=True)} == {
        (601, "<b>QKU</b> · QS World University Rankings"),
        (245, "<b>QKU</b> · UI GreenMetric World University Rankings")}
    shown = cells(at)
    assert "601+" in shown and "1001–1500" in shown
    assert not {"None", "nan", "<NA>", "NaT"} & set(shown)
    unis = "QKU — Western Caspian University" if lang == "en" else "QKU — Qərbi Kaspi Universiteti"
    assert unis in shown


def test_rankings_page_follows_the_university_filter(env):
    record("QKU", "qs_world", 2024, "601+")
    record("NDU", "ui_greenmetric", 2024, "1001–1500")
    at = rankings_page(plan="QKU")
    shown = " ".join(cells(at))
    assert "601+" in shown and "NDU" not in shown
    assert len(at.get("plotly_chart")) == 1  # NDU's result without a target is not QKU's


def test_progress_form_records_any_ranking_for_any_university(env, monkeypatch):
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["_editor"] = "Aynur"
    at.run()
    at.switch_page("screens/progress.py").run()
    assert not at.exception, [e.value for e in at.exception]
    uni = next(s for s in at.main.selectbox if s.label == "Universitet")
    ranking = next(s for s in at.main.selectbox if s.label == "Reytinq")
    assert {"QKU — Qərbi Kaspi Universiteti", "MDU — Mingəçevir Dövlət Universiteti"} <= set(uni.options)
    assert len(ranking.options) == len(RANKINGS)  # every ranking, not only the targeted ones
    uni.set_value("MDU")
    ranking.set_value("ui_greenmetric")
    next(n for n in at.main.number_input if n.label == "İl").set_value(2024)
    next(x for x in at.main.text_input if x.label.startswith("Nəticə")).input("601+")
    next(x for x in at.main.text_input if x.label == "Mənbə").input("greenmetric.ui.ac.id")
    submit = next(b for b in at.main.button if b.proto.form_id == "ranking_result")
    at = submit.click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    stored = user_store.ranking_results()
    assert [(r.institution, r.ranking, r.year, format_rank(r.rank_best, r.rank_worst)) for r in stored.itertuples()] \
        == [("MDU", "ui_greenmetric", 2024, "601+")]
    next(x for x in at.main.text_input if x.label.startswith("Nəticə")).input("about 600")
    at = next(b for b in at.main.button if b.proto.form_id == "ranking_result").click().run()
    assert any("about 600" in e.value for e in at.error)
    assert len(user_store.ranking_results()) == 1


# ------------------------------------------------------------------ exports
def test_exports_carry_both_ranking_charts(env):
    from analytics.filters import Filters
    from reports.packs import sections
    from reports.workbook import build_workbook

    record("QKU", "qs_world", 2024, "601+")
    record("MDU", "the_impact", 2024, "1001–1500")
    charts = sections(Filters(), ["rankings"], for_deck=False)[0].charts
    assert [c.key for c in charts] == ["rankings-bands", "rankings-results-by-year"]
    assert all(c.headline for c in charts)
    wb = load_workbook(io.BytesIO(build_workbook(Filters(), ["rankings"])))
    # each chart has a sheet of its own, named in full (not a title cut at 31 characters)
    assert {"Reytinq hədəfləri", "Reytinq nəticələri"} <= set(wb.sheetnames)
