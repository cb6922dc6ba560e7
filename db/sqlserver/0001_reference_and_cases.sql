-- Reference data, cases and their timeline. Same tables and names as db/sqlite.
CREATE TABLE dbo.units (
    code                        NVARCHAR(32)  NOT NULL PRIMARY KEY,
    kind                        NVARCHAR(32)  NOT NULL,
    name                        NVARCHAR(200) NOT NULL,
    parent_code                 NVARCHAR(32)  NULL REFERENCES dbo.units(code),
    supervising_procuracy_code  NVARCHAR(32)  NULL,
    jurisdiction_code           NVARCHAR(32)  NULL,
    effective_from              DATE NOT NULL,
    effective_to                DATE NULL
);

CREATE TABLE dbo.unit_ancestry (
    ancestor_code    NVARCHAR(32) NOT NULL,
    descendant_code  NVARCHAR(32) NOT NULL,
    depth            INT NOT NULL,
    CONSTRAINT pk_unit_ancestry PRIMARY KEY (ancestor_code, descendant_code)
);
CREATE INDEX ix_unit_ancestry_descendant ON dbo.unit_ancestry (descendant_code);

CREATE TABLE dbo.offences (
    code                 NVARCHAR(32)  NOT NULL PRIMARY KEY,
    article              INT NOT NULL,
    clause               INT NOT NULL,
    title                NVARCHAR(300) NOT NULL,
    min_penalty_years    DECIMAL(5,2) NOT NULL,
    max_penalty_years    DECIMAL(5,2) NOT NULL,
    life_or_death        BIT NOT NULL,
    category             NVARCHAR(32) NOT NULL,
    victim_may_withdraw  BIT NOT NULL
);

CREATE TABLE dbo.wards (
    code  NVARCHAR(32)  NOT NULL PRIMARY KEY,
    name  NVARCHAR(200) NOT NULL
);

CREATE TABLE dbo.case_number_counters (
    year        INT NOT NULL PRIMARY KEY,
    last_value  BIGINT NOT NULL
);

CREATE TABLE dbo.cases (
    id                       UNIQUEIDENTIFIER NOT NULL PRIMARY KEY NONCLUSTERED,
    case_number              NVARCHAR(32)  NOT NULL UNIQUE,
    stage                    NVARCHAR(32)  NOT NULL,
    stage_since              DATETIME2(7)  NOT NULL,
    stage_before_suspension  NVARCHAR(32)  NULL,
    source                   NVARCHAR(32)  NOT NULL,
    received_at              DATETIME2(7)  NOT NULL,
    summary                  NVARCHAR(MAX) NOT NULL,
    incident_date            DATE NULL,
    incident_ward_code       NVARCHAR(32)  NOT NULL REFERENCES dbo.wards(code),
    handling_unit            NVARCHAR(32)  NOT NULL REFERENCES dbo.units(code),
    procuracy_unit           NVARCHAR(32)  NOT NULL REFERENCES dbo.units(code),
    court_unit               NVARCHAR(32)  NULL REFERENCES dbo.units(code),
    category                 NVARCHAR(32)  NULL,
    deadline_kind            NVARCHAR(40)  NULL,
    due_on                   DATE NULL,
    extended_days            INT NOT NULL DEFAULT 0,
    procuracy_returns        INT NOT NULL DEFAULT 0,
    court_returns            INT NOT NULL DEFAULT 0,
    returned_by              NVARCHAR(16)  NULL,
    victim_count             INT NOT NULL DEFAULT 0,
    interview_count          INT NOT NULL DEFAULT 0,
    last_decision_kind       NVARCHAR(40)  NULL,
    last_decision_number     NVARCHAR(64)  NULL,
    last_decision_on         DATE NULL,
    hearing_at               DATETIME2(7)  NULL,
    closed_hearing           BIT NULL,
    verdict_outcome          NVARCHAR(32)  NULL,
    verdict_on               DATE NULL,
    created_at               DATETIME2(7)  NOT NULL,
    created_by               NVARCHAR(128) NOT NULL,
    updated_at               DATETIME2(7)  NOT NULL,
    version                  INT NOT NULL
);
CREATE CLUSTERED INDEX cx_cases_created ON dbo.cases (created_at, id);
CREATE INDEX ix_cases_handling_unit ON dbo.cases (handling_unit, id);
CREATE INDEX ix_cases_procuracy_unit ON dbo.cases (procuracy_unit, id);
CREATE INDEX ix_cases_court_unit ON dbo.cases (court_unit, id);
CREATE INDEX ix_cases_stage ON dbo.cases (stage, id);
CREATE INDEX ix_cases_due_on ON dbo.cases (due_on);

CREATE TABLE dbo.case_offences (
    case_id       UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    offence_code  NVARCHAR(32) NOT NULL REFERENCES dbo.offences(code),
    CONSTRAINT pk_case_offences PRIMARY KEY (case_id, offence_code)
);

CREATE TABLE dbo.case_assignments (
    case_id      UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    user_id      NVARCHAR(128) NOT NULL,
    role         NVARCHAR(32)  NOT NULL,
    unit_code    NVARCHAR(32)  NOT NULL,
    assigned_at  DATETIME2(7)  NOT NULL,
    assigned_by  NVARCHAR(128) NOT NULL,
    CONSTRAINT pk_case_assignments PRIMARY KEY (case_id, user_id, role)
);
CREATE INDEX ix_case_assignments_user ON dbo.case_assignments (user_id, case_id);

CREATE TABLE dbo.case_events (
    id           UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    case_id      UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    version      INT NOT NULL,
    kind         NVARCHAR(40)  NOT NULL,
    occurred_at  DATETIME2(7)  NOT NULL,
    actor_id     NVARCHAR(128) NOT NULL,
    actor_role   NVARCHAR(32)  NOT NULL,
    actor_unit   NVARCHAR(32)  NOT NULL,
    data         NVARCHAR(MAX) NOT NULL,
    CONSTRAINT uq_case_events_version UNIQUE (case_id, version)
);
