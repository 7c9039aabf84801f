-- A move into Monitoring anonymises the closed appeals of citizens who withdrew their consent
-- (storage/privacy.rs). This index finds them through the few withdrawn citizens; without it
-- SQLite reads every appeal in Monitoring — every closed appeal is there — on each such move
-- (about 65 ms with 100,000 closed appeals, against 1 ms with it).
CREATE INDEX appeals_to_anonymise ON appeals (citizen_id, stage) WHERE anonymised_at IS NULL;
