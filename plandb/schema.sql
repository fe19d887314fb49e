-- Schema of the strategy database. Views at the end are the data contract (docs/schema.md).

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE documents (
    document_id VARCHAR PRIMARY KEY,      -- e.g. 'qku_strategic_plan'
    kind VARCHAR NOT NULL,
    institution VARCHAR,
    title VARCHAR NOT NULL,
    period_start INTEGER,
    period_end INTEGER,
    plan_label VARCHAR,                   -- 'QKU', or 'GDU 2019-2022' when a university has several plans loaded
    source_file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    bytes BIGINT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);

CREATE TABLE institutions (code VARCHAR PRIMARY KEY, name_az VARCHAR NOT NULL, name_en VARCHAR NOT NULL, city VARCHAR);
-- Units: the reference vocabulary, names accepted on review, and names found in documents that
-- nobody has reviewed yet (reviewed = false, kept and shown like any other unit). A unit belongs to
-- the university whose actions name it: queries group by (institution, unit_name).
-- kind: department, centre, faculty, governance count as units of a university; generic
-- (placeholders such as "Müvafiq struktur bölmələr"), students and external bodies do not.
CREATE TABLE units (
    unit_name VARCHAR PRIMARY KEY,
    name_en VARCHAR,                       -- NULL until someone gives it (new names)
    kind VARCHAR NOT NULL,
    reviewed BOOLEAN NOT NULL,
    first_seen VARCHAR                     -- university whose document first named a new unit
);
CREATE TABLE unit_aliases (alias VARCHAR NOT NULL, unit_name VARCHAR NOT NULL REFERENCES units (unit_name));
CREATE TABLE vice_rectors (key VARCHAR PRIMARY KEY, name_az VARCHAR NOT NULL, name_en VARCHAR NOT NULL);
CREATE TABLE rankings (key VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, publisher VARCHAR, url VARCHAR);
CREATE TABLE countries (code VARCHAR PRIMARY KEY, name_az VARCHAR NOT NULL, name_en VARCHAR NOT NULL, iso3 VARCHAR);

CREATE TABLE goals (
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    institution VARCHAR NOT NULL,
    goal_no INTEGER NOT NULL,
    title VARCHAR,
    title_en VARCHAR,                      -- an English title where the university gives one
    PRIMARY KEY (document_id, goal_no)
);

CREATE TABLE targets (
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    institution VARCHAR NOT NULL,
    goal_no INTEGER NOT NULL,
    target_no INTEGER NOT NULL,
    title VARCHAR,
    title_en VARCHAR,
    PRIMARY KEY (document_id, goal_no, target_no)
);

CREATE TABLE actions (
    action_key VARCHAR PRIMARY KEY,        -- stable across rebuilds: status history hangs on it
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    institution VARCHAR NOT NULL,
    seq INTEGER NOT NULL,                  -- order in the document
    goal_no INTEGER,
    target_no INTEGER,
    action_no INTEGER,
    goal_ref VARCHAR,                      -- the reference as written (NDU: '2-1.3')
    title VARCHAR NOT NULL,
    deadline_raw VARCHAR,
    start_year INTEGER,
    end_year INTEGER,
    start_month INTEGER,
    end_month INTEGER,
    recurrence VARCHAR CHECK (recurrence IN ('regular', 'semester', 'period', 'annual', 'once')),
    active_from INTEGER NOT NULL,          -- years the action is active: its own, else its plan's period
    active_to INTEGER NOT NULL,
    responsible_raw VARCHAR,
    note_raw VARCHAR,
    source_line INTEGER,
    indicator_quantitative VARCHAR,
    indicator_qualitative VARCHAR,
    baseline VARCHAR,
    resources VARCHAR,
    evidence VARCHAR,
    reporting VARCHAR,
    means VARCHAR,
    expected_result VARCHAR,
    notes VARCHAR,
    unplaced VARCHAR,
    title_en VARCHAR,                      -- an English title where the university gives one
    -- where in its document the action was read (parse.provenance.Source); NULL where the document has no such
    -- place (a sheet has no page) or the reader does not know it
    source_file VARCHAR,                   -- the file's own name, never a path
    source_page INTEGER,
    source_sheet VARCHAR,
    source_table INTEGER,
    source_row INTEGER,                    -- the row in the table or on the sheet, as the document numbers it
    source_paragraph INTEGER,              -- a Word plan without a table: the action's paragraph
    source_method VARCHAR,                 -- lines | words | docx | paragraphs | xlsx | ocr | text
    uncertain VARCHAR[]                    -- reasons a person should check it: ocr, inferred_role, split_name
);

