-- The UI language an account chose (a BCP 47 tag: uz-Latn, uz-Cyrl, ru, en), kept so that it
-- follows the person to another device at sign-in; NULL until they choose one.
ALTER TABLE users ADD COLUMN language TEXT;
