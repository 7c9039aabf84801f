-- The board: who works an appeal, what each stage recorded, closing; who did each event;
-- internal notes and the thread with the citizen. Instants are Unix seconds in UTC.

-- The staff member working the appeal (set when it moves to Analysis).
ALTER TABLE appeals ADD COLUMN assignee_id INTEGER REFERENCES users (id);
-- Recorded on the way to Resolution.
ALTER TABLE appeals ADD COLUMN analysis TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN severity TEXT CHECK (severity IN ('low', 'medium', 'high'));
-- Recorded on the way to Answer: what was done, and the answer the citizen reads.
ALTER TABLE appeals ADD COLUMN measures TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN answered_at INTEGER;
-- Recorded in Monitoring; the evaluation closes the appeal (it leaves the board).
ALTER TABLE appeals ADD COLUMN outcome TEXT CHECK (outcome IN ('resolved', 'partly', 'not_resolved'));
ALTER TABLE appeals ADD COLUMN recommendation TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN closed_at INTEGER;

-- The board reads open appeals only: a partial index keeps it fast over years of closed ones.
CREATE INDEX appeals_open ON appeals (mahalla_id, stage, created_at) WHERE closed_at IS NULL;

-- Who did it (the account), and what kind of event it is.
ALTER TABLE appeal_events ADD COLUMN actor_id INTEGER REFERENCES users (id);
ALTER TABLE appeal_events ADD COLUMN action TEXT NOT NULL DEFAULT 'moved';
-- What the move recorded (analysis and severity, measures and answer, the evaluation), as JSON,
-- so that the history keeps every version even when a stage is worked again.
ALTER TABLE appeal_events ADD COLUMN detail TEXT NOT NULL DEFAULT '';

-- Messages on an appeal: the thread with the citizen, and internal notes that only staff see.
CREATE TABLE appeal_messages (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals (id),
    at INTEGER NOT NULL,
    author_id INTEGER REFERENCES users (id),
    author_role TEXT NOT NULL,
    author_name TEXT NOT NULL,
    internal INTEGER NOT NULL CHECK (internal IN (0, 1)),
    body TEXT NOT NULL
);
CREATE INDEX appeal_messages_appeal ON appeal_messages (appeal_id, id);

CREATE TRIGGER appeal_messages_no_update BEFORE UPDATE ON appeal_messages
BEGIN
    SELECT RAISE(ABORT, 'appeal_messages is append-only');
END;

CREATE TRIGGER appeal_messages_no_delete BEFORE DELETE ON appeal_messages
BEGIN
    SELECT RAISE(ABORT, 'appeal_messages is append-only');
END;
