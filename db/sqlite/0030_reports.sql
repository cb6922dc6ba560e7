-- Reports filed by those who see abuse first (hotline 111, schools, commune People's Committees), routed by the
-- incident's ward to its police unit. The child's identity and the reporter's contact are encrypted by the
-- application (AES-256-GCM, the report id as associated data); the reporter sees the receipt and the state only.
CREATE TABLE reports (
    id                        TEXT NOT NULL PRIMARY KEY,
    report_number             TEXT NOT NULL UNIQUE,
    received_at               TEXT NOT NULL,
    what_happened             TEXT NOT NULL,
    incident_date             TEXT NULL,
    incident_ward_code        TEXT NOT NULL REFERENCES wards(code),
    serious_risk              INTEGER NOT NULL,
    reporter_id               TEXT NOT NULL,
    reporter_unit             TEXT NOT NULL REFERENCES units(code),
    routed_unit               TEXT NOT NULL REFERENCES units(code),
    procuracy_unit            TEXT NOT NULL REFERENCES units(code),
    protected_key_id          TEXT NOT NULL,
    child_ciphertext          BLOB NOT NULL,
    contact_ciphertext        BLOB NOT NULL,
    case_id                   TEXT NULL REFERENCES cases(id),
    declined_reason           TEXT NULL,
    decided_at                TEXT NULL,
    decided_by                TEXT NULL
);
CREATE INDEX ix_reports_routed ON reports (routed_unit, decided_at, received_at);
CREATE INDEX ix_reports_reporter ON reports (reporter_id, received_at);

CREATE TABLE report_number_counters (
    year        INTEGER NOT NULL PRIMARY KEY,
    last_value  INTEGER NOT NULL
);
