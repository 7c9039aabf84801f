-- Abuse limits are checked and counted in one step (storage/src/limits.rs): a counted action
-- first takes its key's row here, so that concurrent requests under one key wait for each
-- other (PostgreSQL locks the row; SQLite has one writer anyway) instead of all counting
-- before any of them records.
CREATE TABLE rate_keys (
    key TEXT PRIMARY KEY
);
