"""People, not a password: roles, the permission checks of loaders/access.py and the writes they guard.

Real seed database (conftest `built_db`), real DuckDB user store in a temporary folder, the real
importer; the screens are run with Streamlit's AppTest in the identity-provider mode (an [auth]
section in the secrets, st.user as the identity token gives it). The sign-in itself through a
browser and an OpenID Connect provider is tests/test_auth_browser.py.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import access
from access import User
from analytics.i18n import t
from plandb import importer
from state import unit_review, user_store

ROOT = Path(__file__).resolve().parent.parent
QA = "Keyfiyyətin Təminatı Mərkəzi"          # a QKU unit that leads 30 actions
INTL = "Beynəlxalq Əlaqələr Şöbəsi"         # a unit name that leads actions at QKU and at NDU
BOSS = User("Boss", "boss@ministry.az", "admin", source="settings")


def lead_keys(db: Path, institution: str, unit: str | None = None) -> set[str]:
    """The truth from the plan database: actions of a university (led by a unit)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        if unit is None:
            return {r[0] for r in con.execute("SELECT action_key FROM actions WHERE institution = ?",
                                              [institution]).fetchall()}
        return {r[0] for r in con.execute("""
            SELECT a.action_key FROM actions a JOIN action_units u USING (action_key)
            WHERE a.institution = ? AND u.unit_name = ? AND u.role = 'lead'""", [institution, unit]).fetchall()}
    finally:
        con.close()


