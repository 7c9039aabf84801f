-- Sliding-window limits counted in minute buckets beside their events (storage/src/limits.rs).
-- Counting a key's events in a window reads every event in it, which grows with the cap; the
-- buckets give an upper bound from at most one row per minute of the window. While that
-- bound is under the cap the action passes without reading an event; only near the cap are
-- the events themselves counted, so the window stays exact.
CREATE TABLE rate_buckets (
    key TEXT NOT NULL,
    minute INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, minute)
);

INSERT INTO rate_buckets (key, minute, count)
    SELECT key, at / 60, COUNT(*) FROM rate_events GROUP BY key, at / 60;

-- Each counted event adds itself to its bucket in the same statement (and is taken back with
-- it when a savepoint or transaction rolls back).
CREATE TRIGGER rate_events_bucket AFTER INSERT ON rate_events
BEGIN
    INSERT INTO rate_buckets (key, minute, count) VALUES (NEW.key, NEW.at / 60, 1)
        ON CONFLICT (key, minute) DO UPDATE SET count = rate_buckets.count + 1;
END;
