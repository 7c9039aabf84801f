-- Withdrawal of consent blanks the citizen's name on their messages too: the one change
-- the append-only thread allows is setting a citizen author's name to '' (nothing else
-- changing) on an appeal already anonymised. Every other update or delete still fails.

CREATE FUNCTION appeal_messages_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND NEW.author_name = ''
        AND OLD.author_role = 'citizen'
        AND (NEW.id, NEW.appeal_id, NEW.at, NEW.author_id, NEW.author_role, NEW.internal, NEW.body)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.appeal_id, OLD.at, OLD.author_id, OLD.author_role, OLD.internal, OLD.body)
        AND EXISTS (SELECT 1 FROM appeals a WHERE a.id = OLD.appeal_id AND a.anonymised_at IS NOT NULL)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;

DROP TRIGGER appeal_messages_append_only ON appeal_messages;
CREATE TRIGGER appeal_messages_append_only BEFORE UPDATE OR DELETE ON appeal_messages
    FOR EACH ROW EXECUTE FUNCTION appeal_messages_guard();

-- Appeals anonymised before this migration: their citizens' names leave the thread now.
UPDATE appeal_messages SET author_name = ''
WHERE author_role = 'citizen' AND author_name <> ''
  AND appeal_id IN (SELECT id FROM appeals WHERE anonymised_at IS NOT NULL);
