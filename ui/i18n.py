"""The message catalogue: every interface string in Azerbaijani and English, in one place."""

from __future__ import annotations

LANGS = ("az", "en")

M: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("Strateji plan paneli", "Strategy plan dashboard"),
    "nav.overview": ("İcmal", "Overview"),
    "nav.workload": ("Bölmələrin yükü", "Workload per unit"),
    "nav.deadlines": ("İcra müddətləri", "Deadlines"),
    "nav.oversight": ("Prorektorların nəzarəti", "Vice-rector oversight"),
    "nav.rankings": ("Reytinqlər", "Rankings"),
    "nav.cbhe": ("Erasmus+ CBHE", "Erasmus+ CBHE"),
    "nav.explorer": ("Tədbirlər cədvəli", "Explorer"),
    "nav.courses": ("Fənlər", "Courses"),
    "nav.data": ("Məlumatlar", "Data"),
    "nav.units": ("Yeni bölmələr", "New units"),
    "kind.qku_strategic_plan": ("Strateji plan (mətn)", "Strategic plan (text)"),
    "kind.ndu_activity_plan": ("Fəaliyyət planı (mətn)", "Activity plan (text)"),
    "kind.mdu_activity_plan": ("Fəaliyyət planı (mətn)", "Activity plan (text)"),
    "kind.cbhe_compendium": ("CBHE layihələri toplusu", "CBHE project compendium"),
    "kind.syllabus": ("Sillabus", "Syllabus"),
    "kind.xlsx_template": ("Plan şablonu (Excel)", "Plan template (Excel)"),
    "kind.generic_plan": ("Plan cədvəli (PDF, Word, Excel)", "Plan table (PDF, Word, Excel)"),
    "kind.plan": ("Plan", "Plan"),
    "kind.other": ("Sənəd", "Document"),
    "col.period": ("Dövr", "Period"),
    "cb.none_for_uni": (
        "{uni} yüklənmiş Erasmus+ CBHE layihələrinin heç birində iştirak etmir.",
        "{uni} takes part in none of the loaded Erasmus+ CBHE projects.",
    ),
    "da.as_written": ("Tanınmayan icra müddətləri", "Deadlines not understood"),
    "da.as_written.none": ("Bütün icra müddətləri tanındı.", "Every deadline was understood."),
    "da.as_written.help.one": (
        "{n} tədbirin müddəti yazıldığı kimi saxlanılıb: il və ay oxunmadı, ona görə tədbir öz planının "
        "bütün dövründə göstərilir. Planda müddəti dəqiqləşdirin (məs. «2027», «I rüb 2027», «Müntəzəm»).",
        "{n} action keeps its deadline as written: no year or month could be read, so it is shown over "
        "its plan's whole period. Make the deadline precise in the plan (e.g. '2027', 'Q1 2027', 'Continuous').",
    ),
    "da.as_written.help": (
        "{n} tədbirin müddəti yazıldığı kimi saxlanılıb: il və ay oxunmadı, ona görə tədbir öz planının "
        "bütün dövründə göstərilir. Planda müddəti dəqiqləşdirin (məs. «2027», «I rüb 2027», «Müntəzəm»).",
        "{n} actions keep their deadline as written: no year or month could be read, so each is shown over "
        "its plan's whole period. Make the deadline precise in the plan (e.g. '2027', 'Q1 2027', 'Continuous').",
    ),
    # unit review
    "ed.locked": (
        "Çox sayda yanlış parol: giriş {minutes} dəqiqəlik bağlanıb.",
        "Too many wrong passwords: sign-in is locked for {minutes} minutes.",
    ),
    "ur.question": (
        "Sənədlərdə tapılan yeni bölmə adları: hansı məlum bölmədir, hansı yeni bölmədir?",
        "New unit names found in the documents: which are known units, which are new units?",
    ),
    "ur.m.pending": ("Yoxlanılmamış adlar", "Names not reviewed"),
    "ur.need_editor": (
        "Adları yoxlamaq üçün redaktor kimi daxil olun. "
        "Yoxlanılana qədər yeni adlar hər yerdə * işarəsi ilə göstərilir.",
        "Sign in as an editor to review names. Until reviewed, new names are shown everywhere marked with *.",
    ),
    "ur.none": ("Bütün bölmə adları yoxlanılıb.", "Every unit name has been reviewed."),
    "ur.where.one": (
        "{unis} · {n} tədbirdə · {example}",
        "{unis} · in {n} action · {example}",
    ),
    "ur.where": (
        "{unis} · {n} tədbirdə · məsələn: {example}",
        "{unis} · in {n} actions · e.g. {example}",
    ),
    "ur.merge_into": ("Məlum bölmə ilə birləşdir", "Merge into a known unit"),
    "ur.no_suggestion": ("Oxşar ad tapılmadı — siyahıdan seçin", "No close name found — choose from the list"),
    "ur.merge": ("Birləşdir (ləqəb kimi)", "Merge (as an alias)"),
    "ur.name_en": ("İngiliscə adı", "English name"),
    "ur.kind": ("Növü", "Kind"),
    "ur.kind.department": ("Şöbə / departament", "Department"),
    "ur.kind.centre": ("Mərkəz", "Centre"),
    "ur.kind.faculty": ("Fakültə / kafedra", "Faculty or chair"),
    "ur.kind.governance": ("İdarəetmə orqanı", "Governing body"),
    "ur.kind.generic": ("Ümumi ifadə (bölmə deyil)", "Placeholder (not a unit)"),
    "ur.kind.students": ("Tələbələr", "Students"),
    "ur.kind.external": ("Kənar qurum", "Outside body"),
    "ur.accept": ("Yeni bölmə kimi qəbul et", "Accept as a new unit"),
    "ur.need_en": ("İngiliscə adı yazın.", "Give the English name."),
    "ur.rebuilding": ("Məlumat bazası yenilənir…", "Updating the database…"),
    "ur.done": ("Qərar yadda saxlanıldı və bütün səhifələrə tətbiq olundu.",
                "Decision saved and applied to every page."),
    "ur.more": ("İlk {n} ad göstərilir ({total} addan).", "The first {n} of {total} names are shown."),
    "ur.history": ("Qərarlar", "Decisions"),
    "ur.no_history": ("Hələ qərar yoxdur.", "No decisions yet."),
    "ur.d.merge": ("Birləşdirildi", "Merged"),
    "ur.d.accept": ("Qəbul edildi", "Accepted"),
    "ur.undone": ("Geri alınıb", "Undone"),
    "ur.in_force": ("Qüvvədədir", "In force"),
    "ur.undo_pick": ("Geri alınacaq qərar", "Decision to undo"),
    "ur.undo": ("Qərarı geri al", "Undo the decision"),
    "ur.undo_done": ("Qərar geri alındı.", "Decision undone."),
    "ur.col.name": ("Sənəddəki ad", "Name in the document"),
    "ur.col.institution": ("Universitet", "University"),
    "ur.col.decision": ("Qərar", "Decision"),
    "ur.col.result": ("Nəticə", "Result"),
    "ur.col.decided_by": ("Kim", "By"),
    "ur.col.decided_at": ("Nə vaxt", "When"),
    "ur.col.state": ("Vəziyyət", "State"),
    "wl.new_mark": (
        "* — sənəddə tapılan yeni bölmə adı, hələ yoxlanılmayıb («Yeni bölmələr» səhifəsi).",
        "* — a new unit name found in a document, not reviewed yet (page \"New units\").",
    ),
    "nav.section.plan": ("Plan", "Plan"),
    "nav.section.more": ("Digər", "More"),
    # filters
    "f.header": ("Filtrlər", "Filters"),
    "f.lang": ("Dil", "Language"),
    "f.uni": ("Universitet", "University"),
    "f.uni.all": ("Bütün universitetlər", "All universities"),
    "f.plan": ("Plan", "Plan"),
    "f.plan.all": ("Bütün planlar", "All plans"),
    "f.goal": ("Məqsəd", "Goal"),
    "f.goal.all": ("Bütün məqsədlər", "All goals"),
    "f.unit": ("Məsul bölmə", "Responsible unit"),
    "f.unit.placeholder": ("Bütün bölmələr", "All units"),
    "f.unit_role": ("Bölmənin rolu", "Role of the unit"),
    "f.role.lead": ("Yalnız məsul (icraçı)", "Lead only"),
    "f.role.any": ("İstənilən rol", "Any role"),
    "f.vr": ("Prorektor", "Vice-rector"),
    "f.vr.placeholder": ("Bütün prorektorlar", "All vice-rectors"),
    "f.years": ("İllər", "Years"),
    "f.active": ("Aktiv filtrlər", "Active filters"),
    "f.none": ("Filtr yoxdur: bütün planlar göstərilir.", "No filters: every plan is shown."),
    "f.reset": ("Filtrləri sıfırla", "Reset filters"),
    "f.bad_year": (
        "URL-dəki '{param}' ili ({value}) yüklənmiş planların illərində ({span}) deyil və nəzərə alınmadı",
        "The URL year '{param}' ({value}) is outside the years of the loaded plans ({span}) and is ignored",
    ),
    "f.bad_param": (
        "URL-dəki '{param}' dəyəri tanınmadı və nəzərə alınmadı: {value}",
        "The URL value of '{param}' was not recognised and is ignored: {value}",
    ),
    # common
    "c.rows_behind": ("Qrafikin məlumatları", "Rows behind the chart"),
    "c.actions": ("Tədbirlər", "Actions"),
    "c.action": ("Tədbir", "Action"),
    "c.count": ("Say", "Count"),
    "c.goal": ("Məqsəd", "Goal"),
    "c.goal_n": ("Məqsəd {n}", "Goal {n}"),
    "c.goal_summed": ("Məqsəd ({n} plan üzrə cəmlənib)", "Goal (summed over {n} plans)"),
    "c.target": ("Hədəf", "Target"),
    "c.unit": ("Bölmə", "Unit"),
    "c.year": ("İl", "Year"),
    "c.month": ("Ay", "Month"),
    "c.plan": ("Plan", "Plan"),
    "c.institution": ("Universitet", "Institution"),
    "c.vice_rector": ("Prorektor", "Vice-rector"),
    "c.none_named": ("Göstərilməyib", "None named"),
    "c.deadline": ("İcra müddəti", "Deadline"),
    "c.title": ("Adı", "Title"),
    "c.lead": ("Məsul", "Lead"),
    "c.partner": ("Tərəfdaş", "Partner"),
    "c.lead_units": ("Məsul bölmələr", "Lead units"),
    "c.partner_units": ("Tərəfdaş bölmələr", "Partner units"),
    "c.people": ("Şəxslər", "People"),
    "c.role": ("Rol", "Role"),
    "c.no_rows": ("Bu siyahıda heç nə yoxdur.", "Nothing in this list."),
    "c.no_data": (
        "Seçilmiş filtrlərə uyğun məlumat yoxdur. Filtrləri genişləndirin.",
        "No data matches the selected filters. Widen the filters.",
    ),
    "c.missing": ("göstərilməyib", "not given"),
    "c.download_csv": ("CSV yüklə", "Download CSV"),
    "c.number": ("№", "No."),
    "c.start_year": ("Başlanğıc ili", "Start year"),
    "c.end_year": ("Son il", "End year"),
    "c.note": ("Qeyd", "Note"),
    "c.recurrence": ("Növ", "Kind"),
    "rec.regular": ("Müntəzəm", "Regular (ongoing)"),
    "rec.annual": ("Hər il", "Annual"),
    "rec.semester": ("Hər semestr", "Every semester"),
    "rec.dated": ("Müddətli", "Dated"),
    "rec.period": ("Müddətli", "Dated"),
    "rec.once": ("Birdəfəlik", "One-off"),
    "rec.unknown": ("Müddət yazıldığı kimi", "Deadline as written"),
    "rec.none": ("Müddət göstərilməyib", "No deadline given"),
    "role.lead": ("Məsul", "Lead"),
    "role.partner": ("Tərəfdaş", "Partner"),
    "role.coordinator": ("Koordinator", "Coordinator"),
    # overview
    "ov.question": (
        "Planın ümumi mənzərəsi: nə qədər tədbir, hansı məqsədlər, kimlər iştirak edir?",
        "The plan at a glance: how many actions, under which goals, and who takes part?",
    ),
    "ov.m.actions": ("Tədbirlər", "Actions"),
    "ov.m.goals": ("Məqsədlər", "Goals"),
    "ov.m.units": ("Bölmələr", "Units involved"),
    "ov.m.vrs": ("Prorektorlar", "Vice-rectors"),
    "ov.m.ongoing": ("Müntəzəm / hər il", "Regular / annual"),
    "ov.m.dated": ("Müddətli", "Dated"),
    "ov.m.cbhe": ("CBHE büdcəsi", "CBHE budget"),
    "ov.m.cbhe.help": (
        "{n} layihənin cəmi; büdcəsi göstərilməyən {missing} layihə ({names}) daxil deyil.",
        "Sum of {n} projects; excludes {missing} project(s) without a budget ({names}).",
    ),
    "ov.m.rankings": ("Reytinq hədəfləri", "Ranking targets"),
    "ov.chart.per_goal": ("Məqsədlər üzrə tədbirlər: müntəzəm və müddətli", "Actions per goal: regular and dated"),
    "ov.links": ("Ətraflı", "Go deeper"),
    "ov.as_written": (
        "{n} tədbirin müddəti oxunmadı və yazıldığı kimi saxlanılıb (siyahı Məlumatlar səhifəsindədir).",
        "{n} action(s) keep a deadline that could not be read, as written (listed on the Data page).",
    ),
    "ov.no_deadline": (
        "{n} tədbirin icra müddəti sənəddə göstərilməyib.",
        "{n} action(s) have no deadline in the document.",
    ),
    # workload
    "wl.question": (
        "Hansı bölmə planın ən çox hissəsini daşıyır və nə vaxt?",
        "Which unit carries the most of the plan, and when?",
    ),
    "wl.chart.units": ("Bölmələr üzrə tədbirlər (məsul və tərəfdaş)", "Actions per unit (lead and partner)"),
    "wl.chart.heatmap": ("Bölmə × il: aktiv tədbirlər", "Unit × year: active actions"),
    "wl.chart.goal": ("Bölmə × məqsəd: tədbirlər", "Unit × goal: actions"),
    "wl.heatmap.note": (
        "Müntəzəm və hər il olan tədbir öz planının hər ilində aktiv sayılır; müddətli tədbir yalnız öz illərində.",
        "A regular or annual action is active in every year of its plan; a dated action only in its own years.",
    ),
    "wl.pick": ("Bölmənin tədbirləri", "Actions of a unit"),
    "wl.m.top": ("Ən yüklü bölmə", "Busiest unit"),
    "wl.m.top.value": ("{n} tədbir", "{n} actions"),
    "wl.m.units": ("Bölmələr", "Units"),
    "wl.m.lead_links": ("Məsul tapşırıqlar", "Lead assignments"),
    "wl.m.partner_links": ("Tərəfdaş tapşırıqlar", "Partner assignments"),
    "wl.more_rows": (
        "Qrafikdə ən yüklü {n} bölmə göstərilir; qalanları cədvəldədir.",
        "The chart shows the {n} busiest units; the rest are in the table.",
    ),
    # deadlines
    "dl.question": (
        "Nə vaxt nə icra olunmalıdır? Hansı tədbirlər davamlıdır, hansıların müddəti var?",
        "What falls due when? Which actions are ongoing and which have a deadline?",
    ),
    "dl.chart.gantt": ("Tədbirlərin icra dövrləri (məqsəd və hədəf üzrə)", "Action periods by goal and target"),
    "dl.chart.flow": (
        "İllər üzrə: başlayan, davam edən və bitən müddətli tədbirlər",
        "Per year: dated actions that start, run and end",
    ),
    "dl.chart.months": ("İllik planlar ({years}): aylar üzrə", "Yearly activity plans ({years}) by month"),
    "dl.flow.starting": ("Başlayır", "Start"),
    "dl.flow.running": ("Davam edir", "Run"),
    "dl.flow.ending": ("Bitir", "End"),
    "dl.flow.ongoing": ("Müntəzəm / hər il", "Regular / annual"),
    "dl.flow.unknown": ("Müddəti tanınmayan", "Deadline not understood"),
    "dl.gantt.note": (
        "Müntəzəm tədbirlər açıq rəngli zolaqla, hər il təkrarlanan tədbirlər nöqtələrlə, müddətli "
        "tədbirlər tünd zolaqla göstərilir.",
        "Regular actions are drawn as light bars, annual ones as a dot per year, dated ones as solid bars.",
    ),
    "dl.gantt.paged": (
        "Qrafikdə {shown} / {total} tədbir göstərilir. Daha dar filtr seçin və ya səhifəni dəyişin.",
        "The chart shows {shown} of {total} actions. Narrow the filters or change the page.",
    ),
    "dl.page": ("Səhifə", "Page"),
    "dl.m.starting": ("{year_loc} başlayan", "Starting in {year}"),
    "dl.m.ending": ("{year_loc} bitən", "Ending in {year}"),
    "dl.no_months": (
        "Seçilmiş planlarda ay göstərilən tədbir yoxdur.",
        "No action in the selected plans gives months.",
    ),
    "dl.no_months_listed": (
        "Ay göstərilməyən (müntəzəm və ya müddətsiz): {n}",
        "Without months (regular or no timeline): {n}",
    ),
    # oversight
    "vr.question": (
        "Hər prorektor nəyə nəzarət edir və hansı bölmələr onun sahəsində işləyir?",
        "What does each vice-rector oversee, and which units work under each portfolio?",
    ),
    "vr.chart.load": ("Prorektorlar üzrə tədbirlər", "Actions per vice-rector portfolio"),
    "vr.chart.goal": ("Prorektor × məqsəd", "Portfolio × goal"),
    "vr.chart.units": ("Prorektorun sahəsində işləyən bölmələr", "Units working under each portfolio"),
    "vr.shared": (
        "İki və daha çox prorektorun birgə nəzarət etdiyi tədbirlər",
        "Actions shared by two or more portfolios",
    ),
    "vr.none": ("Prorektor göstərilməyən tədbirlər", "Actions with no named vice-rector"),
    "vr.m.shared": ("Birgə nəzarət", "Shared oversight"),
    "vr.m.none": ("Prorektorsuz", "No vice-rector named"),
    "vr.m.top": ("Ən çox tədbir", "Most actions"),
    # rankings
    "rk.question": (
        "Plan hansı reytinqlərdə hansı yeri hədəfləyir və nəticələr hədəfə nə qədər yaxındır?",
        "Which places does the plan target in which rankings, and how close are the results?",
    ),
    "rk.chart.bands": ("Reytinq hədəfləri (yer intervalı)", "Ranking targets (band of places)"),
    "rk.axis.rank": ("Yer (1 = ən yaxşı)", "Place (1 = best)"),
    "rk.axis.ranking": ("Reytinq", "Ranking"),
    "rk.no_band": ("Rəqəmlə hədəf göstərilməyib", "No numeric target given"),
    "rk.no_results": (
        "Hələ heç bir reytinq nəticəsi qeydə alınmayıb. Nəticələr qeyd edildikdən sonra burada "
        "hədəf intervalı ilə müqayisədə göstəriləcək.",
        "No ranking result is recorded yet. Once results are recorded they are drawn here against the target band.",
    ),
    "rk.chart.results": (
        "Reytinq nəticələri illər üzrə və hədəf intervalı",
        "Ranking results by year against the target band",
    ),
    "rk.target_band": ("Hədəf intervalı", "Target band"),
    "rk.result": ("Nəticə", "Result"),
    "rk.m.targets": ("Hədəflər", "Targets"),
    "rk.m.rankings": ("Reytinqlər", "Rankings"),
    "rk.m.numeric": ("Rəqəmli hədəf", "With a numeric band"),
    "rk.band": ("Hədəf", "Target"),
    "rk.top": ("ilk {n}", "top {n}"),
    "rk.result_year": ("Nəticə (il)", "Result (year)"),
    "rk.chart.no_target": (
        "Hədəf intervalı olmayan nəticələr: illər üzrə yer",
        "Results without a target band: place by year",
    ),
    "rk.chart.no_target.note": (
        "Qrafikdə yuxarıda olan yer daha yaxşıdır. Şaquli xətt intervaldır; ▼ açıq intervaldır "
        "(601+: 601-ci və ya daha aşağı yer).",
        "Higher on the chart is better. A vertical line is a band; ▼ is an open band (601+: 601st or lower).",
    ),
    "rk.h.no_target": (
        "{n} nəticənin planlarda hədəf intervalı yoxdur ({k} universitet · reytinq cütü)",
        "{n} results have no target band in the plans ({k} university · ranking pairs)",
    ),
    "rk.m.results": ("Qeydə alınmış nəticələr", "Results recorded"),
    "rk.targets": ("Planlardakı reytinq hədəfləri", "Ranking targets in the plans"),
    "rk.results": ("Qeydə alınmış reytinq nəticələri", "Recorded ranking results"),
    "rk.c.results": ("Nəticələr", "Results"),
    "rk.c.recorded_at": ("Qeyd tarixi", "Recorded on"),
    "rk.not_targeted": ("planda hədəf deyil", "not targeted in the plans"),
    "rk.no_place": ("hədəfdir, yer göstərilməyib", "targeted, no place given"),
    "rk.form.help": (
        "Universiteti, sonra istənilən reytinqi seçin: plan bu reytinqi hədəfləməsə də nəticə qeyd oluna bilər.",
        "Choose a university, then any ranking: a result can be recorded whether or not the plan targets it.",
    ),
    "rk.form.result": ("Nəticə: yer və ya interval", "Result: place or band"),
    "rk.form.result_help": (
        "Dəqiq yer (628), interval (801-850, 1001–1500) və ya açıq interval (601+: 601-ci və ya daha aşağı yer). "
        "Reytinqin dərc etdiyi kimi yazın.",
        "An exact place (628), a band (801-850, 1001–1500) or an open band (601+: 601st or lower). "
        "Write it as the ranking publishes it.",
    ),
    "rk.form.need_result": (
        "Nəticəni yazın: yer (628), interval (801-850) və ya açıq interval (601+).",
        "Write the result: a place (628), a band (801-850) or an open band (601+).",
    ),
    "rk.form.bad": (
        "«{found}» oxunmadı: dəqiq yer (628), interval (801-850) və ya açıq interval (601+) yazın.",
        "Could not read “{found}”: write an exact place (628), a band (801-850) or an open band (601+).",
    ),
    "rk.form.error": ("Nəticə qeyd olunmadı: {error}", "The result was not recorded: {error}"),
    "rk.form.duplicate": (
        "Bu nəticə artıq qeyd olunub; yenidən yazılmadı.",
        "This result is already recorded; nothing was added.",
    ),
    "rk.form.saved": (
        "Qeyd olundu: {uni} · {ranking}, {year}: {result}.",
        "Recorded: {uni} · {ranking}, {year}: {result}.",
    ),
    "rk.form.saved_no_target": (
        "{uni} planlarında bu reytinq üzrə hədəf intervalı yoxdur: nəticə Reytinqlər səhifəsində ayrıca "
        "qrafikdə göstərilir.",
        "The plans of {uni} give no target band in this ranking: the result is drawn in its own chart on the "
        "Rankings page.",
    ),
    # cbhe
    "cb.question": (
        "Erasmus+ CBHE layihələri nə qədər vəsait və hansı tərəfdaşları gətirir?",
        "What do the Erasmus+ CBHE projects bring in money and partners?",
    ),
    "cb.m.projects": ("Layihələr", "Projects"),
    "cb.m.total": ("Ümumi büdcə", "Total budget"),
    "cb.m.total.help": (
        "Büdcəsi göstərilməyən layihələr ({names}) cəmə daxil deyil.",
        "Projects without a budget ({names}) are not in the total.",
    ),
    "cb.m.partners": ("Tərəfdaş təşkilatlar", "Partner organisations"),
    "cb.m.countries": ("Ölkələr", "Countries"),
    "cb.chart.budget": ("Layihələr üzrə büdcə (EUR)", "Budget per project (EUR)"),
    "cb.axis.budget": ("Büdcə, EUR", "Budget, EUR"),
    "cb.axis.project": ("Layihə", "Project"),
    "cb.no_budget": ("büdcə göstərilməyib", "no budget given"),
    "cb.no_participants": ("iştirakçılar göstərilməyib", "participants not listed"),
    "cb.chart.countries": ("Ölkələr üzrə iştirakçılar", "Participants per country"),
    "cb.axis.country": ("Ölkə", "Country"),
    "cb.axis.participants": ("İştirakçı sayı", "Participants"),
    "cb.chart.map": ("İştirakçıların ölkələri", "Where the participants are"),
    "h.cbhe_map": ("İştirakçılar {n} ölkədəndir", "Participants come from {n} countries"),
    "cb.chart.az": (
        "Azərbaycan təşkilatları × layihələr (K = koordinator, T = tərəfdaş)",
        "Azerbaijani organisations × projects (C = coordinator, P = partner)",
    ),
    "cb.letter.coordinator": ("K", "C"),
    "cb.letter.partner": ("T", "P"),
    "cb.chart.periods": ("Layihələrin icra dövrləri", "Project periods"),
    "cb.narrative": ("Kompendiumun mətni", "Compendium narrative"),
    "cb.sec.foreword": ("Ön söz", "Foreword"),
    "cb.sec.introduction": ("Giriş", "Introduction"),
    "cb.sec.overview": ("Ümumi baxış", "Overview"),
    "cb.sec.achievements": ("Nailiyyətlər", "Achievements"),
    "cb.sec.challenges": ("Çağırışlar", "Challenges"),
    "cb.sec.lessons": ("Dərslər", "Lessons"),
    "cb.sec.recommendations": ("Tövsiyələr", "Recommendations"),
    "cb.map_note": (
        "Xəritə layihə ilə gələn fayllardan çəkilir (internet tələb etmir).",
        "The map is drawn from files bundled with the dashboard (no internet needed).",
    ),
    "cb.filters_note": (
        "Bu səhifəyə yalnız illər filtri tətbiq olunur (layihənin dövrü seçilmiş illərlə kəsişir).",
        "Only the year filter applies here (a project counts when its period overlaps the years).",
    ),
    # explorer
    "ex.question": (
        "Filtrlənmiş tədbirlər: axtarın, sıralayın, yükləyin.",
        "The filtered actions: search, sort, download.",
    ),
    "ex.search": ("Axtarış (ad, bölmə, qeyd)", "Search (title, unit, note)"),
    "ex.shown": ("{n} tədbir göstərilir", "{n} actions shown"),
    # courses
    "co.question": (
        "Fənnin əsas göstəriciləri: tədris yükü, mövzular, qiymətləndirmə.",
        "The course at a glance: teaching load, weekly topics and assessment.",
    ),
    "co.m.credits": ("Kredit", "Credits"),
    "co.m.hours": ("Saat (cəmi)", "Hours (total)"),
    "co.m.topics": ("Həftəlik mövzular", "Weekly topics"),
    "co.m.lecture_seminar": ("Mühazirə / seminar", "Lecture / seminar"),
    "co.chart.hours": ("Tədris yükü: mühazirə və seminar saatları", "Teaching load: lecture and seminar hours"),
    "co.chart.assessment": (
        "Qiymətləndirmə: komponentlərin çəkisi (bal)",
        "Assessment: weight of each component (points)",
    ),
    "co.axis.hours": ("Saat", "Hours"),
    "co.axis.points": ("Bal", "Points"),
    "co.axis.component": ("Komponent", "Component"),
    "co.lecture": ("Mühazirə", "Lecture"),
    "co.seminar": ("Seminar", "Seminar"),
    "co.topics": ("Həftəlik mövzular", "Weekly topics"),
    "co.grades": ("Qiymət şkalası", "Grade bands"),
    "co.facts": ("Fənn haqqında", "Course facts"),
    "co.week": ("Həftə", "Week"),
    "co.topic": ("Mövzu", "Topic"),
    "co.content": ("Əsas məzmun", "Main content"),
    "co.points": ("Bal", "Points"),
    "co.grade": ("Qiymət", "Grade"),
    "co.letter": ("Hərf", "Letter"),
    "co.component": ("Komponent", "Component"),
    "co.percent": ("Faiz", "Percent"),
    "co.field.course_code": ("Fənnin kodu", "Course code"),
    "co.field.course_type": ("Fənnin növü", "Course type"),
    "co.field.academic_year": ("Tədris ili", "Academic year"),
    "co.field.semester": ("Semestr", "Semester"),
    "co.field.faculty": ("Fakültə", "Faculty"),
    "co.field.groups": ("Qruplar", "Groups"),
    "co.field.department": ("Kafedra", "Department"),
    "co.field.teacher": ("Müəllim", "Teacher"),
    "co.field.institution": ("Universitet", "Institution"),
    "co.field.title": ("Fənn", "Course"),
    # data
    "da.question": (
        "Nə yüklənib, haradan və nə vaxt? Yükləmə zamanı hansı xəbərdarlıqlar olub?",
        "What is loaded, from where and when? What did the last build warn about?",
    ),
    "da.documents": ("Sənədlər", "Documents"),
    "da.rows": ("Cədvəllərdə sətirlər", "Rows per table"),
    "da.warnings": ("Yoxlama xəbərdarlıqları", "Validation warnings"),
    "da.no_warnings": ("Xəbərdarlıq yoxdur.", "No warnings."),
    "da.built": ("Baza {when} tarixində qurulub.", "Database built {when}."),
    "da.built.path": ("Fayl (yalnız redaktorlar görür): {path}", "File (shown to editors only): {path}"),
    "da.rebuild_hint": (
        "Yeni sənədləri yükləmək üçün: `python -m loaders build` (baza atomik olaraq dəyişdirilir; "
        "panel yeni məlumatı avtomatik görür).",
        "To load new documents: `python -m loaders build` "
        "(the database is swapped atomically; the dashboard picks up the new data by itself).",
    ),
    "da.m.documents": ("Sənədlər", "Documents"),
    "da.m.actions": ("Tədbirlər", "Actions"),
    "da.m.warnings": ("Xəbərdarlıqlar", "Warnings"),
    # headline findings (slide titles)
    "h.per_goal": (
        "Ən çox tədbir {plan} planının {goal_ord} məqsədindədir: {n} / {total}",
        "{plan} goal {goal} holds the most actions: {n} of {total}",
    ),
    "h.unit_top": ("{unit} ən çox tədbirə məsuldur: {n} / {total}", "{unit} leads the most actions: {n} of {total}"),
    "h.busiest_year": (
        "Ən gərgin il {year}: bölmələr üzrə {n} aktiv tapşırıq",
        "The busiest year is {year}: {n} active unit assignments",
    ),
    "h.unit_spread": ("{unit} ən çox məqsədi əhatə edir: {n} məqsəd", "{unit} works across the most goals: {n}"),
    "h.ongoing": (
        "{total} tədbirdən {n}-i müntəzəm və ya hər il təkrarlanandır",
        "{n} of {total} actions are regular or annual",
    ),
    "h.ending_peak": ("Müddətli tədbirlərin çoxu {year_loc} bitir: {n}", "Most dated actions end in {year}: {n}"),
    "h.months": (
        "İllik planlarda ({years}) {total} tədbirdən {n}-i ay üzrə planlaşdırılıb",
        "{n} of {total} activities in the yearly plans ({years}) are scheduled by month",
    ),
    "h.vr_top": ("{vr} ən çox tədbirə nəzarət edir: {n} / {total}", "{vr} oversees the most actions: {n} of {total}"),
    "h.vr_goal": (
        "{vr} ən çox {plan} {goal_ord} məqsəddə çalışır: {n} tədbir",
        "{vr} is busiest on {plan} goal {goal}: {n} actions",
    ),
    "h.unit_portfolios": ("{unit} {n} prorektorun sahəsində işləyir", "{unit} works under {n} portfolios"),
    "h.rankings": (
        "{m} reytinqdə {n} hədəf; {k}-i rəqəmli intervalla",
        "{n} targets in {m} rankings; {k} with a numeric band",
    ),
    "h.cbhe_total": ("{n} layihənin büdcəsi cəmi {total}", "{n} projects bring {total} in total"),
    "h.cbhe_missing": ("(büdcəsi göstərilməyən: {names})", "(no budget given: {names})"),
    "h.cbhe_country": (
        "Ən çox iştirakçı: {country} — {total} iştirakdan {n}",
        "Most participants: {country} — {n} of {total}",
    ),
    "h.cbhe_az": (
        "{k} Azərbaycan təşkilatı iştirak edir; {org} — {n} layihədə",
        "{k} Azerbaijani organisations take part; {org} in {n} projects",
    ),
    "h.cbhe_periods": ("Layihələr {first}–{last} illərini əhatə edir", "The projects run from {first} to {last}"),
    "h.course_hours": (
        "{course}: {total} saat — {lecture} mühazirə, {seminar} seminar",
        "{course}: {total} hours — {lecture} lecture, {seminar} seminar",
    ),
    "h.course_assessment": (
        "Ən böyük çəki: {component} — {total} baldan {n}",
        "The largest weight: {component} — {n} of {total} points",
    ),
    "c.start_month": ("Başlanğıc ayı", "Start month"),
    "c.rows_capped": ("İlk {shown} sətir göstərilir (cəmi {total}). Filtrləri daraldın və ya hamısını CSV/XLSX ilə "
                      "yükləyin.", "Showing the first {shown} of {total} rows. Narrow the filters or download them "
                      "all as CSV/XLSX."),
    "dl.months_capped": ("Aylar qrafikində ilk {shown} fəaliyyət göstərilir (cəmi {total}).",
                         "The month chart shows the first {shown} of {total} activities."),
    "dl.deck_capped": ("təqdimatda ilk {shown} / {total}", "first {shown} of {total} in the deck"),
    "dl.exports": ("Bu səhifəni yüklə (PPTX, XLSX)", "Download this page (PPTX, XLSX)"),
    "dl.deck": ("Təqdimat (PPTX)", "Slides (PPTX)"),
    "dl.workbook": ("Excel iş kitabı (XLSX)", "Excel workbook (XLSX)"),
    "dl.pack": ("İclas paketi", "Meeting pack"),
    "dl.pack.help": (
        "Bütün səhifələrin qrafikləri seçilmiş filtrlərlə bir təqdimatda.",
        "Every page's charts, with the selected filters, in one deck.",
    ),
    "dl.pack.build": ("İclas paketini hazırla", "Build the meeting pack"),
    "dl.pack.progress": ("Hazırlanır…", "Building…"),
    "dl.pack.download": ("İclas paketini yüklə (PPTX)", "Download the meeting pack (PPTX)"),
    "c.goal_ref": ("İstinad", "Reference"),
    "col.acronym": ("Layihə", "Project"),
    "col.project_id": ("Layihə ID", "Project ID"),
    "col.title": ("Adı", "Title"),
    "col.budget_eur": ("Büdcə, EUR", "Budget, EUR"),
    "col.period_raw": ("Tətbiq dövrü", "Implementation period"),
    "col.start_date": ("Başlanğıc", "Start"),
    "col.end_date": ("Son", "End"),
    "col.coordinator": ("Koordinator", "Coordinator"),
    "col.coordinator_country": ("Koordinatorun ölkəsi", "Coordinator country"),
    "col.partner_count": ("Tərəfdaş sayı", "Partners"),
    "col.url": ("Sayt", "Website"),
    "col.organisation": ("Təşkilat", "Organisation"),
    "col.country": ("Ölkə kodu", "Country code"),
    "col.country_name": ("Ölkə", "Country"),
    "col.role": ("Rol", "Role"),
    "col.document_id": ("Sənəd", "Document"),
    "col.document": ("Sənəd", "Document"),
    "col.goal_no": ("Məqsəd", "Goal"),
    "col.target_no": ("Hədəf", "Target"),
    "col.action_no": ("Tədbir №", "Action no."),
    "col.deadline_raw": ("Müddət (yazıldığı kimi)", "Deadline (as written)"),
    "col.kind": ("Növ", "Kind"),
    "col.institution": ("Universitet", "Institution"),
    "col.period_start": ("Dövrün əvvəli", "Period start"),
    "col.period_end": ("Dövrün sonu", "Period end"),
    "col.source_file": ("Mənbə fayl", "Source file"),
    "col.sha256": ("SHA-256", "SHA-256"),
    "col.bytes": ("Bayt", "Bytes"),
    "col.loaded_at": ("Yüklənib", "Loaded at"),
    "col.file": ("Fayl", "File"),
    "col.location": ("Yer", "Where"),
    "col.message": ("Xəbərdarlıq", "Warning"),
    "col.candidates": ("Ən yaxın adlar", "Closest known names"),
    "col.table_name": ("Cədvəl", "Table"),
    "col.rows_estimate": ("Sətirlər", "Rows"),
    "col.column_count": ("Sütunlar", "Columns"),
    "col.import_id": ("Yükləmə", "Import"),
    "col.file_name": ("Fayl", "File"),
    "col.imported_by": ("Yükləyən", "Imported by"),
    "col.imported_at": ("Yüklənib", "Imported at"),
    "col.undone_by": ("Geri alan", "Undone by"),
    "col.undone_at": ("Geri alınıb", "Undone at"),
    "c.end_month": ("Son ay", "End month"),
    # editing
    "ed.off": (
        "Yazma bağlıdır: redaktor parolu təyin edilməyib. Açmaq üçün `STRATEGY_EDITOR_PASSWORD` mühit "
        "dəyişənini və ya `.streamlit/secrets.toml` faylında `editor_password` dəyərini təyin edin.",
        "Writing is off: no editor password is set. To turn it on, set the environment variable "
        "`STRATEGY_EDITOR_PASSWORD` or `editor_password` in `.streamlit/secrets.toml`.",
    ),
    "ed.name": ("Adınız (dəyişikliklərdə qeyd olunur)", "Your name (recorded with every change)"),
    "ed.password": ("Redaktor parolu", "Editor password"),
    "ed.sign_in": ("Daxil ol", "Sign in"),
    "ed.sign_out": ("Çıxış", "Sign out"),
    "ed.signed_in": ("Redaktor: {name}", "Editor: {name}"),
    "ed.need_name": ("Adınızı yazın.", "Enter your name."),
    "ed.wrong": ("Parol səhvdir.", "Wrong password."),
    "im.header": ("Sənəd yüklə", "Import a document"),
    "im.help": (
        "Planı olduğu kimi yükləyin: PDF, Word (.docx) və ya Excel (.xlsx) cədvəli istənilən sütun düzülüşündə, "
        "plan şablonu və ya .txt; ən çoxu 20 MB. Növ məzmundan təyin olunur; yazmazdan əvvəl hər sütunun necə "
        "oxunduğu və nəyin dəyişəcəyi göstərilir.",
        "Drop in the plan as it is: a PDF, Word (.docx) or Excel (.xlsx) table in any column layout, the plan "
        "template or .txt; 20 MB at most. The kind is told from the content; before anything is written you see "
        "how each column was read and what will change.",
    ),
    "im.upload": ("Fayl", "File"),
    "im.columns": ("Sütunlar necə oxundu", "How the columns were read"),
    "im.columns.help": (
        "Hər sütunun rolu başlığından və məzmunundan təyin olunub. Səhv olan rolu dəyişin: önizləmə yenilənir, "
        "seçim bu universitetin növbəti sənədi üçün yadda saxlanılır.",
        "Each column's role was decided from its header and its content. Change a wrong role: the preview is "
        "read again, and the choice is remembered for this university's next document.",
    ),
    "im.columns.table": ("Cədvəl: {where}", "Table: {where}"),
    "im.col.header": ("Sütun başlığı", "Column header"),
    "im.col.example": ("Nümunə", "Example"),
    "im.col.role": ("Rol", "Role"),
    "im.col.no_header": ("(başlıqsız sütun {n})", "(column {n} without a header)"),
    "colrole.number": ("Nömrə", "Number"),
    "colrole.goal": ("Məqsəd", "Goal"),
    "colrole.target": ("Hədəf", "Target"),
    "colrole.title": ("Tədbir (ad)", "Action (title)"),
    "colrole.deadline": ("İcra müddəti", "Deadline"),
    "colrole.lead": ("Məsul bölmə", "Responsible unit"),
    "colrole.partner": ("Tərəfdaş bölmə", "Partner unit"),
    "colrole.oversight": ("Nəzarət (prorektor)", "Oversight (vice-rector)"),
    "colrole.indicator": ("Gözlənilən nəticə / indikator", "Expected result / indicator"),
    "colrole.note": ("Qeyd", "Note"),
    "colrole.ignore": ("Nəzərə alma", "Ignore"),
    "im.preview": ("Önizləmə", "Preview"),
    "im.apply": ("Tətbiq et", "Apply"),
    "im.applied": ("Yükləndi: {id}. Məlumat bazası yeniləndi.", "Imported as {id}. The database is updated."),
    "im.nothing": ("Dəyişiklik yoxdur: heç nə yazılmadı.", "No changes: nothing was written."),
    "im.error": (
        "Fayl qəbul edilmədi; məlumat bazası dəyişməyib. {error}",
        "The file was refused; the database is unchanged. {error}",
    ),
    "im.history": ("Yükləmələr", "Imports"),
    "im.undo": ("Son yükləməni geri al", "Undo the last import"),
    "im.undone": ("Geri alındı: {id}", "Undone: {id}"),
    "im.no_undo": ("Geri alınacaq yükləmə yoxdur.", "There is no import to undo."),
    "im.template": ("Plan şablonu (XLSX)", "Plan template (XLSX)"),
    "im.template.help": (
        "Planlar, açılan siyahılar və status vərəqi; doldurub yenidən yükləyin.",
        "The plans with drop-down lists and a status sheet; fill it in and import it back.",
    ),
    "im.need_editor": ("Yükləmək üçün redaktor kimi daxil olun.", "Sign in as an editor to import."),
    # progress
    "nav.progress": ("İcra vəziyyəti", "Progress"),
    "pr.question": (
        "Tədbirlər necə gedir: nə icra olunub, nə gecikir, nə çoxdan yenilənməyib?",
        "How is the plan going: what is done, what is late, what has not been updated for long?",
    ),
    "pr.m.recorded": ("Statusu qeyd olunan", "With a status"),
    "pr.m.done": ("İcra olunub", "Done"),
    "pr.m.at_risk": ("Risk altında", "At risk"),
    "pr.m.overdue": ("Gecikən", "Overdue"),
    "pr.m.stale": ("{days} gündən çox yenilənməyən", "Not updated for {days}+ days"),
    "pr.implied": (
        "{n} sətirdə status seçilməmişdi: onlar «icra olunur» kimi qeyd olundu.",
        "{n} row(s) had no status chosen: they were recorded as 'in progress'.",
    ),
    "pr.m.not_assessed": ("Hələ qiymətləndirilməyən tədbirlər", "Actions not yet assessed"),
    "pr.none": (
        "Hələ heç bir status qeyd olunmayıb, ona görə «gecikən» və ya «icra olunan» saylar göstərilmir. Başlamaq "
        "üçün redaktor kimi daxil olub aşağıdakı cədvəldə status qeyd edin və ya plan şablonunun «status» "
        "vərəqini doldurub Məlumatlar səhifəsində yükləyin.",
        "No status is recorded yet, so no overdue or done figures are shown. To start, sign in as an editor and "
        "record statuses in the table below, or fill in the plan template's 'status' sheet and import it on the "
        "Data page.",
    ),
    "pr.chart.unit": ("Bölmələr üzrə icra (məsul olduqları tədbirlər)", "Completion per unit (actions they lead)"),
    "pr.chart.vr": ("Prorektorlar üzrə icra", "Completion per vice-rector"),
    "pr.chart.goal": ("Məqsədlər üzrə icra", "Completion per goal"),
    "pr.axis.share": ("Tədbirlər", "Actions"),
    "pr.overdue": ("Müddəti keçmiş, icra olunmamış tədbirlər", "Dated actions past their end year and not done"),
    "pr.stale": ("Çoxdan yenilənməyən tədbirlər", "Actions not updated for a long time"),
    "pr.editor": ("Statusları qeyd et", "Record status"),
    "pr.save": ("Yadda saxla", "Save"),
    "pr.saved": ("{n} status qeyd olundu.", "{n} status rows recorded."),
    "pr.no_change": ("Dəyişiklik yoxdur.", "Nothing changed."),
    "pr.history_note": (
        "Tarixçə yalnız əlavə olunur: hər yadda saxlama yeni sətirdir (kim, nə vaxt).",
        "History is append-only: every save adds rows (who, when).",
    ),
    "pr.results": ("Reytinq nəticəsini qeyd et", "Record a ranking result"),
    "pr.rank_best": ("Yer (və ya intervalın əvvəli)", "Place (or start of the band)"),
    "pr.rank_worst": ("İntervalın sonu (yer dəqiqdirsə boş)", "End of the band (empty for an exact place)"),
    "pr.source": ("Mənbə", "Source"),
    "pr.result_saved": ("Nəticə qeyd olundu.", "Result recorded."),
    "st.not_started": ("Başlanmayıb", "Not started"),
    "st.in_progress": ("İcradadır", "In progress"),
    "st.done": ("İcra olunub", "Done"),
    "st.at_risk": ("Risk altında", "At risk"),
    "st.cancelled": ("Ləğv edilib", "Cancelled"),
    "st.none": ("Qeyd olunmayıb", "Not recorded"),
    "st.other": ("Digər status (icrada, başlanmayıb, ləğv)", "Other status (in progress, not started, cancelled)"),
    "c.status": ("Status", "Status"),
    "c.progress": ("İcra, %", "Progress, %"),
    "c.comment": ("Şərh", "Comment"),
    "c.evidence": ("Sübut (link)", "Evidence (link)"),
    "c.as_of": ("Tarix", "As of"),
    "c.recorded_by": ("Qeyd edən", "Recorded by"),
    "err.db": ("Məlumat bazası açıla bilmədi: {error}", "The database could not be opened: {error}"),
    "err.build": ("Məlumat bazası qurula bilmədi: {error}", "The database could not be built: {error}"),
    "err.page": ("Bu hissə göstərilə bilmədi: {error}", "This part could not be shown: {error}"),
}


