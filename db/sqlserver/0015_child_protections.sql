-- The child's protections: the age at the offence (every age rule reads it; rows written before it fall back to the
-- age at report), and the child-protection steps of Decree 56/2017 recorded on the victim. Same tables as db/sqlite.
ALTER TABLE dbo.victims ADD age_at_offence INT NULL;

CREATE TABLE dbo.emergency_assessments (
    id            UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    victim_id     UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.victims(id),
    case_id       UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    assessed_at   DATETIME2(7)   NOT NULL,
    serious_risk  BIT            NOT NULL,
    measures      NVARCHAR(400)  NOT NULL,
    note          NVARCHAR(2000) NULL,
    created_at    DATETIME2(7)   NOT NULL,
    created_by    NVARCHAR(128)  NOT NULL
);
CREATE INDEX ix_emergency_assessments_victim ON dbo.emergency_assessments (victim_id, assessed_at);

CREATE TABLE dbo.support_plans (
    id           UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    victim_id    UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.victims(id),
    case_id      UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    approved_on  DATE           NOT NULL,
    measures     NVARCHAR(400)  NOT NULL,
    review_on    DATE           NULL,
    note         NVARCHAR(2000) NULL,
    created_at   DATETIME2(7)   NOT NULL,
    created_by   NVARCHAR(128)  NOT NULL
);
CREATE INDEX ix_support_plans_victim ON dbo.support_plans (victim_id, approved_on);
