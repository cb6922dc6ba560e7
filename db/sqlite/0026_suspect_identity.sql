-- A suspect's identity is protected like a child's: name and identity number only in identity_ciphertext
-- (AES-256-GCM, key id inside the blob and in identity_key_id); two keyed blind indexes find the same person across
-- cases, one over the folded name and the date of birth, one over the identity number. full_name is emptied by the
-- start-up step that encrypts rows written before this script.
ALTER TABLE suspects ADD COLUMN identity_key_id TEXT NULL;
ALTER TABLE suspects ADD COLUMN identity_ciphertext BLOB NULL;
ALTER TABLE suspects ADD COLUMN person_index TEXT NULL;
ALTER TABLE suspects ADD COLUMN id_number_index TEXT NULL;
CREATE INDEX ix_suspects_person_index ON suspects (person_index);
CREATE INDEX ix_suspects_id_number_index ON suspects (id_number_index);
