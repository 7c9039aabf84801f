-- Submissions made once: the key a client makes for one submission of an appeal, kept with
-- the appeal, unique per citizen. A retry, a double tap or the replay of an appeal queued
-- offline carries the same key and is answered with the first appeal's number.
ALTER TABLE appeals ADD COLUMN submission_key TEXT;

CREATE UNIQUE INDEX appeals_submission_key ON appeals (citizen_id, submission_key)
    WHERE submission_key IS NOT NULL;
