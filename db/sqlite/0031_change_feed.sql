-- The change feed (an outbox): one row per change a client may follow, written in the transaction of the change.
-- position comes from the head row taken in that transaction (SQLite has one writer), so positions are contiguous,
-- in commit order, and a reader never sees position n+1 before n. No protected value and no summary is stored here.
CREATE TABLE change_feed (
    position     INTEGER NOT NULL PRIMARY KEY,
    case_id      TEXT NULL,
    report_id    TEXT NULL,
    kind         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    version      INTEGER NULL
);

CREATE TABLE change_feed_head (
    id             INTEGER NOT NULL PRIMARY KEY,
    last_position  INTEGER NOT NULL
);
INSERT INTO change_feed_head (id, last_position) VALUES (1, 0);
