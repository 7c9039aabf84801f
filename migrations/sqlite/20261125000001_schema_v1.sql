-- Schema v1: places (regions → districts → mahallas), appeals and their append-only history.
-- Instants are Unix seconds in UTC; dates are ISO yyyy-mm-dd in Tashkent time.

CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE districts (
    id INTEGER PRIMARY KEY,
    region_id INTEGER NOT NULL REFERENCES regions (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE mahallas (
    id INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    UNIQUE (district_id, name)
);

CREATE TABLE registration_counters (
    year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('ariza', 'taklif', 'shikoyat')),
    category TEXT NOT NULL CHECK (category IN ('crime', 'safety', 'family', 'social', 'legal', 'utilities', 'other')),
    urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent')),
    mahalla_id INTEGER NOT NULL REFERENCES mahallas (id),
    street_address TEXT NOT NULL,
    citizen_name TEXT NOT NULL,
    citizen_phone TEXT NOT NULL,
    body TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('received', 'analysis', 'resolution', 'answer', 'monitoring')),
    created_at INTEGER NOT NULL,
    registered_on TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX appeals_stage_created ON appeals (stage, created_at);
CREATE INDEX appeals_mahalla_stage ON appeals (mahalla_id, stage);

CREATE TABLE appeal_events (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals (id),
    at INTEGER NOT NULL,
    actor_role TEXT NOT NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, at);

-- History is append-only: the database itself refuses to change or remove an event.
CREATE TRIGGER appeal_events_no_update BEFORE UPDATE ON appeal_events
BEGIN
    SELECT RAISE(ABORT, 'appeal_events is append-only');
END;

CREATE TRIGGER appeal_events_no_delete BEFORE DELETE ON appeal_events
BEGIN
    SELECT RAISE(ABORT, 'appeal_events is append-only');
END;

-- Appeals are never deleted either (personal data is anonymised in place, never removed).
CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
BEGIN
    SELECT RAISE(ABORT, 'appeals are never deleted');
END;
