-- Hanoi's commune-level units since 1 July 2025 (official codes of the national list) and, per period, the commune
-- police unit, regional procuracy and regional court that serve each one; older sample codes as aliases; every
-- reference import recorded. Same tables and names as db/sqlite.
ALTER TABLE dbo.wards ADD kind            NVARCHAR(16) NOT NULL CONSTRAINT df_wards_kind DEFAULT N'ward';
ALTER TABLE dbo.wards ADD effective_from  DATE NOT NULL CONSTRAINT df_wards_effective_from DEFAULT '2025-07-01';
ALTER TABLE dbo.wards ADD effective_to    DATE NULL;

CREATE TABLE dbo.ward_jurisdictions (
    ward_code         NVARCHAR(32) NOT NULL REFERENCES dbo.wards(code),
    effective_from    DATE NOT NULL,
    effective_to      DATE NULL,
    police_unit_code  NVARCHAR(32) NOT NULL REFERENCES dbo.units(code),
    procuracy_code    NVARCHAR(32) NOT NULL REFERENCES dbo.units(code),
    court_code        NVARCHAR(32) NOT NULL REFERENCES dbo.units(code),
    basis             NVARCHAR(64) NOT NULL,
    CONSTRAINT pk_ward_jurisdictions PRIMARY KEY (ward_code, effective_from)
);
CREATE INDEX ix_ward_jurisdictions_procuracy ON dbo.ward_jurisdictions (procuracy_code, ward_code);

CREATE TABLE dbo.ward_aliases (
    alias      NVARCHAR(32) NOT NULL PRIMARY KEY,
    ward_code  NVARCHAR(32) NOT NULL REFERENCES dbo.wards(code)
);

CREATE TABLE dbo.reference_imports (
    id           UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    source       NVARCHAR(400) NOT NULL,
    sha256       NVARCHAR(64) NOT NULL,
    imported_at  DATETIME2 NOT NULL,
    imported_by  NVARCHAR(128) NOT NULL,
    units        INT NOT NULL,
    wards        INT NOT NULL
);
CREATE INDEX ix_reference_imports_sha ON dbo.reference_imports (sha256);
