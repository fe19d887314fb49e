"""Plans of universities the reference does not know (scripts/make_new_originals.py: Azerbaijani, English and
Russian; Word, Excel, ruled and borderless PDF), read by the general reader and scored field by field against
their truth: titles, deadlines, years, lead and partner F1, vice-rectors. No file is refused; the university and
the period are proposed. Run with -s to see the table.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from rapidfuzz import fuzz

from parse import generic_plan
from parse.errors import LoadError
from parse.records import Plan
from scripts import harness
from scripts import make_new_originals as made

HAS_CHROMIUM = harness.chromium_path() is not None and not os.environ.get("ORIGINALS_NO_PDF")
TARGETS = {"titles": 98.0, "deadlines": 90.0, "years": 95.0, "lead F1": 0.95, "partner F1": 0.9,
           "vice-rectors": 90.0}


def _f1(pairs: list[tuple[list[str], list[str]]]) -> float:
    tp = sum(len(set(t) & set(r)) for t, r in pairs)
    fp = sum(len(set(r) - set(t)) for t, r in pairs)
    fn = sum(len(set(t) - set(r)) for t, r in pairs)
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def score(o: made.Original, plan: Plan | None) -> dict[str, float]:
    """Per field: % of true actions read right (F1 for units); a refused file scores 0."""
    if plan is None:
        return dict.fromkeys(TARGETS, 0.0)
    read = list(plan.actions)
    matched = []
    for t in o.actions:
        best = max(read, key=lambda a: fuzz.ratio(a.title, t.title), default=None)
        matched.append((t, best if best is not None and fuzz.ratio(best.title, t.title) >= 80 else None))
    n = len(o.actions)

    def pct(ok) -> float:
        return 100.0 * sum(bool(b) and ok(t, b) for t, b in matched) / n

    return {"titles": pct(lambda t, b: b.title == t.title),
            "deadlines": pct(lambda t, b: b.deadline.raw == t.deadline),
            "years": pct(lambda t, b: (b.deadline.start_year, b.deadline.end_year) == (t.start, t.end)),
            "lead F1": _f1([(t.lead, b.lead_units if b else []) for t, b in matched]),
            "partner F1": _f1([(t.partners, b.partner_units if b else []) for t, b in matched]),
            "vice-rectors": pct(lambda t, b: sorted(b.vice_rectors) == sorted(t.vice_rectors)),
            "extra actions": float(len(read) - sum(b is not None for _, b in matched))}


def differences(o: made.Original, plan: Plan) -> list[str]:
    out = []
    for t in o.actions:
        b = max(plan.actions, key=lambda a: fuzz.ratio(a.title, t.title))
        got = (b.title, b.deadline.raw, b.deadline.start_year, b.deadline.end_year, b.lead_units, b.partner_units,
               sorted(b.vice_rectors))
        want = (t.title, t.deadline, t.start, t.end, t.lead, t.partners, sorted(t.vice_rectors))
        out += [f"{t.title[:30]}: {w!r} != {g!r}" for w, g in zip(want, got, strict=True) if w != g]
    return out


def read(path: Path, ref) -> Plan | LoadError:
    try:
        plans = generic_plan.parse(path.read_bytes(), path.name, ref)
    except LoadError as exc:
        return exc
    assert len(plans) == 1
    return plans[0]


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, tuple[made.Original, Path]]:
    return made.make_all(tmp_path_factory.mktemp("new_originals"), pdf=HAS_CHROMIUM)


@pytest.fixture(scope="module")
def readings(originals, ref) -> dict[str, Plan | LoadError]:
    return {name: read(path, ref) for name, (_o, path) in originals.items()}


def test_score_table(originals, readings):
    """Printed for the report (pytest -s)."""
    fields = list(TARGETS) + ["extra actions"]
    lines = ["| original | university | period | " + " | ".join(fields) + " |", "|" + "---|" * (len(fields) + 3)]
    for name, (o, _p) in originals.items():
        plan = readings[name]
        if isinstance(plan, LoadError):
            lines.append(f"| {name} | refused: {plan.expected[:40]} | | " + " | ".join("0" for _ in fields) + " |")
            continue
        s = score(o, plan)
        lines.append(f"| {name} | {plan.institution} {plan.institution_name or ''} | {plan.period_start}-"
                     f"{plan.period_end} | " + " | ".join(f"{s[f]:.2f}" if "F1" in f else f"{s[f]:.0f}"
                                                           for f in fields) + " |")
    print("\n" + "\n".join(lines))
    for name, (o, _p) in originals.items():
        if not isinstance(readings[name], LoadError):
            for d in differences(o, readings[name])[:6]:
                print(f"  {name}: {d}")


def test_no_file_is_refused(readings):
    refused = {n: str(p) for n, p in readings.items() if isinstance(p, LoadError)}
    assert not refused


@pytest.mark.parametrize("name", [o.name for o, _w, _pdf in made.ORIGINALS])
def test_fields_reach_their_targets(name, originals, readings):
    if name not in originals:
        pytest.skip("the PDF originals are printed by Chromium (/usr/bin/chromium)")
    o, _p = originals[name]
    plan = readings[name]
    assert not isinstance(plan, LoadError), str(plan)
    s = score(o, plan)
    assert all(s[f] >= target for f, target in TARGETS.items()), (s, differences(o, plan))
    assert s["extra actions"] == 0, [a.title for a in plan.actions]


@pytest.mark.parametrize("name", [o.name for o, _w, _pdf in made.ORIGINALS])
def test_university_and_period_are_proposed(name, originals, readings):
    if name not in originals:
        pytest.skip("the PDF originals are printed by Chromium (/usr/bin/chromium)")
    o, _p = originals[name]
    plan = readings[name]
    assert not isinstance(plan, LoadError), str(plan)
    assert (plan.institution, plan.institution_name, plan.period_start, plan.period_end) == \
        (o.institution, o.institution_name, *o.period)
    assert plan.goals == o.goals


def test_preview_proposes_and_the_command_line_changes_university_and_period(site, originals, capsys):
    """The proposal is said in the preview; --university/--university-name/--period win, and the choice is
    remembered for the file, so every rebuild reads the plan the same way."""
    from analytics import db as data
    from plandb import importer
    from plandb.__main__ import main

    path = originals["gdu_2026.docx"][1]
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "plan gdu_plan_2026 (GDU 2026): 9 new" in out
    assert "university proposed: GDU (Gəncə Dövlət Universiteti, new)" in out
    assert "period proposed: 2026, the plan's own (it serves the strategy 2026-2030)" in out
    assert "partner unit(s) taken from the note: Ekologiya və Təbii Sərvətlər Nazirliyi" in out
    assert main(["import", str(path), "--university", "gnc", "--university-name", "Gəncə Universiteti",
                 "--period", "2026-2027"]) == 0
    assert "new university GNC (Gəncə Universiteti) will be added" in capsys.readouterr().out

    def rows() -> list[tuple]:
        data.close()
        con = duckdb.connect(str(site / "s.duckdb"), read_only=True)
        try:
            return con.execute("SELECT d.institution, d.period_start, d.period_end, i.name_az, count(*) "
                               "FROM documents d JOIN institutions i ON i.code = d.institution "
                               "JOIN actions a USING (document_id) WHERE d.institution = 'GNC' "
                               "GROUP BY ALL").fetchall()
        finally:
            con.close()

    assert rows() == [("GNC", 2026, 2027, "Gəncə Universiteti", 9)]
    importer.rebuild()
    assert rows() == [("GNC", 2026, 2027, "Gəncə Universiteti", 9)]
    assert main(["import", str(path), "--dry-run", "--period", "2030-2026"]) == 2
    assert "a period such as 2026 or 2026-2030" in capsys.readouterr().err


def test_a_url_parameter_never_becomes_a_link(built_db, monkeypatch):
    """?plan=Session expired. [Sign in](https://example.org/login): the text is shown as written, and neither the
    Markdown link nor the bare address (GFM autolinks 'https://…' after escapes are read) can link."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STRATEGY_DB", str(built_db))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=180)
    at.query_params["plan"] = "Session expired. [Sign in](https://example.org/login)"
    at.run()
    assert not at.exception
    [note] = [w.value for w in at.warning if "Session expired" in w.value]
    assert "https://" not in note and "https\u2060\\://example\\.org/login" in note
    assert "\\[Sign in\\]\\(" in note  # the brackets shown, not read as a link


