-- A suspect's identity is protected like a child's: name and identity number only in identity_ciphertext
-- (AES-256-GCM, key id inside the blob and in identity_key_id); two keyed blind indexes find the same person across
-- cases, one over the folded name and the date of birth, one over the identity number. full_name is emptied by the
-- start-up step that encrypts rows written before this script. Same columns as db/sqlite.
ALTER TABLE dbo.suspects ADD identity_key_id      NVARCHAR(32) NULL;
ALTER TABLE dbo.suspects ADD identity_ciphertext  VARBINARY(MAX) NULL;
ALTER TABLE dbo.suspects ADD person_index         CHAR(64) NULL;
ALTER TABLE dbo.suspects ADD id_number_index      CHAR(64) NULL;
GO
CREATE INDEX ix_suspects_person_index ON dbo.suspects (person_index);
CREATE INDEX ix_suspects_id_number_index ON dbo.suspects (id_number_index);
