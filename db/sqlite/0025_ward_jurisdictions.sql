-- Hanoi's commune-level units since 1 July 2025 (official codes of the national list) and, per period, the commune
-- police unit, regional procuracy and regional court that serve each one; older sample codes as aliases; every
-- reference import recorded.
ALTER TABLE wards ADD COLUMN kind TEXT NOT NULL DEFAULT 'ward';
ALTER TABLE wards ADD COLUMN effective_from TEXT NOT NULL DEFAULT '2025-07-01';
ALTER TABLE wards ADD COLUMN effective_to TEXT NULL;

CREATE TABLE ward_jurisdictions (
    ward_code         TEXT NOT NULL REFERENCES wards(code),
    effective_from    TEXT NOT NULL,
    effective_to      TEXT NULL,
    police_unit_code  TEXT NOT NULL REFERENCES units(code),
    procuracy_code    TEXT NOT NULL REFERENCES units(code),
    court_code        TEXT NOT NULL REFERENCES units(code),
    basis             TEXT NOT NULL,
    PRIMARY KEY (ward_code, effective_from)
);
CREATE INDEX ix_ward_jurisdictions_procuracy ON ward_jurisdictions (procuracy_code, ward_code);

CREATE TABLE ward_aliases (
    alias      TEXT NOT NULL PRIMARY KEY,
    ward_code  TEXT NOT NULL REFERENCES wards(code)
);

CREATE TABLE reference_imports (
    id           TEXT NOT NULL PRIMARY KEY,
    source       TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    units        INTEGER NOT NULL,
    wards        INTEGER NOT NULL
);
CREATE INDEX ix_reference_imports_sha ON reference_imports (sha256);