def test_the_preview_lets_the_editor_change_university_and_period(site, originals, tmp_path, monkeypatch):
    """The Data page's inputs (ui/plan_choice.py) show the proposal; a change becomes the file's choice, which the
    next preview (and the import) reads the plan with; a period that cannot be one is refused with a sentence."""
    import pickle

    from streamlit.testing.v1 import AppTest

    from plandb import importer

    path = originals["gdu_2026.docx"][1]
    pv = importer.preview(path)
    (tmp_path / "pv.pkl").write_bytes(pickle.dumps(pv))
    monkeypatch.setenv("PC_PREVIEW", str(tmp_path / "pv.pkl"))
    monkeypatch.setenv("PC_DATA", str(path))

    def script():
        import os
        import pickle
        from pathlib import Path

        import streamlit as st

        from ui import plan_choice

        shown = pickle.loads(Path(os.environ["PC_PREVIEW"]).read_bytes())
        st.session_state["got"] = plan_choice.choice(shown, Path(os.environ["PC_DATA"]).read_bytes(), "en", "k")

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert [x.value for x in at.text_input] == ["GDU", "Gəncə Dövlət Universiteti", "2026"]
    assert at.session_state["got"] == {}
    at.text_input(key="k_pc_period").input("2026-2027").run()
    got = at.session_state["got"]
    assert (got["@university"], got["@university_name"], got["@period"]) == \
        ("GDU", "Gəncə Dövlət Universiteti", "2026-2027")
    again = importer.preview(path, roles={**(pv.roles or {}), **got})
    assert again.plans[0].identity == ("GDU", 2026, 2027)
    at.text_input(key="k_pc_period").input("2030-2026").run()
    assert at.session_state["got"] == {} and "Not accepted\\: a period such as 2026" in at.error[0].value


