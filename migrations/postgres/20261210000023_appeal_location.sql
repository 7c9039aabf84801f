-- An appeal's optional map point beside its street address (domain/src/location.rs), in
-- micro-degrees, both set or both NULL. It is personal data: it lives on the appeal's row,
-- never in its history, is shown to staff only when asked for (each view audited), and is
-- set to NULL when the appeal is anonymised.
ALTER TABLE appeals ADD COLUMN location_lat_e6 BIGINT;
ALTER TABLE appeals ADD COLUMN location_lon_e6 BIGINT;
