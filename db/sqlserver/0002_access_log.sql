-- The access log. An append-only ledger table: the database itself refuses UPDATE and DELETE and keeps a
-- cryptographic digest of every row. Ledger rows cannot be deleted, so retention is by moving to archive databases.
CREATE TABLE dbo.access_log (
    seq             BIGINT NOT NULL,
    entry_version   INT NOT NULL,
    at              DATETIME2(7)  NOT NULL,
    actor_id        NVARCHAR(128) NULL,
    actor_role      NVARCHAR(32)  NULL,
    actor_unit      NVARCHAR(32)  NULL,
    action          NVARCHAR(64)  NOT NULL,
    resource_type   NVARCHAR(32)  NOT NULL,
    resource_id     NVARCHAR(64)  NULL,
    victim_id       NVARCHAR(64)  NULL,
    purpose         NVARCHAR(500) NULL,
    outcome         NVARCHAR(16)  NOT NULL,
    status_code     INT NOT NULL,
    client_ip       NVARCHAR(64)  NULL,
    correlation_id  NVARCHAR(64)  NOT NULL,
    CONSTRAINT pk_access_log PRIMARY KEY CLUSTERED (seq)
)
WITH (LEDGER = ON (APPEND_ONLY = ON));
CREATE INDEX ix_access_log_actor ON dbo.access_log (actor_id, seq);
CREATE INDEX ix_access_log_at ON dbo.access_log (at);

CREATE TABLE dbo.access_log_cases (
    case_id  NVARCHAR(64) NOT NULL,
    seq      BIGINT NOT NULL,
    CONSTRAINT pk_access_log_cases PRIMARY KEY CLUSTERED (case_id, seq)
)
WITH (LEDGER = ON (APPEND_ONLY = ON));

CREATE TABLE dbo.access_log_head (
    id        INT NOT NULL PRIMARY KEY,
    last_seq  BIGINT NOT NULL
);
INSERT INTO dbo.access_log_head (id, last_seq) VALUES (1, 0);
