"""The action page (issue 22, item 5): what the plan says about one action and every report since, with the
evidence open to the university's own people only. Seed facts: NDU:2025:1/3-3.1 ("İl ərzində 3 təhsil
sənədində iştirak ...") is led by the International Relations Office, overseen by the vice-rector for
international relations, its indicator "İştirak edilən sənədlərin sayı" with 3 a year read from the baseline."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import access
from analytics.i18n import t
from analytics.pages import action as action_view

KEY = "NDU:2025:1/3-3.1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APP = str(Path(__file__).resolve().parent.parent / "app.py")
OFFICE = access.User("Office", "office@ndu.edu.az", "university_editor", "NDU")
UNIT = access.User("Unit", "bes@ndu.edu.az", "unit_editor", "NDU", "Beynəlxalq Əlaqələr Şöbəsi")
QKU = access.User("QKU office", "office@qku.edu.az", "university_editor", "QKU")


def _report() -> str:
    rid = access.open_round(OFFICE, "NDU", "2025, year", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                            dt.date(2026, 1, 15), grace_days=5)
    access.record_status(OFFICE, [{"action_key": KEY, "status": "in_progress", "comment": "başlanıb",
                                   "as_of": "2025-06-01"}])
    access.record_update(UNIT, rid, KEY, status="done", actual_value=2, comment="=2 sərgi <b>x</b>",
                         file_name="iştirakçılar.pdf", file_data=PDF, day=dt.date(2026, 1, 10))
    return rid


def test_the_plan_facts_of_an_action(site) -> None:
    view = action_view.action(KEY, "en")
    facts = dict(view.facts)
    assert view.number == "NDU 1 / 3-3.1" and view.institution == "NDU"
    assert facts[t("c.lead_units", "en")] == "International Relations Office"
    assert facts[t("up.indicator", "en")] == "İştirak edilən sənədlərin sayı"  # as the plan wrote it
    assert facts[t("up.target", "en")] == "3 a year"
    assert facts[t("up.expected_evidence", "en")].startswith("Dəvət məktubları")
    assert action_view.action("NDU:2025:nope", "en") is None


def test_every_report_once_newest_and_evidence_rules(site) -> None:
    _report()
    view = action_view.action(KEY, "en")
    assert len(view.reports) == 2  # the status and the round report (its status row is not listed twice)
    lines = action_view.report_lines(view.reports, "en", str)
    assert "2025, year" in lines[1][0] and dict(lines[1][1])[t("act.actual", "en")] == "2"
    assert dict(lines[1][1])[t("c.comment", "en")] == "=2 sərgi <b>x</b>"  # shown as written
    assert dict(lines[0][1])[t("c.status", "en")] == "In progress"
    sha = view.reports.evidence_sha256.dropna().iloc[0]
    assert access.may_view_evidence(UNIT, "NDU") and not access.may_view_evidence(QKU, "NDU")
    assert not access.may_view_evidence(None, "NDU")
    name, kind, data = access.evidence_for(UNIT, sha, lambda inst: access.may_view_evidence(UNIT, inst))
    assert (name, kind, data) == ("iştirakçılar.pdf", "application/pdf", PDF)


def test_action_page_in_both_languages(site, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    _report()
    monkeypatch.setenv("STRATEGY_TODAY", "2026-01-10")
    for lang in ("az", "en"):
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("screens/action.py")
        at.query_params["action"] = KEY  # /action?action=KEY, as a link names it
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        texts = [x.value for x in at.text]
        assert any(x.startswith(t("up.target", lang)) for x in texts)
        assert t("c.comment", lang) + ": =2 sərgi <b>x</b>" in texts  # shown, never interpreted
        assert t("act.evidence_locked", lang, uni=("NDU — Nakhchivan State University" if lang == "en"
                                                   else "NDU — Naxçıvan Dövlət Universiteti")) in \
            [c.value for c in at.caption]  # an anonymous visitor: the file is not offered
        assert not at.get("download_button")
        at.session_state["_editor"] = "Aynur"  # the embedded mode's editor stands for an administrator
        monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "secret")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.get("download_button")) == 1
        monkeypatch.delenv("STRATEGY_EDITOR_PASSWORD")
