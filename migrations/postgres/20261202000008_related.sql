-- Related appeals (storage/related.rs): the same citizen, the same address, similar words in
-- the same mahalla. `address_key` is the address in one spelling (classify::normalize); the
-- server fills it for older appeals at start-up.
ALTER TABLE appeals ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
CREATE INDEX appeals_address ON appeals (mahalla_id, address_key);
CREATE INDEX appeals_mahalla_created ON appeals (mahalla_id, created_at);
CREATE INDEX appeals_phone ON appeals (citizen_phone);