def all_keys(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT action_key FROM actions").fetchall()}
    finally:
        con.close()


@pytest.fixture()
def store(tmp_path) -> Path:
    return tmp_path / "user.duckdb"


@pytest.fixture()
def people(store) -> dict[str, User]:
    """One person per role, roles stored in the user store by an administrator, read back by e-mail."""
    access.set_role(BOSS, "rena@qku.edu.az", "unit_editor", "Rena Əliyeva", "QKU", QA, path=store)
    access.set_role(BOSS, "intl@qku.edu.az", "unit_editor", "Intl QKU", "QKU", INTL, path=store)
    access.set_role(BOSS, "uni@qku.edu.az", "university_editor", "Aysel QKU", "QKU", path=store)
    access.set_role(BOSS, "uni@mdu.edu.az", "university_editor", "Murad MDU", "MDU", path=store)
    access.set_role(BOSS, "viewer@qku.edu.az", "viewer", "Vera", path=store)
    found = {e: access.resolve(n, e, admins={"boss@ministry.az"}, path=store) for e, n in [
        ("rena@qku.edu.az", "Rena Əliyeva"), ("intl@qku.edu.az", "Intl QKU"), ("uni@qku.edu.az", "Aysel QKU"),
        ("uni@mdu.edu.az", "Murad MDU"), ("viewer@qku.edu.az", "Vera"), ("someone@else.az", "Someone"),
        ("boss@ministry.az", "Boss")]}
    return {"unit": found["rena@qku.edu.az"], "intl": found["intl@qku.edu.az"], "uni": found["uni@qku.edu.az"],
            "mdu": found["uni@mdu.edu.az"], "viewer": found["viewer@qku.edu.az"], "nobody": found["someone@else.az"],
            "admin": found["boss@ministry.az"]}


# ------------------------------------------------------------------ who is who
def test_roles_come_from_the_store_and_the_first_admins_from_the_settings(people, store, monkeypatch):
    assert people["unit"] == User("Rena Əliyeva", "rena@qku.edu.az", "unit_editor", "QKU", QA)
    assert people["uni"].role == "university_editor" and people["uni"].institution == "QKU"
    assert people["viewer"].role == "viewer" and people["nobody"].role == "viewer"
    assert people["admin"].role == "admin" and people["admin"].source == "settings"
    assert people["unit"].label == "Rena Əliyeva <rena@qku.edu.az>"  # what recorded_by holds
    # e-mail case does not matter; an address the provider did not verify gets no role
    assert access.resolve("Rena", "RENA@QKU.EDU.AZ", path=store).role == "unit_editor"
    assert access.resolve("Rena", "rena@qku.edu.az", email_verified=False, path=store).role == "viewer"
    # the settings: STRATEGY_ADMINS and the secrets' list
    monkeypatch.setenv("STRATEGY_ADMINS", "A@x.az, b@y.az")
    assert access.settings_admins(["c@z.az"]) == {"a@x.az", "b@y.az", "c@z.az"}
    monkeypatch.delenv("STRATEGY_ADMINS")
    assert access.settings_admins("d@x.az,e@y.az") == {"d@x.az", "e@y.az"}
    assert access.password_editor("Aynur").role == "admin"  # the embedded mode: one editor, as before


def test_view_mode_is_open_by_default_and_closes_on_unknown_values(monkeypatch):
    monkeypatch.delenv("STRATEGY_VIEW", raising=False)
    assert access.view_mode() == "open" and access.view_mode("signed_in") == "signed_in"
    monkeypatch.setenv("STRATEGY_VIEW", "signed-in")
    assert access.view_mode("open") == "signed_in"  # the environment wins
    monkeypatch.setenv("STRATEGY_VIEW", "publik")
    assert access.view_mode() == "signed_in"  # a typo never opens the dashboard


# ------------------------------------------------------------------ status: which actions
def test_unit_editor_writes_only_actions_its_unit_leads(people, built_db):
    unit = people["unit"]
    mine = lead_keys(built_db, "QKU", QA)
    assert len(mine) == 30
    assert access.writable_actions(unit, all_keys(built_db), built_db) == mine
    assert access.can_write_status(unit, "QKU:2021-2025:1.1.5", built_db)        # led by the QA centre
    assert not access.can_write_status(unit, "QKU:2021-2025:1.1.6", built_db)    # led by Tədris Şöbəsi only
    assert not any(access.can_write_status(unit, k, built_db) for k in lead_keys(built_db, "NDU"))
    # the same unit name at another university is another unit
    intl = people["intl"]
    ndu_intl = lead_keys(built_db, "NDU", INTL)
    assert ndu_intl and not access.writable_actions(intl, ndu_intl, built_db)
    assert access.writable_actions(intl, all_keys(built_db), built_db) == lead_keys(built_db, "QKU", INTL)
    assert not access.can_write_status(unit, "QKU:no-such-action", built_db)


def test_university_editor_admin_and_viewer_on_statuses(people, built_db):
    every = all_keys(built_db)
    assert access.writable_actions(people["uni"], every, built_db) == lead_keys(built_db, "QKU")
    assert access.writable_actions(people["mdu"], every, built_db) == lead_keys(built_db, "MDU")
    assert access.writable_actions(people["admin"], every, built_db) == every
    for nobody in (people["viewer"], people["nobody"], None):
        assert access.writable_actions(nobody, every, built_db) == set()
        assert not access.can_write_status(nobody, "QKU:2021-2025:1.1.5", built_db)


def test_a_unit_editor_cannot_record_another_units_status(people, store, built_db):
    unit = people["unit"]
    with pytest.raises(access.Denied, match="QKU:2021-2025:1.1.6"):
        access.record_status(unit, [{"action_key": "QKU:2021-2025:1.1.5", "status": "done"},
                                    {"action_key": "QKU:2021-2025:1.1.6", "status": "done"}], store, built_db)
    assert user_store.latest_status(store).empty  # one refused row: nothing of the batch is written
    with pytest.raises(access.Denied):
        access.record_status(people["viewer"], [{"action_key": "QKU:2021-2025:1.1.5", "status": "done"}],
                             store, built_db)
    n = access.record_status(unit, [{"action_key": "QKU:2021-2025:1.1.5", "status": "in_progress",
                                     "progress_pct": 40, "evidence_url": "https://qku.edu.az/report.pdf"}],
                             store, built_db)
    assert n == 1
    row = user_store.latest_status(store).iloc[0]
    assert (row.action_key, row.status, row.recorded_by) == ("QKU:2021-2025:1.1.5", "in_progress",
                                                             "Rena Əliyeva <rena@qku.edu.az>")
    log = access.changes([access.STATUS], path=store)
    assert len(log) == 1
    entry = log.iloc[0]
    assert (entry.who_name, entry.who_email, entry.institution) == ("Rena Əliyeva", "rena@qku.edu.az", "QKU")
    assert json.loads(entry.detail)["actions"][0]["evidence_url"] == "https://qku.edu.az/report.pdf"


def test_an_admin_records_for_several_universities_one_audit_entry_each(people, store, built_db):
    ndu_key = sorted(lead_keys(built_db, "NDU"))[0]
    access.record_status(people["admin"], [{"action_key": "QKU:2021-2025:1.1.6", "status": "done"},
                                           {"action_key": ndu_key, "status": "at_risk"}], store, built_db)
    log = access.changes([access.STATUS], path=store)
    assert sorted(log.institution) == ["NDU", "QKU"]
    assert set(log.who_email) == {"boss@ministry.az"}
    assert list(access.changes([access.STATUS], "NDU", path=store).institution) == ["NDU"]


# ------------------------------------------------------------------ imports, reviews, rankings
def test_checks_per_role_for_imports_reviews_and_rankings(people):
    for check in (access.can_import, access.can_review_units, access.can_record_ranking):
        assert check(people["uni"], "QKU") and not check(people["uni"], "NDU")
        assert check(people["mdu"], "MDU") and not check(people["mdu"], "QKU")
        assert not check(people["uni"], None)          # a compendium or a syllabus: administrators only
        assert check(people["admin"], "NDU") and check(people["admin"], None)
        for nobody in (people["unit"], people["viewer"], people["nobody"], None):
            assert not check(nobody, "QKU")
    assert access.is_admin(people["admin"]) and not any(
        access.is_admin(people[k]) for k in ("unit", "uni", "viewer", "nobody"))


def test_the_universities_of_an_import_are_those_of_its_content(built_db):
    pv = importer.Preview(file="x.xlsx", kind="xlsx_template", sha256="0" * 64,
                          plans=[importer.PlanChange("p", ("QKU", 2026, 2026), new=["QKU:2026:1.1.1"])],
                          statuses_new=[{"action_key": "QKU:2026:1.1.1"},
                                        {"action_key": sorted(lead_keys(built_db, "NDU"))[0]}],
                          rankings_new=[{"institution": "MDU"}])
    assert access.import_institutions(pv, built_db) == {"QKU", "NDU", "MDU"}
    uni = User("Aysel", "uni@qku.edu.az", "university_editor", "QKU")
    assert access.import_refusal(uni, pv, built_db) == ["MDU", "NDU"]
    compendium = importer.Preview(file="c.txt", kind="cbhe", sha256="1" * 64, other="CBHE compendium: 3 projects")
    assert access.import_institutions(compendium, built_db) == {None}


def changed_mdu_plan(folder: Path) -> Path:
    """The bundled MDU plan with one action reworded: an import that changes MDU only."""
    text = (ROOT / "data/raw/mdu_veterans_centre_plan_2025.txt").read_text(encoding="utf-8")
    new = text.replace("təlimlərinin təşkil \nedilməsi", "təlimlərinin və seminarlarının təşkil \nedilməsi", 1)
    assert new != text
    path = folder / "mdu_plan_2025_v2.txt"
    path.write_text(new, encoding="utf-8")
    return path


@pytest.fixture()
def installation(tmp_path, built_db, monkeypatch):
    """A private installation: a copy of the seed database, an imports folder, a user store."""
    db = tmp_path / "s.duckdb"
    shutil.copy(built_db, db)
    monkeypatch.setenv("STRATEGY_DB", str(db))
    monkeypatch.setenv("STRATEGY_IMPORTS", str(tmp_path / "imported"))
    monkeypatch.setenv("STRATEGY_USER_DB", str(tmp_path / "user.duckdb"))
    monkeypatch.delenv("STRATEGY_EDITOR_PASSWORD", raising=False)
    monkeypatch.setenv("STRATEGY_ADMINS", "boss@ministry.az")
    yield db
    from analytics import db as data

    data.close()


def test_a_university_editor_cannot_import_into_another_university(installation, tmp_path):
    db = installation
    qku = User("Aysel QKU", "uni@qku.edu.az", "university_editor", "QKU")
    mdu = User("Murad MDU", "uni@mdu.edu.az", "university_editor", "MDU")
    path = changed_mdu_plan(tmp_path)
    pv = importer.preview(path)
    assert [p.identity[0] for p in pv.plans] == ["MDU"] and pv.has_changes
    assert access.import_refusal(qku, pv) == ["MDU"] and access.import_refusal(mdu, pv) == []
    before = db.read_bytes()
    with pytest.raises(access.Denied, match="MDU"):
        access.apply_import(qku, path)
    assert db.read_bytes() == before and importer.history().empty  # nothing imported, nothing logged
    with pytest.raises(access.Denied):
        access.apply_import(User("Rena", "rena@qku.edu.az", "unit_editor", "QKU", QA), path)
    result = access.apply_import(mdu, path)
    assert result.applied
    log = importer.history()
    assert list(log.imported_by) == ["Murad MDU <uni@mdu.edu.az>"]
    entry = access.changes([access.IMPORT]).iloc[0]
    assert (entry.who_email, entry.institution) == ("uni@mdu.edu.az", "MDU")
    assert json.loads(entry.detail)["import_id"] == result.import_id
    # undoing it is MDU's (or an administrator's) too
    assert access.last_import() == (result.import_id, {"MDU"})
    assert not access.can_undo_import(qku) and access.can_undo_import(mdu)
    with pytest.raises(access.Denied):
        access.undo_last_import(qku)
    assert access.undo_last_import(mdu) == result.import_id
    assert list(access.changes([access.UNDO_IMPORT]).who_email) == ["uni@mdu.edu.az"]


def test_unit_review_is_for_the_university_of_the_name(installation):
    qku = User("Aysel QKU", "uni@qku.edu.az", "university_editor", "QKU")
    with pytest.raises(access.Denied):
        access.merge_unit(qku, "Yeni Mərkəz", "Tədris Şöbəsi", ["NDU"])
    with pytest.raises(access.Denied):
        access.accept_unit(qku, "Yeni Mərkəz", "New Centre", "centre", ["QKU", "NDU"])  # found in both
    assert unit_review.history().empty
    decision = access.accept_unit(qku, "Yeni Mərkəz", "New Centre", "centre", ["QKU"])
    assert access.decision_institution(decision) == "QKU"
    assert list(unit_review.history().decided_by) == ["Aysel QKU <uni@qku.edu.az>"]
    with pytest.raises(access.Denied):
        access.undo_unit_decision(User("Murad MDU", "uni@mdu.edu.az", "university_editor", "MDU"), decision)
    assert access.undo_unit_decision(qku, decision)
    assert [a for a in access.changes().action] == [access.UNIT_UNDO, access.UNIT_ACCEPT]


# ------------------------------------------------------------------ roles themselves
def test_only_admins_manage_roles_and_never_their_own(people, store):
    with pytest.raises(access.Denied):
        access.set_role(people["uni"], "x@qku.edu.az", "university_editor", institution="QKU", path=store)
    with pytest.raises(access.Denied):
        access.set_role(people["admin"], "BOSS@ministry.az", "viewer", path=store)
    with pytest.raises(ValueError):
        access.set_role(people["admin"], "x@qku.edu.az", "unit_editor", institution="QKU", path=store)  # no unit
    assert access.remove_role(people["admin"], "rena@qku.edu.az", path=store)
    assert access.resolve("Rena", "rena@qku.edu.az", path=store).role == "viewer"
    log = access.changes([access.ROLE_SET, access.ROLE_REMOVE], path=store)
    assert log.action.iloc[0] == access.ROLE_REMOVE and len(log) == 6
    assert set(log.who_email) == {"boss@ministry.az"}


# ------------------------------------------------------------------ the screens, identity-provider mode
OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "t" * 32, "client_id": "dashboard",
        "client_secret": "secret", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def screen(path: str | None, email: str | None = None, name: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["auth"] = OIDC
    at.user = {"is_logged_in": True, "email": email, "name": name} if email else {"is_logged_in": False}
    at.run()
    if path:
        at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture()
def roles(installation):
    access.set_role(BOSS, "rena@qku.edu.az", "unit_editor", "Rena", "QKU", QA)
    access.set_role(BOSS, "uni@qku.edu.az", "university_editor", "Aysel", "QKU")
    return installation


def keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


def test_screens_show_each_role_its_controls(roles):
    # anonymous: a sign-in button, no editor
    at = screen("screens/progress.py")
    assert "oidc_login_progress" in keys(at) and "save_status" not in keys(at)
    # signed in without a role: a viewer
    at = screen("screens/progress.py", "vera@qku.edu.az", "Vera")
    assert "save_status" not in keys(at)
    assert any("rol üçün administratora" in c.value for c in at.caption)
    # unit editor: the editor holds its unit's 30 actions; no ranking form
    at = screen("screens/progress.py", "rena@qku.edu.az", "Rena")
    assert "save_status" in keys(at)
    assert any("183 fəaliyyətdən 30 fəaliyyətin" in c.value for c in at.caption)
    assert not any("ranking_result" in b.id for b in at.button)
    # university editor: its university's actions and the ranking form for its university only
    at = screen("screens/progress.py", "uni@qku.edu.az", "Aysel")
    assert any("183 fəaliyyətdən 158 fəaliyyətin" in c.value for c in at.caption)
    uni = next(s for s in at.main.selectbox if s.label == "Universitet")
    assert [o.split(" — ")[0] for o in uni.options] == ["QKU"]
    # the data page: the upload is open to the university editor, closed to the unit editor
    assert screen("screens/data.py", "uni@qku.edu.az", "Aysel").get("file_uploader")[0].proto.disabled is False
    at = screen("screens/data.py", "rena@qku.edu.az", "Rena")
    assert at.get("file_uploader")[0].proto.disabled is True
    assert any("universitet redaktorları və administratorlar" in c.value for c in at.caption)
    # the unit review is a university editor's (the guard on each name: test_unit_review_is_for_the_...)
    locked = t("ur.need_editor", "az")
    assert not any(i.value == locked for i in screen("screens/units.py", "uni@qku.edu.az", "Aysel").info)
    assert any(i.value == locked for i in screen("screens/units.py", "rena@qku.edu.az", "Rena").info)


def test_admin_page_only_for_admins(roles):
    with pytest.raises(ValueError, match="admin.py"):  # not even registered for anybody else
        screen("screens/admin.py", "uni@qku.edu.az", "Aysel")
    with pytest.raises(ValueError, match="admin.py"):
        screen("screens/admin.py")
    at = screen("screens/admin.py", "boss@ministry.az", "Boss")
    assert at.title[0].value == "İdarəetmə"
    shown = " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())
    assert "rena@qku.edu.az" in shown and "Keyfiyyətin Təminatı Mərkəzi" in shown
    # give a role on the page
    at.text_input(key="ad_email").input("new@mdu.edu.az")
    at.text_input(key="ad_name").input("Nigar")
    at.selectbox(key="ad_role").set_value("university_editor").run()
    at.selectbox(key="ad_inst").set_value("MDU").run()
    at.button(key="ad_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert user_store.role_of("new@mdu.edu.az") == user_store.Role("new@mdu.edu.az", "Nigar", "university_editor",
                                                                    "MDU", None)
    assert access.changes([access.ROLE_SET]).who_email.iloc[0] == "boss@ministry.az"


def test_who_changed_what_on_the_progress_page(roles):
    rena = access.resolve("Rena", "rena@qku.edu.az")
    access.record_status(rena, [{"action_key": "QKU:2021-2025:1.1.5", "status": "at_risk", "as_of": "2025-12-20"}])
    signed_in = screen("screens/progress.py", "vera@qku.edu.az", "Vera")
    anonymous = screen("screens/progress.py")

    def cells(at: AppTest) -> str:
        return " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())

    assert "Rena <rena@qku.edu.az>" in cells(signed_in)
    assert "Rena" in cells(anonymous) and "rena@qku.edu.az" not in cells(anonymous)  # no addresses for the web


def test_signed_in_only_viewing(roles, monkeypatch):
    monkeypatch.setenv("STRATEGY_VIEW", "signed_in")
    at = screen(None)
    assert at.title[0].value == "Daxil olun" and not at.metric
    assert "oidc_login_gate" in keys(at)
    at = screen("screens/overview.py", "vera@qku.edu.az", "Vera")  # any signed-in person may view
    assert at.metric
    monkeypatch.setenv("STRATEGY_VIEW", "open")
    assert screen(None).metric


# ------------------------------------------------------------------ the same checks on the shared state
def test_roles_guarded_writes_and_audit_in_postgresql(pg_state, built_db):
    """With STRATEGY_STATE_URL the roles, the status rows and the audit live in PostgreSQL: the same
    functions, the same answers (a throw-away server; skipped without PostgreSQL's binaries)."""
    assert user_store.backend() == "postgresql"
    access.set_role(BOSS, "rena@qku.edu.az", "unit_editor", "Rena", "QKU", QA)
    rena = access.resolve("Rena", "rena@qku.edu.az")
    assert (rena.role, rena.institution, rena.unit_name) == ("unit_editor", "QKU", QA)
    with pytest.raises(access.Denied):
        access.record_status(rena, [{"action_key": "QKU:2021-2025:1.1.6", "status": "done"}], db=built_db)
    assert access.record_status(rena, [{"action_key": "QKU:2021-2025:1.1.5", "status": "done"}], db=built_db) == 1
    assert user_store.latest_status().recorded_by.tolist() == ["Rena <rena@qku.edu.az>"]
    assert access.changes([access.STATUS], "QKU")[["who_email", "institution"]].values.tolist() == [
        ["rena@qku.edu.az", "QKU"]]
    assert access.remove_role(BOSS, "rena@qku.edu.az") and not access.remove_role(BOSS, "rena@qku.edu.az")
    assert access.resolve("Rena", "rena@qku.edu.az").role == "viewer"
    assert access.changes([access.ROLE_SET, access.ROLE_REMOVE]).action.tolist() == [access.ROLE_REMOVE,
                                                                                      access.ROLE_SET]


def test_signed_in_only_viewing_in_the_embedded_mode(installation, monkeypatch):
    """Without an identity provider, signed-in viewing asks for the editor password before any page."""
    monkeypatch.setenv("STRATEGY_VIEW", "signed_in")
    monkeypatch.setenv("STRATEGY_EDITOR_PASSWORD", "s3cret")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert at.title[0].value == "Daxil olun" and not at.metric
    at.text_input[0].input("Aynur")
    at.text_input[1].input("s3cret")
    at = next(b for b in at.button if b.label == "Daxil ol").click().run()
    assert not at.exception and at.session_state["_editor"] == "Aynur"
    assert at.metric  # the overview
