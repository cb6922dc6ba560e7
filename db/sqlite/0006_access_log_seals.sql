-- Seals of the access log: each block covers the entries first_seq..last_seq (contiguous, committed), holds their
-- RFC 6962 leaf hashes (32 bytes each, in seq order) and Merkle root, is chained to the previous block's hash and
-- signed (ECDSA P-256) with a key kept outside the database. Append-only, like the log itself.
CREATE TABLE access_log_blocks (
    block_no       INTEGER NOT NULL PRIMARY KEY,
    block_version  INTEGER NOT NULL,
    first_seq      INTEGER NOT NULL,
    last_seq       INTEGER NOT NULL,
    entry_count    INTEGER NOT NULL,
    leaf_hashes    BLOB NOT NULL,
    merkle_root    BLOB NOT NULL,
    previous_hash  BLOB NOT NULL,
    block_hash     BLOB NOT NULL,
    sealed_at      TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    signature      BLOB NOT NULL
);
CREATE UNIQUE INDEX ux_access_log_blocks_last_seq ON access_log_blocks (last_seq);

CREATE TRIGGER access_log_blocks_no_update BEFORE UPDATE ON access_log_blocks
BEGIN SELECT RAISE(ABORT, 'access_log_blocks is append-only'); END;
CREATE TRIGGER access_log_blocks_no_delete BEFORE DELETE ON access_log_blocks
BEGIN SELECT RAISE(ABORT, 'access_log_blocks is append-only'); END;
