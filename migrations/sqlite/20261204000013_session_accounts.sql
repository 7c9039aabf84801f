-- A session's row names the account it signed in (storage/src/sessions.rs), so that a request
-- reads its session and its account in one query. Sessions stored before take it from their
-- data.
ALTER TABLE sessions ADD COLUMN account_id INTEGER;
UPDATE sessions SET account_id = json_extract(data, '$.account.id') WHERE json_valid(data);
