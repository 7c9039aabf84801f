-- Side actions from an appeal's detail panel: forwarding to the competent body (a directory
-- of bodies that administrators edit), links between appeals, rejection as not an appeal,
-- additional study (a longer term), and one extension of the deadline. Each is also an event in the appeal's history.
-- Instants are Unix seconds in UTC.

-- Bodies an appeal can be forwarded to, per district.
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts (id),
    kind TEXT NOT NULL CHECK (kind IN ('police', 'social', 'hokimiyat', 'other')),
    name TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (district_id, name)
);

-- The current forwarding: to which body, why, by when it must be handed over (the end of
-- the last day, Tashkent), and when it was.
ALTER TABLE appeals ADD COLUMN forward_body_id INTEGER REFERENCES bodies (id);
ALTER TABLE appeals ADD COLUMN forward_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN forward_due_at INTEGER;
ALTER TABLE appeals ADD COLUMN handed_over_at INTEGER;
-- The one extension of the term: when, why, and the due date before it.
ALTER TABLE appeals ADD COLUMN extended_at INTEGER;
ALTER TABLE appeals ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN due_before_extension INTEGER;
-- Additional study, checks or documents are needed: when, and why (the citizen reads it).
ALTER TABLE appeals ADD COLUMN study_at INTEGER;
ALTER TABLE appeals ADD COLUMN study_reason TEXT NOT NULL DEFAULT '';
-- Not considered as an appeal (closed_at is set with it): on what ground, and why.
ALTER TABLE appeals ADD COLUMN rejection TEXT CHECK (rejection IN ('anonymous', 'false_identity'));
ALTER TABLE appeals ADD COLUMN rejection_reason TEXT NOT NULL DEFAULT '';

-- "This appeal duplicates / is related to that one". Append-only.
CREATE TABLE appeal_links (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals (id),
    other_id INTEGER NOT NULL REFERENCES appeals (id),
    kind TEXT NOT NULL CHECK (kind IN ('duplicate', 'related')),
    at INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    CHECK (appeal_id <> other_id),
    UNIQUE (appeal_id, other_id)
);
CREATE INDEX appeal_links_other ON appeal_links (other_id);

CREATE TRIGGER appeal_links_no_update BEFORE UPDATE ON appeal_links
BEGIN
    SELECT RAISE(ABORT, 'appeal_links is append-only');
END;

CREATE TRIGGER appeal_links_no_delete BEFORE DELETE ON appeal_links
BEGIN
    SELECT RAISE(ABORT, 'appeal_links is append-only');
END;
