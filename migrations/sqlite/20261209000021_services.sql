-- The district's catalogue of public services: what each is, who provides it, what to bring,
-- hours, address and phone, and the kind of appeal it relates to (a category code, or NULL).
-- Administrators keep it; `version` is raised by every save, so that an edit based on an
-- older version is refused rather than written over another's.
CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts (id),
    name TEXT NOT NULL,
    what TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    bring TEXT NOT NULL DEFAULT '',
    hours TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    category TEXT CHECK (category IN ('crime', 'safety', 'family', 'social', 'legal', 'utilities', 'other')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL,
    UNIQUE (district_id, name)
);
