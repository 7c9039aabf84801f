-- Stage 5 monitoring (storage/src/monitoring.rs). An appeal keeps when staff first acted on
-- it (a move or a decision: the fold of its history, like the rest of its state), taken for
-- the appeals filed before from their history. The dashboard reads the appeals filed,
-- answered or due in a period, and those still waiting, each through an index of its own;
-- a reopening counts the later appeals of the same address and category.
ALTER TABLE appeals ADD COLUMN first_action_at INTEGER;
UPDATE appeals SET first_action_at = (
    SELECT MIN(e.at) FROM appeal_events e
    WHERE e.appeal_id = appeals.id
      AND e.kind IN ('moved', 'recategorised', 'forwarded', 'handed_over', 'additional_study',
                     'linked', 'rejected', 'extended', 'evaluated'));
CREATE INDEX appeals_created ON appeals (created_at);
CREATE INDEX appeals_answered ON appeals (answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX appeals_due ON appeals (due_at);
CREATE INDEX appeals_awaiting ON appeals (created_at) WHERE answered_at IS NULL AND closed_at IS NULL;
CREATE INDEX appeals_address_category ON appeals (address_key, category, created_at) WHERE address_key <> '';
