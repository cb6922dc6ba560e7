-- The lifecycle: decisions on a case, its suspects and their charges, and durable idempotency records.
CREATE TABLE dbo.case_decisions (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id            UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    kind               NVARCHAR(40)  NOT NULL,
    number             NVARCHAR(64)  NOT NULL,
    decided_on         DATE NOT NULL,
    reason             NVARCHAR(2000) NULL,
    reason_code        NVARCHAR(40)  NULL,
    data               NVARCHAR(MAX) NOT NULL,
    from_stage         NVARCHAR(32)  NOT NULL,
    to_stage           NVARCHAR(32)  NOT NULL,
    actor_id           NVARCHAR(128) NOT NULL,
    actor_role         NVARCHAR(32)  NOT NULL,
    actor_unit         NVARCHAR(32)  NOT NULL,
    recorded_at        DATETIME2(7)  NOT NULL,
    resulting_version  INT NOT NULL,
    CONSTRAINT uq_case_decisions_version UNIQUE (case_id, resulting_version)
);

-- Suspect names are case content: never logged, never on the timeline, never shown to auditors or admins.
CREATE TABLE dbo.suspects (
    id                      UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id                 UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    full_name               NVARCHAR(200) NOT NULL,
    date_of_birth           DATE NULL,
    gender                  NVARCHAR(16)  NOT NULL,
    relationship_to_victim  NVARCHAR(32)  NOT NULL,
    custody                 NVARCHAR(16)  NOT NULL,
    charged                 BIT NOT NULL DEFAULT 0,
    created_at              DATETIME2(7)  NOT NULL,
    created_by              NVARCHAR(128) NOT NULL
);
CREATE INDEX ix_suspects_case ON dbo.suspects (case_id);

CREATE TABLE dbo.suspect_charges (
    suspect_id    UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.suspects(id),
    case_id       UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    offence_code  NVARCHAR(32) NOT NULL REFERENCES dbo.offences(code),
    charged_on    DATE NOT NULL,
    CONSTRAINT pk_suspect_charges PRIMARY KEY (suspect_id, offence_code)
);
CREATE INDEX ix_suspect_charges_case ON dbo.suspect_charges (case_id);

-- One row per (user, method, path, key), hashed into scope_hash; written in the transaction of the effect.
CREATE TABLE dbo.idempotency_keys (
    scope_hash    NVARCHAR(64)  NOT NULL PRIMARY KEY,
    request_hash  NVARCHAR(64)  NOT NULL,
    status_code   INT NOT NULL,
    body          NVARCHAR(MAX) NOT NULL,
    location      NVARCHAR(400) NULL,
    etag          NVARCHAR(64)  NULL,
    case_ids      NVARCHAR(MAX) NULL,
    created_at    DATETIME2(7)  NOT NULL
);
CREATE INDEX ix_idempotency_keys_created ON dbo.idempotency_keys (created_at);
