-- A session's row names the account it signed in (storage/src/sessions.rs), so that a request
-- reads its session and its account in one query. Sessions stored before take it from their
-- data.
ALTER TABLE sessions ADD COLUMN account_id BIGINT;
UPDATE sessions SET account_id = (data::jsonb #>> '{account,id}')::bigint;
