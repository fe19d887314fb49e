-- The user store as it was in the embedded DuckDB file (loaders/user_store.py SCHEMA), plus the
-- change counter that user_store.version() reads (bumped by every write transaction).
CREATE TABLE action_status (
    action_key TEXT NOT NULL,
    as_of DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'at_risk', 'cancelled')),
    progress_pct DOUBLE PRECISION CHECK (progress_pct BETWEEN 0 AND 100),
    comment TEXT,
    evidence_url TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    import_id TEXT
);
CREATE INDEX action_status_key ON action_status (action_key, as_of DESC, recorded_at DESC);
CREATE INDEX action_status_import ON action_status (import_id) WHERE import_id IS NOT NULL;

CREATE TABLE ranking_results (
    institution TEXT NOT NULL,
    ranking TEXT NOT NULL,
    year INTEGER NOT NULL,
    rank_best INTEGER,
    rank_worst INTEGER,
    source TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CHECK (rank_best IS NULL OR rank_worst IS NULL OR rank_best <= rank_worst)
);

CREATE TABLE import_log (
    import_id TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    undone_by TEXT,
    undone_at TIMESTAMP
);

CREATE TABLE unit_decisions (
    decision_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    institution TEXT,
    decision TEXT NOT NULL CHECK (decision IN ('merge', 'accept')),
    unit_name TEXT,
    name_en TEXT,
    kind TEXT,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    undone_by TEXT,
    undone_at TIMESTAMP
);

CREATE TABLE column_mappings (
    sha256 TEXT NOT NULL,
    institution TEXT NOT NULL,
    mapping TEXT NOT NULL,
    chosen_by TEXT NOT NULL,
    chosen_at TIMESTAMP NOT NULL
);

-- One row: a counter every write transaction bumps just before it commits (see state_pg.PgState.writer).
CREATE TABLE state_change (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL,
    changed_at TIMESTAMP
);
INSERT INTO state_change VALUES (1, 0, NULL);
