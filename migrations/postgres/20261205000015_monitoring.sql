-- Stage 5 monitoring (storage/src/monitoring.rs). An appeal keeps when staff first acted on
-- it (a move or a decision: the fold of its history, like the rest of its state), taken for
-- the appeals filed before from their history. The dashboard reads the appeals filed,
-- answered or due in a period, and those still waiting, each through an index of its own;
-- a reopening counts the later appeals of the same address and category.
ALTER TABLE appeals ADD COLUMN first_action_at BIGINT;
UPDATE appeals SET first_action_at = (
    SELECT MIN(e.at) FROM appeal_events e
    WHERE e.appeal_id = appeals.id
      AND e.kind IN ('moved', 'recategorised', 'forwarded', 'handed_over', 'additional_study',
                     'linked', 'rejected', 'extended', 'evaluated'));
CREATE INDEX appeals_created ON appeals (created_at);
CREATE INDEX appeals_answered ON appeals (answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX appeals_due ON appeals (due_at);
CREATE INDEX appeals_awaiting ON appeals (created_at) WHERE answered_at IS NULL AND closed_at IS NULL;
CREATE INDEX appeals_address_category ON appeals (address_key, category, created_at) WHERE address_key <> '';

-- Where the mahallas' traffic lights change colour, as an administrator set them (no row:
-- the defaults of domain/src/metrics.rs). One row; each change is audited.
CREATE TABLE light_thresholds (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    breach_yellow DOUBLE PRECISION NOT NULL,
    breach_red DOUBLE PRECISION NOT NULL,
    reopen_yellow DOUBLE PRECISION NOT NULL,
    reopen_red DOUBLE PRECISION NOT NULL,
    solved_yellow DOUBLE PRECISION NOT NULL,
    solved_red DOUBLE PRECISION NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT
);

-- Exports run in the background when they are long (storage/src/exports.rs): each job keeps
-- its progress, and its file in chunks, in the database, so that any instance can report and
-- serve it. Old jobs are deleted by the housekeeping.
CREATE TABLE export_jobs (
    id TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    rows_total BIGINT NOT NULL,
    rows_done BIGINT NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'running',
    finished_at BIGINT
);
CREATE TABLE export_chunks (
    job_id TEXT NOT NULL REFERENCES export_jobs (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (job_id, seq)
);
