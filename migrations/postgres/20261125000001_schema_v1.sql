-- Schema v1: places (regions → districts → mahallas), appeals and their append-only history.
-- Instants are Unix seconds in UTC (BIGINT, portable with SQLite); dates are ISO yyyy-mm-dd
-- in Tashkent time. Every integer is BIGINT so that both backends decode to i64.

CREATE TABLE regions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE districts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE mahallas (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id BIGINT NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    UNIQUE (district_id, name)
);

CREATE TABLE registration_counters (
    year BIGINT PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE appeals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('ariza', 'taklif', 'shikoyat')),
    category TEXT NOT NULL CHECK (category IN ('crime', 'safety', 'family', 'social', 'legal', 'utilities', 'other')),
    urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent')),
    mahalla_id BIGINT NOT NULL REFERENCES mahallas (id),
    street_address TEXT NOT NULL,
    citizen_name TEXT NOT NULL,
    citizen_phone TEXT NOT NULL,
    body TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('received', 'analysis', 'resolution', 'answer', 'monitoring')),
    created_at BIGINT NOT NULL,
    registered_on TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE INDEX appeals_stage_created ON appeals (stage, created_at);
CREATE INDEX appeals_mahalla_stage ON appeals (mahalla_id, stage);

CREATE TABLE appeal_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    at BIGINT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, at);

-- History is append-only: the database itself refuses to change or remove an event,
-- and appeals are never deleted (personal data is anonymised in place, never removed).
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER appeal_events_append_only BEFORE UPDATE OR DELETE ON appeal_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