CREATE TABLE action_units (
    action_key VARCHAR NOT NULL REFERENCES actions (action_key),
    unit_name VARCHAR NOT NULL REFERENCES units (unit_name),
    role VARCHAR NOT NULL CHECK (role IN ('lead', 'partner')),
    pos INTEGER NOT NULL
);
CREATE TABLE action_oversight (
    action_key VARCHAR NOT NULL REFERENCES actions (action_key),
    vice_rector VARCHAR NOT NULL REFERENCES vice_rectors (key),
    pos INTEGER NOT NULL
);
-- The result indicator of an action: its name as written, and the target read from the plan's text (or given in
-- the template's indicator columns). target_value NULL: no number could be read (never 0 for "not given").
CREATE TABLE action_indicators (
    action_key VARCHAR NOT NULL REFERENCES actions (action_key),
    name VARCHAR,
    unit VARCHAR CHECK (unit IN ('count', 'percent', 'times')),
    baseline_value DOUBLE,
    target_value DOUBLE,
    period VARCHAR CHECK (period IN ('year', 'half_year', 'semester', 'quarter', 'month')),
    comparator VARCHAR CHECK (comparator IN ('at_least', 'at_most')),
    source_column VARCHAR,                 -- where the target was read: indicator_quantitative, baseline ..., template
    source_text VARCHAR
);
CREATE TABLE action_people (action_key VARCHAR NOT NULL REFERENCES actions (action_key), person VARCHAR NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE action_strategy_codes (action_key VARCHAR NOT NULL REFERENCES actions (action_key), code VARCHAR NOT NULL, pos INTEGER NOT NULL);
-- A row's references to its university's strategic plan (parse/strategy_refs.py): as written, and read to goal,
-- target and action numbers ("3-3.1", "3.3.1" and "Məqsəd 3, hədəf 3.1" are 3, 3, 1). level NULL: the text
-- names no item number (kept, listed as not understood). Resolved at query time (v_strategy_refs), so a strategic
-- plan imported later resolves the references of the yearly plans already loaded.
CREATE TABLE strategy_refs (
    action_key VARCHAR NOT NULL REFERENCES actions (action_key),
    pos INTEGER NOT NULL,
    ref_text VARCHAR NOT NULL,
    goal_no INTEGER,
    target_no INTEGER,
    action_no INTEGER,
    level VARCHAR CHECK (level IN ('goal', 'target', 'action'))
);

CREATE TABLE ranking_targets (
    institution VARCHAR NOT NULL,
    ranking VARCHAR NOT NULL REFERENCES rankings (key),
    best_rank INTEGER,
    worst_rank INTEGER,
    deadline_raw VARCHAR,
    end_year INTEGER,
    action_key VARCHAR NOT NULL REFERENCES actions (action_key)
);

CREATE TABLE cbhe_projects (
    project_id VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    seq INTEGER NOT NULL,
    acronym VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    objective VARCHAR,
    budget_eur DECIMAL(14, 2),             -- NULL where the compendium gives no budget
    budget_raw VARCHAR,
    period_raw VARCHAR,
    start_date DATE,
    end_date DATE,
    period_precision VARCHAR,              -- 'year' or 'month'
    url VARCHAR,                           -- NULL for 'TBA'
    summary VARCHAR,
    participants_listed BOOLEAN NOT NULL
);
CREATE TABLE organisations (organisation VARCHAR PRIMARY KEY, country VARCHAR REFERENCES countries (code));
CREATE TABLE cbhe_participants (
    project_id VARCHAR NOT NULL REFERENCES cbhe_projects (project_id),
    organisation VARCHAR NOT NULL REFERENCES organisations (organisation),
    role VARCHAR NOT NULL CHECK (role IN ('coordinator', 'partner')),
    pos INTEGER NOT NULL
);
CREATE TABLE cbhe_narrative (
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    section_key VARCHAR NOT NULL,
    heading VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    pos INTEGER NOT NULL
);

CREATE TABLE courses (
    course_code VARCHAR PRIMARY KEY,
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    institution VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    course_type VARCHAR,
    academic_year VARCHAR,
    semester VARCHAR,
    faculty VARCHAR,
    groups VARCHAR,
    department VARCHAR,
    teacher VARCHAR,
    hours_total INTEGER,
    hours_lecture INTEGER,
    hours_seminar INTEGER,
    credits INTEGER,
    credits_raw VARCHAR
);
CREATE TABLE course_topics (course_code VARCHAR NOT NULL REFERENCES courses (course_code), week INTEGER NOT NULL, title VARCHAR NOT NULL, content VARCHAR);
CREATE TABLE course_assessment (course_code VARCHAR NOT NULL REFERENCES courses (course_code), component VARCHAR NOT NULL, points INTEGER NOT NULL, percent DOUBLE NOT NULL, pos INTEGER NOT NULL);
CREATE TABLE course_grades (course_code VARCHAR NOT NULL REFERENCES courses (course_code), min_points INTEGER NOT NULL, max_points INTEGER NOT NULL, grade_word VARCHAR NOT NULL, letter VARCHAR NOT NULL);

CREATE TABLE validation_warnings (file VARCHAR NOT NULL, location VARCHAR NOT NULL, message VARCHAR NOT NULL, candidates VARCHAR[]);

-- What users record (action status, ranking results, imports) lives in data/user.duckdb
-- (loaders/user_store.py), which rebuilds never touch.

-- ---------------------------------------------------------------- data contract views
-- Every action's lists (units by role, vice-rectors, people, strategy codes) in document order,
-- derived once by the build (loaders/derived.sql): v_actions and the dashboard's queries join it.
CREATE TABLE action_lists (
    action_key VARCHAR PRIMARY KEY REFERENCES actions (action_key),
    lead_units VARCHAR[] NOT NULL,
    partner_units VARCHAR[] NOT NULL,
    vice_rectors VARCHAR[] NOT NULL,
    people VARCHAR[] NOT NULL,
    strategy_codes VARCHAR[] NOT NULL
);

CREATE VIEW v_actions AS
SELECT a.institution, a.document_id, a.goal_no, a.target_no, a.action_no, a.title, a.deadline_raw,
       a.start_year, a.end_year, a.recurrence, l.lead_units, l.partner_units, l.vice_rectors,
       a.active_from, a.active_to
FROM actions a JOIN action_lists l USING (action_key)
ORDER BY a.document_id, a.seq;

CREATE VIEW v_ranking_targets AS
SELECT r.institution, r.ranking, r.best_rank, r.worst_rank, r.deadline_raw, a.goal_no, a.target_no, a.action_no
FROM ranking_targets r JOIN actions a USING (action_key)
ORDER BY r.institution, a.goal_no, a.target_no, a.action_no, r.ranking;

CREATE VIEW v_cbhe_projects AS
SELECT p.project_id, p.acronym, p.title, p.budget_eur, p.start_date, p.end_date,
       c.organisation AS coordinator, o.country AS coordinator_country,
       CASE WHEN p.participants_listed
            THEN (SELECT count(*) FROM cbhe_participants x WHERE x.project_id = p.project_id AND x.role = 'partner')
       END::INTEGER AS partner_count,
       p.url
FROM cbhe_projects p
LEFT JOIN cbhe_participants c ON c.project_id = p.project_id AND c.role = 'coordinator'
LEFT JOIN organisations o ON o.organisation = c.organisation
ORDER BY p.seq;

CREATE VIEW v_cbhe_participants AS
SELECT x.project_id, p.acronym, x.organisation, o.country, x.role
FROM cbhe_participants x JOIN cbhe_projects p USING (project_id) JOIN organisations o USING (organisation)
ORDER BY p.seq, x.pos;

CREATE VIEW v_courses AS
SELECT c.course_code, c.title, c.institution, c.department, c.credits, c.hours_total, c.hours_lecture,
       c.hours_seminar, (SELECT count(*) FROM course_topics t WHERE t.course_code = c.course_code)::INTEGER AS weekly_topics
FROM courses c;

-- ---------------------------------------------------------------- yearly plans under the strategy
-- A plan's strategic plan: the same university's plan with goals whose period covers this plan's and is longer
-- (the newest such plan when there are several). A yearly plan covers one calendar or academic year.
CREATE VIEW v_plan_strategy AS
SELECT d.document_id, d.institution, d.period_start, d.period_end,
       (d.period_end - d.period_start) <= 1 AS yearly,
       s.document_id AS strategy_document
FROM documents d
LEFT JOIN documents s
       ON s.institution = d.institution AND s.document_id <> d.document_id
      AND s.period_start <= d.period_start AND s.period_end >= d.period_end
      AND (s.period_end - s.period_start) > (d.period_end - d.period_start)
      AND EXISTS (SELECT 1 FROM goals g WHERE g.document_id = s.document_id)
WHERE d.institution IS NOT NULL AND d.period_start IS NOT NULL
  AND EXISTS (SELECT 1 FROM actions a WHERE a.document_id = d.document_id)
QUALIFY row_number() OVER (PARTITION BY d.document_id
                           ORDER BY s.period_start DESC NULLS LAST, s.period_end DESC, s.document_id) = 1;

-- Every reference with its state: resolved (the strategic plan has the item), unknown (it has not),
-- no_plan (no strategic plan covering the yearly plan is loaded), unreadable (no item number in the text).
CREATE VIEW v_strategy_refs AS
SELECT r.action_key, a.document_id, a.institution, r.pos, r.ref_text, r.goal_no, r.target_no, r.action_no, r.level,
       p.strategy_document,
       CASE WHEN r.level IS NULL THEN 'unreadable'
            WHEN p.strategy_document IS NULL THEN 'no_plan'
            WHEN r.level = 'goal' AND EXISTS (SELECT 1 FROM goals g WHERE g.document_id = p.strategy_document
                                              AND g.goal_no = r.goal_no) THEN 'resolved'
            WHEN r.level = 'target' AND EXISTS (SELECT 1 FROM targets t WHERE t.document_id = p.strategy_document
                                                AND t.goal_no = r.goal_no AND t.target_no = r.target_no) THEN 'resolved'
            WHEN r.level = 'action' AND EXISTS (SELECT 1 FROM actions x WHERE x.document_id = p.strategy_document
                                                AND x.goal_no = r.goal_no AND x.target_no = r.target_no
                                                AND x.action_no = r.action_no) THEN 'resolved'
            ELSE 'unknown' END AS state
FROM strategy_refs r JOIN actions a USING (action_key)
LEFT JOIN v_plan_strategy p ON p.document_id = a.document_id
ORDER BY a.document_id, a.seq, r.pos;
