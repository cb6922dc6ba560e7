-- Victims, their interviews, requests for further interviews, protective measures and support referrals.
-- Same tables and names as db/sqlite.
CREATE TABLE dbo.victims (
    id                               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id                          UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    code                             NVARCHAR(16)  NOT NULL UNIQUE,
    gender                           NVARCHAR(16)  NOT NULL,
    age_at_report                    INT NOT NULL,
    age_band                         NVARCHAR(16)  NOT NULL,
    identity_key_id                  NVARCHAR(32)  NOT NULL,
    identity_ciphertext              VARBINARY(MAX) NOT NULL,
    blind_index                      NVARCHAR(64)  NOT NULL,
    closed_hearing                   BIT NULL,
    video_link_testimony             BIT NULL,
    no_confrontation                 BIT NULL,
    support_person_at_hearing        BIT NULL,
    identity_withheld_from_judgment  BIT NULL,
    measures_updated_at              DATETIME2(7)  NULL,
    measures_updated_by              NVARCHAR(128) NULL,
    created_at                       DATETIME2(7)  NOT NULL,
    created_by                       NVARCHAR(128) NOT NULL
);
CREATE INDEX ix_victims_case ON dbo.victims (case_id, id);
CREATE INDEX ix_victims_blind_index ON dbo.victims (blind_index);
CREATE INDEX ix_victims_key ON dbo.victims (identity_key_id, id);

CREATE TABLE dbo.interview_requests (
    id                    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    victim_id             UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.victims(id),
    case_id               UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    justification         NVARCHAR(2000) NOT NULL,
    status                NVARCHAR(16)  NOT NULL,
    requested_by          NVARCHAR(128) NOT NULL,
    requested_at          DATETIME2(7)  NOT NULL,
    decided_by            NVARCHAR(128) NULL,
    decided_at            DATETIME2(7)  NULL,
    used_by_interview_id  UNIQUEIDENTIFIER NULL
);
CREATE INDEX ix_interview_requests_victim ON dbo.interview_requests (victim_id, id);

CREATE TABLE dbo.interviews (
    id                   UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    victim_id            UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.victims(id),
    case_id              UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    started_at           DATETIME2(7)  NOT NULL,
    ended_at             DATETIME2(7)  NOT NULL,
    location             NVARCHAR(32)  NOT NULL,
    interviewer_user_id  NVARCHAR(128) NOT NULL,
    recorded             BIT NOT NULL,
    recording_ref        NVARCHAR(200) NULL,
    support_persons      NVARCHAR(200) NOT NULL,
    approval_id          UNIQUEIDENTIFIER NULL REFERENCES dbo.interview_requests(id),
    created_at           DATETIME2(7)  NOT NULL,
    created_by           NVARCHAR(128) NOT NULL
);
CREATE INDEX ix_interviews_victim ON dbo.interviews (victim_id, started_at);
-- An approval serves once.
CREATE UNIQUE INDEX ux_interviews_approval ON dbo.interviews (approval_id) WHERE approval_id IS NOT NULL;

CREATE TABLE dbo.support_referrals (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    victim_id   UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.victims(id),
    case_id     UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    kind        NVARCHAR(32)  NOT NULL,
    to_unit     NVARCHAR(32)  NOT NULL REFERENCES dbo.units(code),
    note        NVARCHAR(2000) NULL,
    status      NVARCHAR(16)  NOT NULL,
    created_at  DATETIME2(7)  NOT NULL,
    created_by  NVARCHAR(128) NOT NULL,
    updated_at  DATETIME2(7)  NOT NULL,
    updated_by  NVARCHAR(128) NOT NULL
);
CREATE INDEX ix_support_referrals_victim ON dbo.support_referrals (victim_id, id);
