-- 1. Withdrawal of consent blanks the citizen's name on their messages too: the one change
-- the append-only thread allows is setting a citizen author's name to '' (nothing else
-- changing) on an appeal already anonymised. Every other update still fails.
--
-- 2. Demonstration data (`serve --demo`) is marked where it is born, and only there: the
-- accounts and appeals a demo server creates. `admin demo-remove` deletes it; the append-only
-- tables allow a delete of demo rows only (the history, thread, links and audit entries of
-- demo appeals, and audit entries about demo accounts alone), so real history stays
-- append-only. The mark never changes after insertion.

ALTER TABLE users ADD COLUMN demo BIGINT NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
ALTER TABLE appeals ADD COLUMN demo BIGINT NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));

-- Whether a row belongs to a demo appeal.
CREATE FUNCTION is_demo_appeal(appeal BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM appeals a WHERE a.id = appeal AND a.demo = 1)
$$;

-- Whether an account is demo data (false for none).
CREATE FUNCTION is_demo_account(account BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = account AND u.demo = 1)
$$;

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
    IF TG_OP = 'DELETE' AND is_demo_appeal(OLD.appeal_id) THEN
        RETURN OLD;
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

CREATE FUNCTION refuse_demo_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.demo IS DISTINCT FROM OLD.demo THEN
        RAISE EXCEPTION 'whether a row of % is demo data never changes', TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER users_demo_fixed BEFORE UPDATE OF demo ON users
    FOR EACH ROW EXECUTE FUNCTION refuse_demo_change();
CREATE TRIGGER appeals_demo_fixed BEFORE UPDATE OF demo ON appeals
    FOR EACH ROW EXECUTE FUNCTION refuse_demo_change();

-- Appeals: a demo appeal may be deleted, no other.
CREATE FUNCTION appeals_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.demo = 1 THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;
DROP TRIGGER appeals_no_delete ON appeals;
CREATE TRIGGER appeals_no_delete BEFORE DELETE ON appeals
    FOR EACH ROW EXECUTE FUNCTION appeals_delete_guard();

-- History and links: never updated; deleted only with a demo appeal.
CREATE FUNCTION demo_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND is_demo_appeal(OLD.appeal_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;
DROP TRIGGER appeal_events_append_only ON appeal_events;
CREATE TRIGGER appeal_events_append_only BEFORE UPDATE OR DELETE ON appeal_events
    FOR EACH ROW EXECUTE FUNCTION demo_history_guard();

CREATE FUNCTION appeal_links_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND (is_demo_appeal(OLD.appeal_id) OR is_demo_appeal(OLD.other_id)) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;
DROP TRIGGER appeal_links_append_only ON appeal_links;
CREATE TRIGGER appeal_links_append_only BEFORE UPDATE OR DELETE ON appeal_links
    FOR EACH ROW EXECUTE FUNCTION appeal_links_guard();

-- The audit log: an entry goes with a demo appeal, or when every account it names is demo
-- data.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND (
        is_demo_appeal(OLD.appeal_id)
        OR (
            OLD.appeal_id IS NULL
            AND (OLD.actor_id IS NOT NULL OR OLD.subject_id IS NOT NULL)
            AND (OLD.actor_id IS NULL OR is_demo_account(OLD.actor_id))
            AND (OLD.subject_id IS NULL OR is_demo_account(OLD.subject_id))
        )
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;
DROP TRIGGER audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
