-- 1. Withdrawal of consent blanks the citizen's name on their messages too: the one change
-- the append-only thread allows is setting a citizen author's name to '' (nothing else
-- changing) on an appeal already anonymised. Every other update still fails.
--
-- 2. Demonstration data (`serve --demo`) is marked where it is born, and only there: the
-- accounts and appeals a demo server creates. `admin demo-remove` deletes it; the append-only
-- tables allow a delete of demo rows only (the history, thread, links and audit entries of
-- demo appeals, and audit entries about demo accounts alone), so real history stays
-- append-only. The mark never changes after insertion.

DROP TRIGGER appeal_messages_no_update;

CREATE TRIGGER appeal_messages_no_update BEFORE UPDATE ON appeal_messages
WHEN NOT (
    NEW.author_name = ''
    AND OLD.author_role = 'citizen'
    AND NEW.id = OLD.id
    AND NEW.appeal_id = OLD.appeal_id
    AND NEW.at = OLD.at
    AND NEW.author_id IS OLD.author_id
    AND NEW.author_role = OLD.author_role
    AND NEW.internal = OLD.internal
    AND NEW.body = OLD.body
    AND EXISTS (SELECT 1 FROM appeals a WHERE a.id = OLD.appeal_id AND a.anonymised_at IS NOT NULL)
)
BEGIN
    SELECT RAISE(ABORT, 'appeal_messages is append-only');
END;

-- Appeals anonymised before this migration: their citizens' names leave the thread now.
UPDATE appeal_messages SET author_name = ''
WHERE author_role = 'citizen' AND author_name <> ''
  AND appeal_id IN (SELECT id FROM appeals WHERE anonymised_at IS NOT NULL);

ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
ALTER TABLE appeals ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));

CREATE TRIGGER users_demo_fixed BEFORE UPDATE OF demo ON users
WHEN NEW.demo IS NOT OLD.demo
BEGIN
    SELECT RAISE(ABORT, 'whether an account is demo data never changes');
END;

CREATE TRIGGER appeals_demo_fixed BEFORE UPDATE OF demo ON appeals
WHEN NEW.demo IS NOT OLD.demo
BEGIN
    SELECT RAISE(ABORT, 'whether an appeal is demo data never changes');
END;

DROP TRIGGER appeals_no_delete;
CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
WHEN OLD.demo = 0
BEGIN
    SELECT RAISE(ABORT, 'appeals are never deleted');
END;

DROP TRIGGER appeal_events_no_delete;
CREATE TRIGGER appeal_events_no_delete BEFORE DELETE ON appeal_events
WHEN NOT EXISTS (SELECT 1 FROM appeals a WHERE a.id = OLD.appeal_id AND a.demo = 1)
BEGIN
    SELECT RAISE(ABORT, 'appeal_events is append-only');
END;

DROP TRIGGER appeal_messages_no_delete;
CREATE TRIGGER appeal_messages_no_delete BEFORE DELETE ON appeal_messages
WHEN NOT EXISTS (SELECT 1 FROM appeals a WHERE a.id = OLD.appeal_id AND a.demo = 1)
BEGIN
    SELECT RAISE(ABORT, 'appeal_messages is append-only');
END;

DROP TRIGGER appeal_links_no_delete;
CREATE TRIGGER appeal_links_no_delete BEFORE DELETE ON appeal_links
WHEN NOT EXISTS (SELECT 1 FROM appeals a WHERE a.id IN (OLD.appeal_id, OLD.other_id) AND a.demo = 1)
BEGIN
    SELECT RAISE(ABORT, 'appeal_links is append-only');
END;

-- An audit entry goes with a demo appeal, or when every account it names is demo data.
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT (
    EXISTS (SELECT 1 FROM appeals a WHERE a.id = OLD.appeal_id AND a.demo = 1)
    OR (
        OLD.appeal_id IS NULL
        AND (OLD.actor_id IS NOT NULL OR OLD.subject_id IS NOT NULL)
        AND (OLD.actor_id IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.actor_id AND u.demo = 1))
        AND (OLD.subject_id IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.subject_id AND u.demo = 1))
    )
)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
