-- Reports filed by those who see abuse first (hotline 111, schools, commune People's Committees), routed by the
-- incident's ward to its police unit. The child's identity and the reporter's contact are encrypted by the
-- application (AES-256-GCM, the report id as associated data); the reporter sees the receipt and the state only.
CREATE TABLE dbo.reports (
    id                        UNIQUEIDENTIFIER NOT NULL PRIMARY KEY NONCLUSTERED,
    report_number             NVARCHAR(32)  NOT NULL UNIQUE,
    received_at               DATETIME2(7)  NOT NULL,
    what_happened             NVARCHAR(MAX) NOT NULL,
    incident_date             DATE NULL,
    incident_ward_code        NVARCHAR(32)  NOT NULL REFERENCES dbo.wards(code),
    serious_risk              BIT NOT NULL,
    reporter_id               NVARCHAR(128) NOT NULL,
    reporter_unit             NVARCHAR(32)  NOT NULL REFERENCES dbo.units(code),
    routed_unit               NVARCHAR(32)  NOT NULL REFERENCES dbo.units(code),
    procuracy_unit            NVARCHAR(32)  NOT NULL REFERENCES dbo.units(code),
    protected_key_id          NVARCHAR(32)  NOT NULL,
    child_ciphertext          VARBINARY(MAX) NOT NULL,
    contact_ciphertext        VARBINARY(MAX) NOT NULL,
    case_id                   UNIQUEIDENTIFIER NULL REFERENCES dbo.cases(id),
    declined_reason           NVARCHAR(1000) NULL,
    decided_at                DATETIME2(7)  NULL,
    decided_by                NVARCHAR(128) NULL
);
CREATE INDEX ix_reports_routed ON dbo.reports (routed_unit, decided_at, received_at);
CREATE INDEX ix_reports_reporter ON dbo.reports (reporter_id, received_at);

CREATE TABLE dbo.report_number_counters (
    year        INT NOT NULL PRIMARY KEY,
    last_value  BIGINT NOT NULL
);
