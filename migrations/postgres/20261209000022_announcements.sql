-- Mahalla announcements (domain/src/announcements.rs): posted by a mahalla's chair or
-- inspector (or an administrator of its scope) to its residents, shown as written, never
-- translated. `ends_on` is the last day it is shown (yyyy-mm-dd, Tashkent), NULL for no end;
-- `important` pins it first. Every post and edit has its audit entry; an edit is based on
-- the `version` its author saw (a stale one is refused).
CREATE TABLE announcements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mahalla_id BIGINT NOT NULL REFERENCES mahallas (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    ends_on TEXT,
    important BIGINT NOT NULL DEFAULT 0 CHECK (important IN (0, 1)),
    posted_at BIGINT NOT NULL,
    edited_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX announcements_mahalla_posted ON announcements (mahalla_id, posted_at);

-- The mahalla a resident keeps for their announcements (NULL: their latest appeal's), and
-- when they last opened the announcements (the navigation's badge counts what came since).
ALTER TABLE users ADD COLUMN home_mahalla_id BIGINT REFERENCES mahallas (id);
ALTER TABLE users ADD COLUMN announcements_seen_at BIGINT;
