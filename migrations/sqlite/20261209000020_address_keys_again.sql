-- Addresses are spelt one way again: the normalisation now writes a word-initial Cyrillic «е»
-- as "ye" (as Latin Uzbek does), «ц» and «щ» as Latin Uzbek spells them, and letters typed with
-- combining marks as one letter. Emptied keys are filled again, in batches, at the next start
-- (Storage::fill_address_keys), so that old and new appeals at one address match.
UPDATE appeals SET address_key = '' WHERE street_address <> '';
