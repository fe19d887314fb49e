"""The reporting year on the real seed plans: indicators read from the NDU plan, a round opened and closed by
the office, units reporting with evidence through the one write door, refusals that write nothing, and the
computed state checked by hand."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import duckdb
import pytest

import access
from analytics import execution
from parse.errors import LoadError
from parse.indicators import read_target
from state import rounds, user_store

NDU_UNIT = "Beynəlxalq Əlaqələr Şöbəsi"
TARGETED = "NDU:2025:1/3-3.1"   # "İl ərzində 3 təhsil sənədində iştirak ..." (the plan's baseline column)
OTHER = "NDU:2025:1/1-1-5"      # "Təcrübədə iştirak edəcək olan tələbə sayı": no number
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# ------------------------------------------------------------------ indicators read from the plans
@pytest.mark.parametrize(("text", "expected"), [
    ("İl ərzində 3 təhsil sərgisində iştirak", (3.0, "count", "year", None)),
    ("tələbələrin 20 %-i", (20.0, "percent", None, None)),
    ("ən azı 5 məqalə", (5.0, "count", None, "at_least")),
    ("2 dəfə", (2.0, "times", None, None)),
    ("at least 10 papers per year", (10.0, "count", "year", "at_least")),
    ("не менее 5 публикаций в год", (5.0, "count", "year", "at_least")),
    ("Təqdim olunan layihələrin sayı:", None),     # NDU: a count with no number is no target
    ("2025-ci ildə keçiriləcək", None),             # a year is not a target
    ("Məqsəd - 1 hədəf 3-3.1", None),               # nor a reference
])
def test_targets_read_from_indicator_texts(text, expected) -> None:
    assert read_target(text) == expected


def test_ndu_indicators_baselines_and_evidence_are_kept_for_every_row(con) -> None:
    rows = con.execute("""
        SELECT a.action_key, a.indicator_quantitative, a.evidence, a.reporting, i.name, i.target_value, i.unit,
               i.period, i.source_column
        FROM actions a LEFT JOIN action_indicators i USING (action_key) WHERE a.institution = 'NDU'
        ORDER BY a.seq""").fetchall()
    assert len(rows) == 14  # the plan's 14 rows
    assert all(r[4] for r in rows)  # every row has its indicator as written
    assert all(r[2] for r in rows)  # and the evidence it expects ("İştirakçı siyahısı", "Müqavilələr" ...)
    assert {r[3] for r in rows} == {"İllik hesabat", "Yarımillik hesabat"}
    targeted = [r for r in rows if r[5] is not None]
    assert [(r[0], r[5], r[6], r[7], r[8]) for r in targeted] == [(TARGETED, 3.0, "count", "year", "baseline")]
    by_key = {r[0]: r for r in rows}
    assert by_key[OTHER][4] == "Təcrübədə iştirak edəcək olan tələbə sayı" and by_key[OTHER][5] is None  # missing
    assert con.execute("SELECT count(*) FROM action_indicators i JOIN actions a USING (action_key) "
                       "WHERE a.institution = 'QKU'").fetchone()[0] == 0  # the QKU plan writes no indicators


# ------------------------------------------------------------------ computed state, by hand
# target, unit, period, active years, round end, actual -> expected, state
HAND = [
    (3, "count", "year", (2025, 2025), dt.date(2025, 12, 31), 3, 3.0, "on_track"),
    (3, "count", "year", (2025, 2025), dt.date(2025, 6, 30), 1, 1.5, "at_risk"),       # 1 of 1.5 = 67 %
    (3, "count", "year", (2025, 2025), dt.date(2025, 6, 30), 1.5, 1.5, "on_track"),
    (10, "count", None, (2021, 2025), dt.date(2023, 12, 31), 6, 6.0, "on_track"),      # 3 of 5 years: 6
    (10, "count", None, (2021, 2025), dt.date(2023, 12, 31), 5.4, 6.0, "behind"),      # 90 %
    (10, "count", None, (2021, 2025), dt.date(2023, 12, 31), 5.0, 6.0, "at_risk"),     # 83 %
    (20, "percent", None, (2021, 2025), dt.date(2022, 12, 31), 19, 20.0, "on_track"),  # a level: 95 %
    (20, "percent", None, (2021, 2025), dt.date(2022, 12, 31), 17, 20.0, "behind"),    # 85 %
    (5, "count", None, (2021, 2025), dt.date(2020, 12, 31), 0, 0.0, "on_track"),       # nothing due yet
    (None, None, None, (2025, 2025), dt.date(2025, 12, 31), 4, None, "not_assessed"),  # no target: never 0
]


@pytest.mark.parametrize(("target", "unit", "period", "years", "end", "actual", "expected", "state"), HAND)
def test_computed_state_by_hand(target, unit, period, years, end, actual, expected, state) -> None:
    exp = execution.expected_value(target, unit, period, years[0], years[1], end)
    assert exp == (None if expected is None else pytest.approx(expected))
    assert execution.computed_state(actual, exp).state == state


def test_reported_done_with_a_low_indicator_is_flagged() -> None:
    c = execution.computed_state(1.2, 3.0)
    assert c.state == "at_risk" and execution.mismatch("done", c.share)
    assert not execution.mismatch("in_progress", c.share) and not execution.mismatch("done", None)


# ------------------------------------------------------------------ rounds through the write door
@pytest.fixture()
def people():
    office = access.User("Office", "office@ndu.edu.az", "university_editor", "NDU")
    unit = access.User("Unit", "bes@ndu.edu.az", "unit_editor", "NDU", NDU_UNIT)
    qku = access.User("QKU office", "office@qku.edu.az", "university_editor", "QKU")
    viewer = access.User("Viewer", "v@ndu.edu.az")
    return office, unit, qku, viewer


def _open(office) -> str:
    return access.open_round(office, "NDU", "2025, year", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                             dt.date(2026, 1, 15), grace_days=5)


def test_a_round_from_opening_to_closing(site, people) -> None:
    office, unit, qku, viewer = people
    with pytest.raises(access.Denied):
        access.open_round(unit, "NDU", "x", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1))
    with pytest.raises(access.Denied):
        access.open_round(qku, "NDU", "x", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1))
    rid = _open(office)
    with pytest.raises(ValueError, match="already open"):
        _open(office)
    day = dt.date(2026, 1, 10)
    access.record_update(unit, rid, TARGETED, status="in_progress", actual_value=2, comment="2 sərgi",
                         link="https://ndu.edu.az/xeber/1", day=day)
    access.record_update(unit, rid, OTHER, status="done", progress_pct=100, file_name="../../iştirakçılar.pdf",
                         file_data=PDF, day=day)
    for who in (viewer, qku):
        with pytest.raises(access.Denied):
            access.record_update(who, rid, TARGETED, status="done", day=day)
    with pytest.raises(access.Denied):  # a QKU action in an NDU round
        access.record_update(office, rid, "QKU:2021-2025:1.1.1", status="done", day=day)

    latest = rounds.latest([rid]).set_index("action_key")
    assert latest.at[TARGETED, "actual_value"] == 2 and latest.at[TARGETED, "evidence_url"].startswith("https://")
    sha = latest.at[OTHER, "evidence_sha256"]
    assert latest.at[OTHER, "evidence_name"] == "iştirakçılar.pdf"  # no folders from the name
    assert access.evidence_for(unit, sha, lambda inst: inst == "NDU")[2] == PDF
    with pytest.raises(access.Denied):  # another university's reader cannot fetch the file
        access.evidence_for(qku, sha, lambda inst: inst == "QKU")
    # the status history every page reads carries the round's statuses
    assert set(user_store.latest_status().action_key) >= {TARGETED, OTHER}

    late = dt.date(2026, 1, 21)  # due 15 January + 5 grace days
    with pytest.raises(access.Denied, match="strategy office"):
        access.record_update(unit, rid, TARGETED, actual_value=3, day=late)
    access.record_update(office, rid, TARGETED, actual_value=3, comment="late, by the office", day=late)
    assert bool(rounds.latest([rid]).set_index("action_key").at[TARGETED, "late"])

    with pytest.raises(access.Denied):
        access.close_round(unit, rid)
    assert access.close_round(office, rid) is True
    assert access.close_round(office, rid) is False
    with pytest.raises(access.Denied, match="read-only"):
        access.record_update(office, rid, TARGETED, status="done", day=late)
    history = rounds.updates([rid])
    assert len(history) == 3  # append-only: the first report of TARGETED is kept beside the office's
    actions = user_store.audit_log()["action"].tolist()
    assert actions.count("round_update") == 3 and "round_open" in actions and "round_close" in actions


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "says"), [
    ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    ("big.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "at most 10 MB"),
    ("bomb.docx", _zip_bomb(), "compression ratio"),
    ("empty.png", b"", "empty"),
])
def test_hostile_evidence_is_refused_naming_the_file_and_nothing_is_written(site, people, name, data, says) -> None:
    office, unit, _qku, _viewer = people
    rid = _open(office)
    before = (len(rounds.updates()), len(user_store.audit_log()))
    with pytest.raises(LoadError) as err:
        access.record_update(unit, rid, TARGETED, status="done", file_name=name, file_data=data,
                             day=dt.date(2026, 1, 2))
    assert name in str(err.value) and says in str(err.value)
    assert (len(rounds.updates()), len(user_store.audit_log())) == before
    path = user_store.user_db_path()
    with duckdb.connect(str(path), read_only=True) as c:
        assert c.execute("SELECT count(*) FROM evidence_files").fetchone()[0] == 0


def test_links_must_be_http(site, people) -> None:
    office, unit, _qku, _viewer = people
    rid = _open(office)
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ndu.edu.az"):
        with pytest.raises(ValueError, match="http"):
            access.record_update(unit, rid, TARGETED, link=bad, day=dt.date(2026, 1, 2))
    assert rounds.updates().empty


# ------------------------------------------------------------------ the pages, through AppTest
def test_rounds_and_updates_pages_show_the_round(site, people, monkeypatch) -> None:
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t

    office, unit, _qku, _viewer = people
    rid = _open(office)
    access.record_update(unit, rid, TARGETED, status="done", actual_value=1, comment="<b>bir</b> sərgi",
                         day=dt.date(2026, 1, 10))
    monkeypatch.setenv("STRATEGY_TODAY", "2026-01-10")
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "secret")
    app = str(Path(__file__).resolve().parent.parent / "app.py")
    for lang in ("az", "en"):
        at = AppTest.from_file(app, default_timeout=180)
        at.query_params["uni"] = "NDU"
        at.query_params["lang"] = lang
        at.session_state["_editor"] = "Aynur"
        at.run()
        at.switch_page("screens/rounds.py").run()
        assert not at.exception, [e.value for e in at.exception]
        figures = {m.label: m.value for m in at.metric}
        assert figures[t("ro.m.due", lang)] == "14" and figures[t("ro.m.reported", lang)] == "1"
        assert figures[t("ro.m.missing", lang)] == "13"
        assert figures[t("ro.m.mismatch", lang)] == "1"  # reported done, the indicator at 33 % of 3 a year
        reminder = at.code[0].value
        bes, deans = ("Beynəlxalq Əlaqələr Şöbəsi", "Dekanlıqlar") if lang == "az" else \
            ("International Relations Office", "Deans' offices")
        assert f"{bes}: 13" in reminder and f"{deans}: 1" in reminder  # in the page's language
        at.switch_page("screens/updates.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("2025, year" in s.value for s in at.subheader)
        texts = [x.value for x in at.text]
        assert "<b>bir</b> sərgi" in texts  # the unit's comment shown as written, never as HTML


def test_office_sets_the_thresholds_on_the_rounds_page(site, monkeypatch) -> None:
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from analytics.i18n import t
    from state import rounds as store
    from state import user_store

    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "secret")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=180)
    at.query_params["uni"] = "NDU"
    at.query_params["lang"] = "en"
    at.session_state["_editor"] = "Aynur"
    at.run()
    at.switch_page("screens/rounds.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(e.label.startswith("The computed state's rule: ≥ 95 % on track, ≥ 85 % behind") for e in at.expander)
    inputs = {n.label: n for n in at.number_input}
    inputs[t("ro.th_on", "en")].set_value(90)
    inputs[t("ro.th_behind", "en")].set_value(70)
    next(b for b in at.button if b.label == t("ro.th_save", "en")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert store.thresholds("NDU") == (0.9, 0.7)
    assert "thresholds" in user_store.audit_log(5, "NDU").action.tolist()
    inputs = {n.label: n for n in at.number_input}
    inputs[t("ro.th_on", "en")].set_value(50)
    inputs[t("ro.th_behind", "en")].set_value(60)  # behind above on track: refused, nothing written
    next(b for b in at.button if b.label == t("ro.th_save", "en")).click().run()
    assert store.thresholds("NDU") == (0.9, 0.7)
