-- Accounts: citizens and staff sign in with a phone number; staff are scoped to mahallas.
-- password_hash is an argon2id PHC string; it never leaves the server.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    phone TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'inspector', 'mahalla_chair', 'district_admin', 'system_admin')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

CREATE TABLE staff_mahallas (
    user_id INTEGER NOT NULL REFERENCES users (id),
    mahalla_id INTEGER NOT NULL REFERENCES mahallas (id),
    PRIMARY KEY (user_id, mahalla_id)
);
