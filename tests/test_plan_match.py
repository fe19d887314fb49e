"""Plan to plan (issue 23 item 4): a 2026-2030 plan made from the real QKU 2021-2025 plan with the product's
template (some actions kept verbatim, some reworded, two split, some dropped or moved, new ones added) and
imported through the real importer; the matching is measured against the truth known for every action; editors'
decisions are persisted, role-checked and audited in the real DuckDB user store; the page renders in az and en."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

OLD_DOC, NEW_DOC = "qku_strategic_plan_2021_2025", "qku_strategic_plan_2026_2030"
OLD, NEW = "QKU:2021-2025:", "QKU:2026-2030:"
ROOT = Path(__file__).resolve().parent.parent
TR, KTM, ELM, BEO = ("Tədris Şöbəsi", "Keyfiyyətin Təminatı Mərkəzi", "Elm Şöbəsi", "Beynəlxalq Əlaqələr Şöbəsi")
KARYERA, AKF = "Karyera və Məzunlarla İş Mərkəzi", "Auditoriyadan Kənar Fəaliyyətlərin Təşkili Şöbəsi"

# Reworded as a strategy office rewrites a title: synonyms, another word order, a word added or left out.
REWORD = {
    "1.1.3": "Beynəlxalq akkreditasiya agentlikləri ilə əməkdaşlığın gücləndirilməsi",
    "1.1.6": "Distant (hibrid) təhsilə keçidin qanunvericilik çərçivəsində təkmilləşdirilməsi və təhsilin "
             "modullaşdırılması",
    "1.2.5": "Daxili qiymətləndirmə meyarları əsasında gənc professor-müəllim heyətinə dəstəyin artırılması",
    "1.2.7": "İşəgötürənlər arasında məmnunluq sorğularının mütəmadi keçirilməsi",
    "1.3.4": "Gələcəkdə tələb olunacaq yeni ixtisasların müəyyənləşdirilməsi",
    "2.1.3": "İdman, mədəniyyət və incəsənət tədbirlərinin təşkili",
    "2.2.3": "Təcrübə keçən tələbələrin davamiyyətinin və təcrübənin nəticələrinin qiymətləndirilməsi",
    "2.4.1": "Məzunlar bazasının yaradılması və müntəzəm yenilənməsi",
    "3.1.3": "Dissertasiya mövzularının elmin aktual problemlərinə uyğunluğunun təmin olunması",
    "3.1.7": "Dissertasiyaların plagiat yoxlanışından keçirilməsi mexanizminin tətbiqi",
    "3.2.4": "Dissertasiya şuralarının işinin sistemləşdirilməsi",
    "3.3.4": "Universitetdaxili qrant fondunun yaradılması və qrant müsabiqələrinin keçirilməsi",
    "3.4.4": "Gənc Alimlər və Mütəxəssislər Şurasının yaradılması",
    "4.1.2": "Beynəlxalq reytinqlərə daxil olmaq üçün tədbirlər planının işlənib hazırlanması",
    "4.2.6": "Xarici tələbələrin sayının artırılması prosesinin təkmilləşdirilməsi",
    "4.3.1": "Əcnəbi tələbələr üçün onlayn müraciət sisteminin təkmilləşdirilməsi",
    "4.3.3": "Əcnəbi tələbə və müəllimlərə Azərbaycan dilinin tədrisi imkanının yaradılması",
    "5.1.4": "İmtahan prosesinin tam elektronlaşdırılması",
    "5.1.5": "Tədris prosesinin və tələbə müraciətlərinin elektronlaşdırılması",
    "5.2.2": "Test bankının yaradılması və ya mövcud test bankının yoxlanılması",
    "5.3.2": "Elektron xidmətlərin təhlükəsizliyinin və keyfiyyətinin yüksəldilməsi",
    "6.1.3": "Struktur bölmələrin konsolidasiyası və yenidən təşkili",
    "6.2.7": "Tyutorlarla işin təkmilləşdirilməsi və genişləndirilməsi",
    "6.4.3": "Müəllimlər və işçilər üçün motivasiya sisteminin yaradılması",
    "7.1.5": "Tələbə yataqxanası kompleksinin tikintisi",
    "7.1.7": "Alternativ enerji mənbələrindən istifadənin genişləndirilməsi",
    "8.1.2": "Tələbələrin könüllülük proqramlarına cəlb edilməsi",
    "8.2.2": "Media ilə əlaqələrin davamlı inkişafı",
}
# One old action become two new ones, in the same target.
SPLIT = {
    "2.1.5": ["Müxtəlif debat klublarının yaradılması",
              "Sistemli bilik yarışlarının təşkili və könüllü iştirakçılığın təmini"],
    "8.2.5": ["Açıq qapı günlərinin təşkili",
              "Orta məktəb şagirdlərinin açıq qapı tədbirlərində iştirakının təmin olunması"],
}
# Left out of the next plan (1.1.8 has the same title as 1.1.7: only numbering and units tell them apart).
DROP = {"1.1.8", "1.1.10", "1.2.13", "1.3.3", "2.1.6", "2.3.1", "3.1.1", "3.5.3", "4.1.3", "4.1.5", "4.3.5",
        "5.1.6", "6.2.2", "7.2.3"}
# Kept verbatim under another goal and target (numbered at the end of it).
MOVE = {"3.3.3": (6, 1), "4.2.5": (4, 3)}
# Kept verbatim with other lead units.
UNITS = {"1.2.1": [ELM], "5.3.1": [TR, KTM]}
# New in 2026-2030, with near misses of old titles among them (1.2.4 double degrees, 7.1.7 energy, 8.2.4 site).
ADD = [
    ((1, 1), "Süni intellekt alətlərinin tədris prosesində məsuliyyətli istifadəsi qaydalarının hazırlanması", [TR]),
    ((1, 2), "Professor-müəllim heyəti üçün rəqəmsal pedaqogika üzrə sertifikat proqramının tətbiqi", [KTM]),
    ((1, 3), "Mikro-kvalifikasiya proqramlarının hazırlanması və tətbiqi", [TR]),
    ((2, 1), "Tələbələr üçün psixoloji dəstək xidmətinin yaradılması", [AKF]),
    ((2, 4), "Məzunların işlə təminatının illik monitorinqinin aparılması", [KARYERA]),
    ((3, 1), "Açıq elm siyasətinin qəbul edilməsi və institusional repozitoriyanın yaradılması", [ELM]),
    ((3, 3), "Horizon Avropa proqramı üzrə layihə müraciətlərinin hazırlanması", [ELM]),
    ((4, 2), "Erasmus+ kredit mobilliyi layihələrinin sayının artırılması", [BEO]),
    ((4, 3), "Xarici tərəfdaşlarla birgə magistr proqramlarının açılması", [BEO]),
    ((5, 1), "Kibertəhlükəsizlik siyasətinin hazırlanması və işçilərin maarifləndirilməsi", [TR]),
    ((5, 3), "Bulud əsaslı tədris platformasına keçid", [TR]),
    ((6, 1), "Korrupsiyaya qarşı mübarizə siyasətinin hazırlanması", [KTM]),
    ((6, 4), "Gender bərabərliyi planının hazırlanması və tətbiqi", [KTM]),
    ((7, 1), "Kampusda enerji səmərəliliyi auditinin aparılması", [TR]),
    ((8, 1), "Yaşıl kampus təşəbbüslərinə tələbələrin cəlb olunması", [AKF]),
    ((8, 2), "Universitetin ingilis dilli saytının yaradılması", [BEO]),
]
YEAR = re.compile(r"\b(19|20)\d\d\b")


def make_pair(out: Path) -> tuple[Path, dict[str, list[str]], dict[str, str]]:
    """The 2026-2030 template and the truth: old number -> its new numbers ([] dropped, two for a split), and
    new number -> what it is (carried, changed, split, new)."""
    from reports.template import build_template

    wb = load_workbook(io.BytesIO(build_template(OLD_DOC)))
    plans = wb["plans"]
    hdr = [c.value for c in plans[1]]
    for row in plans.iter_rows(min_row=2):
        if row[hdr.index("document_id")].value == OLD_DOC:
            row[hdr.index("document_id")].value = NEW_DOC
            row[hdr.index("period_start")].value, row[hdr.index("period_end")].value = 2026, 2030
            row[hdr.index("title")].value = "Qərbi Kaspi Universiteti — Strateji plan 2026-2030"
    for name in ("goals", "targets"):
        for row in wb[name].iter_rows(min_row=2):
            if row[0].value == OLD_DOC:
                row[0].value = NEW_DOC
    ws = wb["actions"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    rows = [r for r in rows if r["document_id"] == OLD_DOC]
    placed: dict[tuple[int, int], list[tuple[dict, str | None, str]]] = {}
    for r in rows:
        number = f"{r['goal_no']}.{r['target_no']}.{r['action_no']}"
        r = {**r, "document_id": NEW_DOC, "action_key": None,
             "deadline_raw": None if YEAR.search(str(r["deadline_raw"] or "")) else r["deadline_raw"]}
        if number in DROP:
            continue
        where = MOVE.get(number, (r["goal_no"], r["target_no"]))
        if number in SPLIT:
            for part in SPLIT[number]:
                placed.setdefault(where, []).append(({**r, "title": part}, number, "split"))
            continue
        if number in UNITS:
            r.update({f"lead_unit_{i}": None for i in range(1, 6)})
            r.update({f"lead_unit_{i}": u for i, u in enumerate(UNITS[number], start=1)})
        kind = "changed" if number in REWORD else "carried"
        placed.setdefault(where, []).append(({**r, "title": REWORD.get(number, r["title"])}, number, kind))
    for where, title, leads in ADD:
        blank = dict.fromkeys(head)
        blank.update({"document_id": NEW_DOC, "title": title, "deadline_raw": "Müntəzəm",
                      **{f"lead_unit_{i}": u for i, u in enumerate(leads, start=1)}})
        placed.setdefault(where, []).append((blank, None, "new"))
    ws.delete_rows(2, ws.max_row)
    old_to_new: dict[str, list[str]] = {f"{r['goal_no']}.{r['target_no']}.{r['action_no']}": [] for r in rows}
    new_kind: dict[str, str] = {}
    seq = 0
    for (goal, target) in sorted(placed):
        for action_no, (r, old_number, kind) in enumerate(placed[(goal, target)], start=1):
            seq += 1
            number = f"{goal}.{target}.{action_no}"
            ws.append([{**r, "goal_no": goal, "target_no": target, "action_no": action_no, "seq": seq}.get(h)
                       for h in head])
            new_kind[number] = kind
            if old_number is not None:
                old_to_new[old_number].append(number)
    path = out / "qku_2026_2030.xlsx"
    wb.save(path)
    return path, old_to_new, new_kind


def import_pair(site: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    from plandb import importer

    path, old_to_new, new_kind = make_pair(site)
    result = importer.apply(path, "test")
    assert result.applied
    return old_to_new, new_kind


def measure(rows, old_to_new: dict[str, list[str]], new_kind: dict[str, str]) -> dict[str, float]:
    """Precision and recall of the matched pairs (old action, new action) against the truth, and of each kind."""
    def num(key: object, prefix: str) -> str | None:
        return key[len(prefix):] if isinstance(key, str) else None

    truth = {(o, n) for o, ns in old_to_new.items() for n in ns}
    found = {(num(r.old_key, OLD), num(r.new_key, NEW)) for r in rows.itertuples()
             if isinstance(r.old_key, str) and isinstance(r.new_key, str)}
    right = truth & found
    out = {"pairs": len(truth), "found": len(found), "precision": len(right) / len(found),
           "recall": len(right) / len(truth)}
    true_dropped = {o for o, ns in old_to_new.items() if not ns}
    got_dropped = {num(r.old_key, OLD) for r in rows.itertuples() if r.kind == "dropped"}
    true_new = {n for n, k in new_kind.items() if k == "new"}
    got_new = {num(r.new_key, NEW) for r in rows.itertuples() if r.kind == "new"}
    for name, want, got in (("dropped", true_dropped, got_dropped), ("new", true_new, got_new)):
        out[f"{name}_precision"] = len(want & got) / len(got) if got else 1.0
        out[f"{name}_recall"] = len(want & got) / len(want) if want else 1.0
    kinds = {(num(r.old_key, OLD), num(r.new_key, NEW)): r.kind for r in rows.itertuples()}
    matched_truth = [(o, n) for (o, n) in truth if (o, n) in kinds]
    out["kind_agreement"] = sum(kinds[p] == new_kind[p[1]] for p in matched_truth) / max(len(matched_truth), 1)
    return out


def test_matching_on_the_qku_pair_finds_what_was_kept_reworded_split_dropped_and_added(site, capsys) -> None:
    from analytics import plan_match

    old_to_new, new_kind = import_pair(site)
    [(earlier, later)] = plan_match.consecutive("QKU")
    assert (earlier.document_id, later.document_id) == (OLD_DOC, NEW_DOC)
    c = plan_match.compare(OLD_DOC, NEW_DOC)
    m = measure(c.rows, old_to_new, new_kind)
    with capsys.disabled():
        print("\nplan to plan on the QKU pair:", json.dumps({k: round(v, 3) for k, v in m.items()}))
        wrong = c.rows[[(isinstance(r.old_key, str) and isinstance(r.new_key, str) and
                         r.new_key[len(NEW):] not in old_to_new[r.old_key[len(OLD):]]) for r in c.rows.itertuples()]]
        print(wrong.to_string())
        missed = [(o, n) for o, ns in old_to_new.items() for n in ns
                  if not ((c.rows.old_key == OLD + o) & (c.rows.new_key == NEW + n)).any()]
        print("missed", missed)
    # Of the 146 true pairs, at most 4 wrong pairs and 10 missed ones: on this pair the matcher finds all of them
    # (printed above), and lowering the match threshold from 62 to 55 already costs a pair, so the bounds leave
    # room for a tuning change without letting a matcher that loses the reworded or split actions (20% of the
    # pairs) pass.
    assert m["precision"] >= 0.97 and m["recall"] >= 0.93
    counts = c.counts()
    assert counts == {"old": 158, "carried": counts["carried"], "changed": counts["changed"], "split": 2,
                      "dropped": len(DROP), "new": len(ADD), "later": len(c.new)}
    assert len(c.new) == 158 - len(DROP) + len(SPLIT) + len(ADD)


def test_a_university_with_one_plan_has_no_pair(site) -> None:
    from analytics import plan_match

    assert plan_match.consecutive("QKU") == [] and plan_match.consecutive("NDU") == []
    assert len(plan_match.plans_of("QKU")) == 1


def test_titles_are_compared_as_azerbaijani_words() -> None:
    from analytics import plan_match

    assert plan_match.norm("İMTAHAN  prosesinin, ELEKTRONLAŞMASI") == "imtahan prosesinin elektronlaşması"
    assert plan_match.title_score("Tədrisin və tələbə müraciətlərinin elektronlaşması",
                                  "Tələbə müraciətlərinin və tədrisin elektronlaşdırılması") >= 90
    assert plan_match.title_score("Yataqxana kompleksinin yaradılması", "Açıq qapı günlərinin təşkili") < 30
    assert plan_match.same_words("“Media ilə əlaqələr”", "media ilə əlaqələr")
    assert not plan_match.same_words("Alternativ enerji mənbələrindən istifadəni genişləndirmək",
                                     "Alternativ enerji mənbələrindən istifadənin genişləndirilməsi")


# ------------------------------------------------------------------ decisions: persisted, role-checked, audited
def test_decisions_are_kept_checked_and_audited_in_the_real_user_store(site) -> None:
    import access
    from analytics import plan_match
    from state import plan_matches, user_store

    import_pair(site)
    before = plan_match.compare(OLD_DOC, NEW_DOC)
    new_titles = dict(zip(before.new.title_az, before.new.action_key, strict=True))
    psych = new_titles["Tələbələr üçün psixoloji dəstək xidmətinin yaradılması"]
    assert before.rows.set_index("old_key").kind[OLD + "2.1.6"] == "dropped"

    viewer = access.User("Leyla", "leyla@qku.edu.az", "viewer")
    other = access.User("Nigar", "nigar@ndu.edu.az", "university_editor", institution="NDU")
    unit = access.User("Kamran", "kamran@qku.edu.az", "unit_editor", institution="QKU", unit_name=KTM)
    for who in (None, viewer, other, unit):
        with pytest.raises(access.Denied):
            access.decide(who, OLD + "2.1.6", psych, "confirm")
    with pytest.raises(ValueError, match="two plans"):
        access.decide(access.password_editor("Aynur"), OLD + "1.1.1", OLD + "1.1.2", "confirm")
    with pytest.raises(ValueError, match="no action"):
        access.decide(access.password_editor("Aynur"), OLD + "1.1.1", NEW + "9.9.9", "confirm")
    with pytest.raises(ValueError, match="one of"):
        access.decide(access.password_editor("Aynur"), OLD + "1.1.1", NEW + "1.1.1", "maybe")
    assert plan_matches.history(OLD_DOC, NEW_DOC).empty and user_store.audit_log().empty  # nothing written

    rena = access.User("Rena", "rena@qku.edu.az", "university_editor", institution="QKU")
    access.decide(rena, OLD + "2.1.6", psych, "confirm")           # kept whatever its score
    access.decide(rena, OLD + "1.1.3", NEW + "1.1.3", "break")      # never made again
    access.decide(access.password_editor("Aynur"), OLD + "1.1.1", NEW + "1.1.1", "confirm")  # embedded editor
    after = plan_match.compare(OLD_DOC, NEW_DOC).rows.set_index("old_key")
    assert after.new_key[OLD + "2.1.6"] == psych and after.decision[OLD + "2.1.6"] == "confirm"
    assert after.decided_by[OLD + "2.1.6"] == "Rena <rena@qku.edu.az>"
    assert after.new_key[OLD + "1.1.3"] != NEW + "1.1.3"
    assert after.decided_by[OLD + "1.1.1"] == "Aynur" and after.kind[OLD + "1.1.1"] == "carried"
    # kept in the file (a fresh read-only connection), and audited beside each write
    assert len(plan_matches.history(OLD_DOC, NEW_DOC)) == 3
    log = user_store.audit_log()
    assert log.action.tolist() == ["plan_match"] * 3 and set(log.institution) == {"QKU"}
    assert json.loads(log.detail.iloc[-1]) == {"decision": "confirm", "old": OLD + "2.1.6", "new": psych,
                                               "plans": [OLD_DOC, NEW_DOC]}
    # withdrawn: the automatic matching again
    access.decide(rena, OLD + "1.1.3", NEW + "1.1.3", "clear")
    again = plan_match.compare(OLD_DOC, NEW_DOC)
    assert again.rows.set_index("old_key").new_key[OLD + "1.1.3"] == NEW + "1.1.3" and again.broken.empty


def test_the_workbook_has_the_plan_to_plan_sheet(site) -> None:
    from openpyxl import load_workbook as load

    from analytics.filters import Filters
    from reports.workbook import build_workbook

    import_pair(site)
    wb = load(io.BytesIO(build_workbook(Filters(uni="QKU", lang="en"), [])))
    ws = wb["Plan to plan"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Plans", "Goal", "Outcome") and len(rows) == 1 + 158 + len(ADD) + len(SPLIT)
    kinds = [r[2] for r in rows[1:]]
    assert kinds.count("Dropped") == len(DROP) and kinds.count("New") == len(ADD)
    assert "Plandan plana" not in load(io.BytesIO(build_workbook(Filters(uni="NDU", lang="az"), []))).sheetnames


# ------------------------------------------------------------------ the page
def _page(lang: str, editor: str | None = None):
    from streamlit.testing.v1 import AppTest

    import app_pages

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["uni"], at.query_params["lang"] = "QKU", lang
    if editor:
        at.session_state["_editor"] = editor
    at.run()
    at.switch_page(app_pages.path_of("plan_to_plan")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_with_one_plan_says_so_in_words(site) -> None:
    at = _page("en")
    assert any("Only one plan of QKU is loaded (2021–2025, 158 actions)" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["az", "en"])
def test_the_page_shows_the_pair_goal_by_goal_and_editors_decide(site, lang) -> None:
    import_pair(site)
    at = _page(lang)
    lead = {"en": "Of 158 actions of 2021–2025, 115 carry into 2026–2030, 29 changed, 14 were dropped; 16 are new.",
            "az": "2021–2025 planının 158 tədbirindən 115 tədbir 2026–2030 planına keçir, 29 tədbir dəyişib, "
                  "14 tədbir çıxarılıb; 16 tədbir yenidir."}[lang]
    assert [s.value for s in at.subheader][0].replace("\\", "") == lead
    goals = [e.label for e in at.expander if e.label.startswith(("Goal ", "Məqsəd "))]
    assert len(goals) == 8 + 8  # the earlier plan's goals, then the new actions per goal of the next plan
    assert not [b for b in at.button if b.key.startswith("pp_")]  # a visitor sees no decision buttons
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    mark = "[az] " if lang == "en" else ""  # English mode marks a title shown as written
    assert f"1.1.3 (72%): {mark}Beynəlxalq akkreditasiya qurumları ilə əlaqələrin gücləndirilməsi → {mark}Beynəlxalq " \
           "akkreditasiya agentlikləri ilə əməkdaşlığın gücləndirilməsi" in text
    assert "None" not in text and "nan" not in text.split()
    assert (f"2.1.5 → 2.1.5 + 2.1.6 (split): {mark}Müxtəlif debat klublarının yaradılması, sistemli" in text
            or "2.1.5 → 2.1.5 + 2.1.6 (bölünüb): Müxtəlif debat klublarının yaradılması, sistemli" in text)
    assert ("[az]" in text) == (lang == "en")

    at = _page(lang, editor="Aynur")  # the embedded mode's editor stands for every role
    key = f"pp_break_{OLD}1.1.3_{NEW}1.1.3"
    at.button(key=key).click().run()
    assert not at.exception and not at.get("help")  # the message, not an element's help written by magic
    assert [x.value for x in at.success] == [{"en": "The match is broken: these two actions will not be matched "
                                              "again.", "az": "Uyğunluq ayrıldı: bu iki tədbir bir daha "
                                              "tutuşdurulmayacaq."}[lang]]
    from state import plan_matches

    [d] = plan_matches.in_force(OLD_DOC, NEW_DOC).itertuples()
    assert (d.old_key, d.new_key, d.decision, d.decided_by) == (OLD + "1.1.3", NEW + "1.1.3", "break", "Aynur")
    assert any(e.label.startswith(("Matches editors broke (1)", "Redaktorların ayırdığı uyğunluqlar (1)"))
               for e in at.expander)


def test_decisions_in_the_postgresql_store(site, pg_state) -> None:
    """Several servers: the same decisions through migration 0007's table, audited in the same transaction."""
    import access
    from analytics import plan_match
    from state import plan_matches, user_store

    import_pair(site)
    # the page reads the matching first; its reader reopens the file the import swapped in (DuckDB would hand a
    # second connection in this process the old file's data while the first one is open)
    assert plan_match.compare(OLD_DOC, NEW_DOC).rows.decision.isna().all()
    rena = access.User("Rena", "rena@qku.edu.az", "university_editor", institution="QKU")
    access.decide(rena, OLD + "1.1.3", NEW + "1.1.3", "break")
    access.decide(rena, OLD + "1.1.1", NEW + "1.1.1", "confirm")
    assert user_store.backend() == "postgresql"
    assert sorted(plan_matches.in_force(OLD_DOC, NEW_DOC).decision) == ["break", "confirm"]
    rows = plan_match.compare(OLD_DOC, NEW_DOC).rows.set_index("old_key")
    assert rows.new_key[OLD + "1.1.3"] != NEW + "1.1.3" and rows.decided_by[OLD + "1.1.1"] == "Rena <rena@qku.edu.az>"
    assert user_store.audit_log().action.tolist() == ["plan_match", "plan_match"]