# Azerbaijani suffixes follow the vowel of the number as spoken: 1-ci, 3-cü, 6-cı, 9-cu; 2025-də, 2026-da.
_ORD_UNITS = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_ORD_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}
_LOC_UNITS = {1: "də", 2: "də", 3: "də", 4: "də", 5: "də", 6: "da", 7: "də", 8: "də", 9: "da"}
_LOC_TENS = {1: "da", 2: "də", 3: "da", 4: "da", 5: "də", 6: "da", 7: "də", 8: "də", 9: "da"}


def _az_suffix(n: int, units: dict[int, str], tens: dict[int, str], hundreds: str) -> str:
    if n % 10:
        return units[n % 10]
    if n % 100:
        return tens[(n // 10) % 10]
    return hundreds


def az_ordinal(n: int) -> str:
    """1 -> '1-ci', 3 -> '3-cü', 6 -> '6-cı', 10 -> '10-cu'."""
    return f"{n}-{_az_suffix(int(n), _ORD_UNITS, _ORD_TENS, 'cü')}"


def az_locative(n: int) -> str:
    """2025 -> '2025-də', 2026 -> '2026-da', 2030 -> '2030-da'."""
    return f"{n}-{_az_suffix(int(n), _LOC_UNITS, _LOC_TENS, 'də')}"


def t(key: str, lang: str = "az", **kw: object) -> str:
    az, en = M[key]
    text = en if lang == "en" else az
    if "goal" in kw and kw["goal"] is not None:
        kw.setdefault("goal_ord", az_ordinal(int(kw["goal"])))
    if "year" in kw and kw["year"] is not None:
        kw.setdefault("year_loc", az_locative(int(kw["year"])))
    return text.format(**kw) if kw else text
