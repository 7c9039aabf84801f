-- Access: sessions, scopes of staff, consent, the audit log and abuse limits.
-- Instants are Unix seconds in UTC.

-- A district administrator's district (other roles leave it empty).
ALTER TABLE users ADD COLUMN district_id BIGINT REFERENCES districts (id);
-- Bumped when the account is deactivated, its password changes or consent is withdrawn:
-- every session that carries an older epoch ends at its next request.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN consent_at BIGINT;
ALTER TABLE users ADD COLUMN consent_withdrawn_at BIGINT;

-- The citizen account that filed the appeal; personal fields are blanked once the appeal is
-- closed if the citizen withdrew consent (anonymised_at says when).
ALTER TABLE appeals ADD COLUMN citizen_id BIGINT REFERENCES users (id);
ALTER TABLE appeals ADD COLUMN anonymised_at BIGINT;
CREATE INDEX appeals_citizen ON appeals (citizen_id, created_at);

-- Server-side sessions (the cookie carries only the id). `data` is JSON.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Who saw or changed what, when, from which address. Append-only.
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    appeal_id BIGINT REFERENCES appeals (id),
    subject_id BIGINT REFERENCES users (id),
    address TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_appeal ON audit_log (appeal_id, id);
CREATE INDEX audit_log_subject ON audit_log (subject_id, id);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Failed sign-ins per key (`phone:+998…` or `address:…`): after the free failures each
-- further one locks the key for a growing time.
CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    locked_until BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);

-- Counted actions (appeal submissions, registrations) per key, for sliding-window limits.
CREATE TABLE rate_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_key_at ON rate_events (key, at);
