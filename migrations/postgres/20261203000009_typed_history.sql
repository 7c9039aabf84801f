-- The appeal's history becomes typed (domain/src/history.rs): each event is a row
-- (kind, schema, detail) — the event's code, the schema version it was written with, and its
-- fields as JSON — and `stage`, the stage the appeal was in after it. The old rows (an
-- `action` string, from/to stages, a note and an ad-hoc JSON detail) are converted in place,
-- and the thread's messages and past anonymisations, which left no event, get theirs.

DROP TRIGGER appeal_events_append_only ON appeal_events;

-- The term each appeal had when it was filed: before any study or extension changed it.
CREATE TEMP TABLE filed_terms AS
SELECT a.id AS appeal_id, COALESCE(
        (SELECT (NULLIF(s.detail, '')::jsonb ->> 'from')::bigint FROM appeal_events s
         WHERE s.appeal_id = a.id AND s.action IN ('study', 'extended')
         ORDER BY s.id LIMIT 1),
        a.due_at) AS due_at
FROM appeals a;

ALTER TABLE appeal_events ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE appeal_events ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE appeal_events ADD COLUMN schema BIGINT NOT NULL DEFAULT 1;

UPDATE appeal_events e SET
    stage = e.to_stage,
    kind = CASE e.action
        WHEN 'registered' THEN 'filed'
        WHEN 'study' THEN 'additional_study'
        ELSE e.action
    END,
    detail = (CASE e.action
        WHEN 'registered' THEN (
            SELECT jsonb_build_object(
                'kind', a.kind,
                'mahalla_id', a.mahalla_id,
                'registered_on', a.registered_on,
                'due_at', t.due_at)
            FROM appeals a JOIN filed_terms t ON t.appeal_id = a.id WHERE a.id = e.appeal_id)
        WHEN 'moved' THEN jsonb_build_object(
            'from', e.from_stage,
            'to', e.to_stage,
            'note', e.note,
            'record', CASE
                WHEN NULLIF(e.detail, '')::jsonb ? 'severity' THEN jsonb_build_object(
                    'analysis', jsonb_build_object(
                        'analysis', e.detail::jsonb ->> 'analysis',
                        'severity', e.detail::jsonb ->> 'severity'))
                WHEN NULLIF(e.detail, '')::jsonb ? 'answer' THEN jsonb_build_object(
                    'answer', jsonb_build_object(
                        'measures', e.detail::jsonb ->> 'measures',
                        'answer', e.detail::jsonb ->> 'answer'))
                ELSE to_jsonb('nothing'::text)
            END)
        WHEN 'evaluated' THEN jsonb_build_object(
            'outcome', e.detail::jsonb ->> 'outcome',
            'recommendation', COALESCE(e.detail::jsonb ->> 'recommendation', ''))
        WHEN 'classified' THEN jsonb_build_object(
            'category', e.detail::jsonb -> 'category',
            'urgent', COALESCE((e.detail::jsonb ->> 'urgent')::boolean, false),
            'confidence', e.detail::jsonb -> 'confidence',
            'chosen', e.detail::jsonb -> 'chosen')
        WHEN 'recategorised' THEN jsonb_build_object(
            'from_category', e.detail::jsonb ->> 'from_category',
            'from_urgency', CASE WHEN (e.detail::jsonb ->> 'from_urgent')::boolean THEN 'urgent' ELSE 'normal' END,
            'to_category', e.detail::jsonb ->> 'to_category',
            'to_urgency', CASE WHEN (e.detail::jsonb ->> 'to_urgent')::boolean THEN 'urgent' ELSE 'normal' END,
            'note', e.note)
        WHEN 'forwarded' THEN jsonb_build_object(
            'body_id', COALESCE(
                (SELECT b.id FROM bodies b JOIN mahallas m ON m.district_id = b.district_id
                 JOIN appeals a ON a.mahalla_id = m.id
                 WHERE a.id = e.appeal_id AND b.name = e.detail::jsonb ->> 'body'),
                (SELECT a.forward_body_id FROM appeals a WHERE a.id = e.appeal_id),
                0),
            'body', e.detail::jsonb ->> 'body',
            'body_kind', e.detail::jsonb ->> 'body_kind',
            'reason', e.note,
            'due_at', (e.detail::jsonb ->> 'due_at')::bigint)
        WHEN 'handed_over' THEN jsonb_build_object('body', e.detail::jsonb ->> 'body')
        WHEN 'study' THEN jsonb_build_object(
            'reason', e.note,
            'from_due_at', (e.detail::jsonb ->> 'from')::bigint,
            'to_due_at', (e.detail::jsonb ->> 'to')::bigint,
            'told_late', COALESCE((e.detail::jsonb ->> 'told_late')::boolean, false))
        WHEN 'linked' THEN jsonb_build_object(
            'other', e.detail::jsonb ->> 'other',
            'link', e.detail::jsonb ->> 'kind',
            'note', e.note)
        WHEN 'rejected' THEN jsonb_build_object(
            'ground', e.detail::jsonb ->> 'ground',
            'reason', e.note)
        WHEN 'extended' THEN jsonb_build_object(
            'reason', e.note,
            'from_due_at', (e.detail::jsonb ->> 'from')::bigint,
            'to_due_at', (e.detail::jsonb ->> 'to')::bigint)
        ELSE NULLIF(e.detail, '')::jsonb
    END)::text;

DROP TABLE filed_terms;

ALTER TABLE appeal_events DROP COLUMN action;
ALTER TABLE appeal_events DROP COLUMN from_stage;
ALTER TABLE appeal_events DROP COLUMN to_stage;
ALTER TABLE appeal_events DROP COLUMN note;

-- Every message of a thread is an event of its appeal's history (the body stays in
-- appeal_messages, where it can be blanked), in the stage the appeal was in then.
INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail)
SELECT g.appeal_id, g.at, g.author_role, g.author_id,
    CASE WHEN g.author_role = 'citizen' THEN '' ELSE g.author_name END,
    COALESCE(
        (SELECT h.stage FROM appeal_events h WHERE h.appeal_id = g.appeal_id AND h.at <= g.at
         ORDER BY h.at DESC, h.id DESC LIMIT 1),
        'received'),
    'message', 1,
    jsonb_build_object('internal', g.internal = 1)::text
FROM appeal_messages g ORDER BY g.id;

-- Personal data blanked before this migration: the event it now gets.
INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail)
SELECT a.id, a.anonymised_at, 'system', NULL, '', a.stage, 'anonymised', 1, '{}'
FROM appeals a WHERE a.anonymised_at IS NOT NULL ORDER BY a.id;

CREATE INDEX appeal_events_kind ON appeal_events (kind, appeal_id);

CREATE TRIGGER appeal_events_append_only BEFORE UPDATE OR DELETE ON appeal_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
