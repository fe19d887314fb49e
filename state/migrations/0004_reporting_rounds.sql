-- The reporting year: rounds a university opens and closes, what units report in them (append-only),
-- the evidence files they attach, and each university's thresholds for the computed state.
CREATE TABLE reporting_rounds (
    round_id TEXT PRIMARY KEY,
    institution TEXT NOT NULL,
    label TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    due_date DATE NOT NULL,
    grace_days INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 365),
    opened_by TEXT NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    closed_by TEXT,
    closed_at TIMESTAMP,
    CHECK (period_start <= period_end)
);
CREATE TABLE round_updates (
    update_id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES reporting_rounds (round_id),
    action_key TEXT NOT NULL,
    status TEXT CHECK (status IN ('not_started', 'in_progress', 'done', 'at_risk', 'cancelled')),
    progress_pct DOUBLE PRECISION CHECK (progress_pct BETWEEN 0 AND 100),
    actual_value DOUBLE PRECISION,
    comment TEXT,
    evidence_url TEXT,
    evidence_sha256 TEXT,
    evidence_name TEXT,
    late BOOLEAN NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE TABLE evidence_files (
    sha256 TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BYTEA NOT NULL,
    institution TEXT NOT NULL,
    stored_by TEXT NOT NULL,
    stored_at TIMESTAMP NOT NULL
);
CREATE TABLE state_thresholds (
    institution TEXT PRIMARY KEY,
    on_track DOUBLE PRECISION NOT NULL,
    behind DOUBLE PRECISION NOT NULL,
    set_by TEXT NOT NULL,
    set_at TIMESTAMP NOT NULL,
    CHECK (0 < behind AND behind < on_track AND on_track <= 2)
);