@pytest.mark.parametrize("lines, expected", [
    (["Gəncə Dövlət Universitetinin 2026-cı il üzrə FƏALİYYƏT PLANI"], ("GDU", "Gəncə Dövlət Universiteti", "name")),
    (["Jerash University Strategic Plan 2019-2022"], ("JU", "Jerash University", "initials")),
    (["Azərbaycan Texniki Universiteti (AzTU)"], ("AZTU", "Azərbaycan Texniki Universiteti", "name")),
    (["Гянджинского государственного университета"], ("GDU", "Gəncə Dövlət Universiteti", "name")),
    (["Şəki Regional Universitetinin 2026-cı il planı"], ("ŞRU".replace("Ş", "S"), "Şəki Regional Universiteti",
                                                            "initials")),
    (["Qərbi Kaspi Universitetinin strateji planı"], ("QKU", None, "name")),
    (["Plan (XYZ) 2026"], ("XYZ", None, "code")),
    (["2026-cı il üçün fəaliyyət planı"], ("", None, "none")),
])
def test_university_proposals(lines, expected, ref):
    from parse.university_guess import propose_university

    u = propose_university(lines, ref)
    assert (u.code, u.name, u.source) == expected


@pytest.mark.parametrize("lines, own, served", [
    (["Gəncə Dövlət Universitetinin 2026-cı il üzrə FƏALİYYƏT PLANI",
      "(2026-2030-cu illər üçün İnkişaf Strategiyasının icrası çərçivəsində)"], (2026, 2026), (2026, 2030)),
    (["Annual plan 2027 for the implementation of the 2026-2030 Strategy"], (2027, 2027), (2026, 2030)),
    (["План мероприятий на 2026 год по реализации Стратегии развития на 2026–2030 годы"], (2026, 2026),
     (2026, 2030)),
    (["Strateji plan 2021-2025"], (2021, 2025), None),
])
def test_the_plan_period_is_its_own(lines, own, served):
    from parse.university_guess import propose_period

    assert propose_period(lines) == (own, served)


@pytest.mark.parametrize("raw, shown, years, recurrence", [
    ("Hər rüb", "Hər rüb", (2026, 2028), "regular"),
    ("ежегодно", "ежегодно", (2026, 2028), "annual"),
    ("каждый семестр", "каждый семестр", (2026, 2028), "semester"),
    ("IV квартал 2027 г.", "IV квартал 2027 г.", (2027, 2027), "period"),
    ("в марте 2027 г.", "в марте 2027 г.", (2027, 2027), "once"),
    ("2026–2027-ci tədris ili, hər semestr", "2026–2027-ci tədris ili, hər semestr", (2026, 2027), "semester"),
    ("2026–2028 гг. 1", "2026–2028 гг.", (2026, 2028), "period"),
    ("Oktyabr– Noyabr 2027", "Oktyabr–Noyabr 2027", (2027, 2027), "period"),
    ("Sentyabr 15", "Sentyabr 15", (2028, 2028), "once"),  # a day, not a page number
])
def test_deadline_vocabulary(raw, shown, years, recurrence):
    from parse.deadlines import parse_deadline

    d = parse_deadline(raw, 2026, 2028)
    assert (d.raw, (d.start_year, d.end_year), d.recurrence) == (shown, years, recurrence)


@pytest.mark.parametrize("cell, lead, people", [
    ("Təbiət elmləri və kənd təsərrüfatı fakültəsi", ["Təbiət elmləri və kənd təsərrüfatı fakültəsi"], []),
    ("Maliyyə şöbəsi və Hüquq bölməsi", ["Maliyyə şöbəsi", "Hüquq bölməsi"], []),
    ("Tədris şöbəsi və Təbiət fakültəsi", ["Tədris Şöbəsi", "Təbiət fakültəsi"], []),
    ("Pedaqogika kafedrası (kaf. müd. dos. S. Quliyeva)", ["Pedaqogika kafedrası"], ["kaf. müd. dos. S. Quliyeva"]),
])
def test_unit_names_are_neither_cut_nor_glued(cell, lead, people, ref):
    from parse.normalise import action_from_cells
    from parse.records import Plan

    plan = Plan("generic_plan", "XYZ", "t", 2026, 2026)
    a = action_from_cells(plan, ref, "f", "row 1", goal_no=1, target_no=None, action_no=1, title="Bir tədbir",
                          deadline_raw="2026", responsible=cell, note=None, note_cues=True)
    assert (a.lead_units, a.people) == (lead, people)
