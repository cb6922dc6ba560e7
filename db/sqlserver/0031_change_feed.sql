-- The change feed (an outbox): one row per change a client may follow, written in the transaction of the change.
-- position comes from the head row, whose lock is held to commit, so positions are contiguous, in commit order, and
-- a reader never sees position n+1 before n (never an IDENTITY: a value taken by an uncommitted transaction would be
-- skipped by a reader that moved past it). No protected value and no summary is stored here.
CREATE TABLE dbo.change_feed (
    position     BIGINT NOT NULL PRIMARY KEY,
    case_id      UNIQUEIDENTIFIER NULL,
    report_id    UNIQUEIDENTIFIER NULL,
    kind         NVARCHAR(64)  NOT NULL,
    occurred_at  DATETIME2(7)  NOT NULL,
    version      INT NULL
);

CREATE TABLE dbo.change_feed_head (
    id             INT NOT NULL PRIMARY KEY,
    last_position  BIGINT NOT NULL
);
INSERT INTO dbo.change_feed_head (id, last_position) VALUES (1, 0);
