-- An appeal's photos (photos/ makes them safe: checked, re-encoded without EXIF/GPS, with a
-- thumbnail). The files are kept outside the database under `photo_key` (a random 128-bit
-- hex name); the row says which appeal a file is of, who may read it, and when withdrawal
-- of consent removed it (`removed_at`: no longer served; the files are erased by the
-- housekeeping, which then deletes the row). The same file sent twice to one appeal (a
-- retry) is kept once (`fingerprint`, SHA-256 of the upload).
CREATE TABLE appeal_photos (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    photo_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    added_by INTEGER REFERENCES users (id),
    removed_at INTEGER
);
CREATE UNIQUE INDEX appeal_photos_fingerprint ON appeal_photos (appeal_id, fingerprint);
CREATE INDEX appeal_photos_removed ON appeal_photos (removed_at) WHERE removed_at IS NOT NULL;

-- How many photos the appeal has: raised by a conditional update, so two uploads at once
-- cannot pass the limit between them.
ALTER TABLE appeals ADD COLUMN photo_count INTEGER NOT NULL DEFAULT 0;
