-- Plan to plan: an editor's decision on a match between an action of a university's earlier plan and one of
-- its next plan (append-only; the newest decision per pair is in force; 'clear' withdraws one).
CREATE TABLE plan_match_decisions (
    decision_id TEXT PRIMARY KEY,
    institution TEXT NOT NULL,
    old_document TEXT NOT NULL,
    new_document TEXT NOT NULL,
    old_key TEXT NOT NULL,
    new_key TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirm', 'break', 'clear')),
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
CREATE INDEX plan_match_decisions_plans ON plan_match_decisions (old_document, new_document, decided_at);
