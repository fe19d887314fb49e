-- The published plan database itself, so that every app server can fetch the file an import, undo or
-- unit review produced on any server (loaders/plan_sync.py). One row per version, its bytes in parts
-- of a few megabytes; the publishing transaction also bumps plan_version, so version N always has file N.
CREATE TABLE published_plan (
    version BIGINT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    parts INTEGER NOT NULL,
    -- JSON: the imported documents the file was built from ({"name", "sha256"}; bytes in imported_documents)
    imported_files TEXT NOT NULL,
    -- JSON: per import not undone, the files it superseded ({"import_id": {"added", "moved": [...]}})
    snapshots TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL
);

CREATE TABLE published_plan_parts (
    version BIGINT NOT NULL REFERENCES published_plan (version) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    part INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (version, part)
);
