-- Withdrawal of consent blanks the citizen's name on their messages too: the one change
-- the append-only thread allows is setting a citizen author's name to '' (nothing else
-- changing) on an appeal already anonymised. Every other update or delete still fails.

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
