-- Follow-ups (storage/src/follow_ups.rs): an answered appeal keeps when a new appeal from the
-- same address (in the same mahalla) about the same category first followed it within 90
-- days of its answer (domain::monitoring::REOPEN_WITHIN_DAYS, 7,776,000 seconds), which
-- monitoring counts as reopened. Noted at each filing from now on; taken here for the
-- appeals filed before.
--
-- The appeals of one address in one mahalla about one category, by filing time, serve that
-- note (and related appeals' address match, storage/src/related.rs): one index in place of
-- two that each served half of it.
DROP INDEX appeals_address;
DROP INDEX appeals_address_category;
CREATE INDEX appeals_same_address ON appeals (mahalla_id, address_key, category, created_at)
    WHERE address_key <> '';
ALTER TABLE appeals ADD COLUMN followed_at BIGINT;
UPDATE appeals SET followed_at = f.first_at FROM (
    SELECT a.id, MIN(b.created_at) AS first_at FROM appeals a
    JOIN appeals b ON b.mahalla_id = a.mahalla_id AND b.address_key = a.address_key
      AND b.category = a.category AND b.created_at > a.answered_at
      AND b.created_at <= a.answered_at + 7776000
    WHERE a.answered_at IS NOT NULL AND a.address_key <> '' AND b.address_key <> ''
    GROUP BY a.id) f
WHERE appeals.id = f.id;

-- The dashboard's sums of the two periods before the one shown (breaches by due date, reopens
-- by answer date, storage/src/monitoring.rs) are read from these indexes alone, without the
-- appeals' rows; they serve the dashboard's own period as before.
DROP INDEX appeals_due;
CREATE INDEX appeals_due ON appeals (due_at, mahalla_id, category, kind, answered_at, closed_at);
DROP INDEX appeals_answered;
CREATE INDEX appeals_answered ON appeals
    (answered_at, mahalla_id, category, kind, reopened_at, followed_at)
    WHERE answered_at IS NOT NULL;
