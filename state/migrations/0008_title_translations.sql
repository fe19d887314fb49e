-- English titles an editor gives to actions and goals a university wrote only in Azerbaijani (append-only; the
-- newest per item is in force; a NULL title withdraws one). Applied to the plan database when it is built.
CREATE TABLE title_translations (
    translation_id TEXT PRIMARY KEY,
    institution TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'goal')),
    item_key TEXT NOT NULL,
    title_en TEXT,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
CREATE INDEX title_translations_items ON title_translations (kind, item_key, decided_at);
