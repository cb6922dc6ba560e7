-- Seals of the access log: each block covers the entries first_seq..last_seq (contiguous, committed), holds their
-- RFC 6962 leaf hashes (32 bytes each, in seq order) and Merkle root, is chained to the previous block's hash and
-- signed (ECDSA P-256) with a key kept outside the database. An append-only ledger table, like the log itself.
-- One node seals at a time: the sealer holds the application lock 'casemanagement.access-log-sealer' (sp_getapplock).
CREATE TABLE dbo.access_log_blocks (
    block_no       BIGINT NOT NULL,
    block_version  INT NOT NULL,
    first_seq      BIGINT NOT NULL,
    last_seq       BIGINT NOT NULL,
    entry_count    INT NOT NULL,
    leaf_hashes    VARBINARY(MAX) NOT NULL,
    merkle_root    VARBINARY(32) NOT NULL,
    previous_hash  VARBINARY(32) NOT NULL,
    block_hash     VARBINARY(32) NOT NULL,
    sealed_at      DATETIME2(7) NOT NULL,
    key_id         NVARCHAR(64) NOT NULL,
    signature      VARBINARY(256) NOT NULL,
    CONSTRAINT pk_access_log_blocks PRIMARY KEY CLUSTERED (block_no)
)
WITH (LEDGER = ON (APPEND_ONLY = ON));
CREATE UNIQUE INDEX ux_access_log_blocks_last_seq ON dbo.access_log_blocks (last_seq);
