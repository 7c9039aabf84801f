-- Changes made once: the key a staff member's or citizen's client makes for one change of an
-- appeal (a move, an evaluation, a message), kept with the version the change left, unique per
-- account. A retry or the replay of a change queued offline carries the same key and is
-- answered with that version instead of being applied twice (or refused as stale).
CREATE TABLE change_keys (
    account_id INTEGER NOT NULL REFERENCES users (id),
    change_key TEXT NOT NULL,
    appeal_id INTEGER NOT NULL REFERENCES appeals (id),
    version INTEGER NOT NULL,
    PRIMARY KEY (account_id, change_key)
);
