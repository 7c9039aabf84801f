-- The appeal's history becomes typed (domain/src/history.rs): each event is a row
-- (kind, schema, detail) — the event's code, the schema version it was written with, and its
-- fields as JSON — and `stage`, the stage the appeal was in after it. The old rows (an
-- `action` string, from/to stages, a note and an ad-hoc JSON detail) are converted in place,
-- and the thread's messages and past anonymisations, which left no event, get theirs.

DROP TRIGGER appeal_events_no_update;
DROP TRIGGER appeal_events_no_delete;

-- The term each appeal had when it was filed: before any study or extension changed it.
CREATE TEMP TABLE filed_terms AS
SELECT a.id AS appeal_id, COALESCE(
        (SELECT json_extract(s.detail, '$.from') FROM appeal_events s
         WHERE s.appeal_id = a.id AND s.action IN ('study', 'extended')
         ORDER BY s.id LIMIT 1),
        a.due_at) AS due_at
FROM appeals a;

ALTER TABLE appeal_events ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE appeal_events ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE appeal_events ADD COLUMN schema INTEGER NOT NULL DEFAULT 1;

UPDATE appeal_events SET
    stage = to_stage,
    kind = CASE action
        WHEN 'registered' THEN 'filed'
        WHEN 'study' THEN 'additional_study'
        ELSE action
    END,
    detail = CASE action
        WHEN 'registered' THEN (
            SELECT json_object(
                'kind', a.kind,
                'mahalla_id', a.mahalla_id,
                'registered_on', a.registered_on,
                'due_at', t.due_at)
            FROM appeals a JOIN filed_terms t ON t.appeal_id = a.id
            WHERE a.id = appeal_events.appeal_id)
        WHEN 'moved' THEN json_object(
            'from', from_stage,
            'to', to_stage,
            'note', note,
            'record', json(CASE
                WHEN json_extract(NULLIF(detail, ''), '$.severity') IS NOT NULL THEN json_object(
                    'analysis', json_object(
                        'analysis', json_extract(detail, '$.analysis'),
                        'severity', json_extract(detail, '$.severity')))
                WHEN json_extract(NULLIF(detail, ''), '$.answer') IS NOT NULL THEN json_object(
                    'answer', json_object(
                        'measures', json_extract(detail, '$.measures'),
                        'answer', json_extract(detail, '$.answer')))
                ELSE '"nothing"'
            END))
        WHEN 'evaluated' THEN json_object(
            'outcome', json_extract(detail, '$.outcome'),
            'recommendation', COALESCE(json_extract(detail, '$.recommendation'), ''))
        WHEN 'classified' THEN json_object(
            'category', json_extract(detail, '$.category'),
            'urgent', json(CASE WHEN json_extract(detail, '$.urgent') THEN 'true' ELSE 'false' END),
            'confidence', json_extract(detail, '$.confidence'),
            'chosen', json_extract(detail, '$.chosen'))
        WHEN 'recategorised' THEN json_object(
            'from_category', json_extract(detail, '$.from_category'),
            'from_urgency', CASE WHEN json_extract(detail, '$.from_urgent') THEN 'urgent' ELSE 'normal' END,
            'to_category', json_extract(detail, '$.to_category'),
            'to_urgency', CASE WHEN json_extract(detail, '$.to_urgent') THEN 'urgent' ELSE 'normal' END,
            'note', note)
        WHEN 'forwarded' THEN json_object(
            'body_id', COALESCE(
                (SELECT b.id FROM bodies b JOIN mahallas m ON m.district_id = b.district_id
                 JOIN appeals a ON a.mahalla_id = m.id
                 WHERE a.id = appeal_events.appeal_id AND b.name = json_extract(detail, '$.body')),
                (SELECT a.forward_body_id FROM appeals a WHERE a.id = appeal_events.appeal_id),
                0),
            'body', json_extract(detail, '$.body'),
            'body_kind', json_extract(detail, '$.body_kind'),
            'reason', note,
            'due_at', json_extract(detail, '$.due_at'))
        WHEN 'handed_over' THEN json_object('body', json_extract(detail, '$.body'))
        WHEN 'study' THEN json_object(
            'reason', note,
            'from_due_at', json_extract(detail, '$.from'),
            'to_due_at', json_extract(detail, '$.to'),
            'told_late', json(CASE WHEN json_extract(detail, '$.told_late') THEN 'true' ELSE 'false' END))
        WHEN 'linked' THEN json_object(
            'other', json_extract(detail, '$.other'),
            'link', json_extract(detail, '$.kind'),
            'note', note)
        WHEN 'rejected' THEN json_object(
            'ground', json_extract(detail, '$.ground'),
            'reason', note)
        WHEN 'extended' THEN json_object(
            'reason', note,
            'from_due_at', json_extract(detail, '$.from'),
            'to_due_at', json_extract(detail, '$.to'))
        ELSE detail
    END;

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
    json_object('internal', json(CASE WHEN g.internal = 1 THEN 'true' ELSE 'false' END))
FROM appeal_messages g ORDER BY g.id;

-- Personal data blanked before this migration: the event it now gets.
INSERT INTO appeal_events (appeal_id, at, actor_role, actor_id, actor_name, stage, kind, schema, detail)
SELECT a.id, a.anonymised_at, 'system', NULL, '', a.stage, 'anonymised', 1, '{}'
FROM appeals a WHERE a.anonymised_at IS NOT NULL ORDER BY a.id;

CREATE INDEX appeal_events_kind ON appeal_events (kind, appeal_id);

CREATE TRIGGER appeal_events_no_update BEFORE UPDATE ON appeal_events
BEGIN
    SELECT RAISE(ABORT, 'appeal_events is append-only');
END;

CREATE TRIGGER appeal_events_no_delete BEFORE DELETE ON appeal_events
BEGIN
    SELECT RAISE(ABORT, 'appeal_events is append-only');
END;
