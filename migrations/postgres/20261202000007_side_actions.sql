-- Side actions from an appeal's detail panel: forwarding to the competent body (a directory
-- of bodies that administrators edit), links between appeals, rejection as not an appeal,
-- additional study (a longer term), and one extension of the deadline. Each is also an event in the appeal's history.
-- Instants are Unix seconds in UTC.

-- Bodies an appeal can be forwarded to, per district.
CREATE TABLE bodies (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    kind TEXT NOT NULL CHECK (kind IN ('police', 'social', 'hokimiyat', 'other')),
    name TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (district_id, name)
);

-- The current forwarding: to which body, why, by when it must be handed over (the end of
-- the last day, Tashkent), and when it was.
ALTER TABLE appeals ADD COLUMN forward_body_id BIGINT REFERENCES bodies (id);
ALTER TABLE appeals ADD COLUMN forward_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN forward_due_at BIGINT;
ALTER TABLE appeals ADD COLUMN handed_over_at BIGINT;
-- The one extension of the term: when, why, and the due date before it.
ALTER TABLE appeals ADD COLUMN extended_at BIGINT;
ALTER TABLE appeals ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE appeals ADD COLUMN due_before_extension BIGINT;
-- Additional study, checks or documents are needed: when, and why (the citizen reads it).
ALTER TABLE appeals ADD COLUMN study_at BIGINT;
ALTER TABLE appeals ADD COLUMN study_reason TEXT NOT NULL DEFAULT '';
-- Not considered as an appeal (closed_at is set with it): on what ground, and why.
ALTER TABLE appeals ADD COLUMN rejection TEXT CHECK (rejection IN ('anonymous', 'false_identity'));
ALTER TABLE appeals ADD COLUMN rejection_reason TEXT NOT NULL DEFAULT '';

-- "This appeal duplicates / is related to that one". Append-only.
CREATE TABLE appeal_links (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    other_id BIGINT NOT NULL REFERENCES appeals (id),
    kind TEXT NOT NULL CHECK (kind IN ('duplicate', 'related')),
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    CHECK (appeal_id <> other_id),
    UNIQUE (appeal_id, other_id)
);
CREATE INDEX appeal_links_other ON appeal_links (other_id);

CREATE TRIGGER appeal_links_append_only BEFORE UPDATE OR DELETE ON appeal_links
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
