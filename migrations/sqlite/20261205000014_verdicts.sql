-- Stage 5: the citizen's verdict on the answer (domain/src/verdict.rs) and reopening as a
-- repeated appeal. The verdict's figures are part of the appeal's state (the fold of its
-- `rated`, `reopened` and `repeats` events); the citizen's comment is their own words, kept
-- on the appeal beside the text and blanked with the personal data.
ALTER TABLE appeals ADD COLUMN rated_at INTEGER;
ALTER TABLE appeals ADD COLUMN solved TEXT;
ALTER TABLE appeals ADD COLUMN answer_mark INTEGER;
ALTER TABLE appeals ADD COLUMN inspector_mark INTEGER;
ALTER TABLE appeals ADD COLUMN reopened_at INTEGER;
ALTER TABLE appeals ADD COLUMN repeat_of TEXT;
ALTER TABLE appeals ADD COLUMN verdict_comment TEXT NOT NULL DEFAULT '';
CREATE INDEX appeals_repeat_of ON appeals (repeat_of) WHERE repeat_of IS NOT NULL;
