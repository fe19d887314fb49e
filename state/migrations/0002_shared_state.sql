-- Shared state the embedded mode did not keep: imported documents, the published plan version,
-- users and their roles, and an audit log of who changed what.
CREATE TABLE imported_documents (
    sha256 TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BYTEA NOT NULL,
    stored_by TEXT NOT NULL,
    stored_at TIMESTAMP NOT NULL,
    import_id TEXT
);

-- One row: bumped by every import or undo, so every app server can see the published plan changed.
CREATE TABLE plan_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_by TEXT,
    changed_at TIMESTAMP,
    reason TEXT
);
INSERT INTO plan_version VALUES (1, 0, NULL, NULL, NULL);

CREATE TABLE user_roles (
    email TEXT PRIMARY KEY,
    name TEXT,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'unit_editor', 'university_editor', 'admin')),
    institution TEXT,
    unit_name TEXT,
    granted_by TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at TIMESTAMP NOT NULL,
    who_name TEXT NOT NULL,
    who_email TEXT,
    action TEXT NOT NULL,
    institution TEXT,
    detail TEXT
);
CREATE INDEX audit_log_changed_at ON audit_log (changed_at DESC);
