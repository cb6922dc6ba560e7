-- Reference data, cases and their timeline. Instants are ISO-8601 UTC text (fixed width, so text order is time order);
-- ids are GUID v7 text.
CREATE TABLE units (
    code                        TEXT NOT NULL PRIMARY KEY,
    kind                        TEXT NOT NULL,
    name                        TEXT NOT NULL,
    parent_code                 TEXT NULL REFERENCES units(code),
    supervising_procuracy_code  TEXT NULL,
    jurisdiction_code           TEXT NULL,
    effective_from              TEXT NOT NULL,
    effective_to                TEXT NULL
);

-- Every (ancestor, descendant) pair, a unit being its own ancestor: scope is one indexed join.
CREATE TABLE unit_ancestry (
    ancestor_code    TEXT NOT NULL,
    descendant_code  TEXT NOT NULL,
    depth            INTEGER NOT NULL,
    PRIMARY KEY (ancestor_code, descendant_code)
);
CREATE INDEX ix_unit_ancestry_descendant ON unit_ancestry (descendant_code);

CREATE TABLE offences (
    code                 TEXT NOT NULL PRIMARY KEY,
    article              INTEGER NOT NULL,
    clause               INTEGER NOT NULL,
    title                TEXT NOT NULL,
    min_penalty_years    REAL NOT NULL,
    max_penalty_years    REAL NOT NULL,
    life_or_death        INTEGER NOT NULL,
    category             TEXT NOT NULL,
    victim_may_withdraw  INTEGER NOT NULL
);

CREATE TABLE wards (
    code  TEXT NOT NULL PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE case_number_counters (
    year        INTEGER NOT NULL PRIMARY KEY,
    last_value  INTEGER NOT NULL
);

CREATE TABLE cases (
    id                       TEXT NOT NULL PRIMARY KEY,
    case_number              TEXT NOT NULL UNIQUE,
    stage                    TEXT NOT NULL,
    stage_since              TEXT NOT NULL,
    stage_before_suspension  TEXT NULL,
    source                   TEXT NOT NULL,
    received_at              TEXT NOT NULL,
    summary                  TEXT NOT NULL,
    incident_date            TEXT NULL,
    incident_ward_code       TEXT NOT NULL REFERENCES wards(code),
    handling_unit            TEXT NOT NULL REFERENCES units(code),
    procuracy_unit           TEXT NOT NULL REFERENCES units(code),
    court_unit               TEXT NULL REFERENCES units(code),
    category                 TEXT NULL,
    deadline_kind            TEXT NULL,
    due_on                   TEXT NULL,
    extended_days            INTEGER NOT NULL DEFAULT 0,
    procuracy_returns        INTEGER NOT NULL DEFAULT 0,
    court_returns            INTEGER NOT NULL DEFAULT 0,
    returned_by              TEXT NULL,
    victim_count             INTEGER NOT NULL DEFAULT 0,
    interview_count          INTEGER NOT NULL DEFAULT 0,
    last_decision_kind       TEXT NULL,
    last_decision_number     TEXT NULL,
    last_decision_on         TEXT NULL,
    hearing_at               TEXT NULL,
    closed_hearing           INTEGER NULL,
    verdict_outcome          TEXT NULL,
    verdict_on               TEXT NULL,
    created_at               TEXT NOT NULL,
    created_by               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    version                  INTEGER NOT NULL
);
CREATE INDEX ix_cases_handling_unit ON cases (handling_unit, id);
CREATE INDEX ix_cases_procuracy_unit ON cases (procuracy_unit, id);
CREATE INDEX ix_cases_court_unit ON cases (court_unit, id);
CREATE INDEX ix_cases_stage ON cases (stage, id);
CREATE INDEX ix_cases_due_on ON cases (due_on);
CREATE INDEX ix_cases_created ON cases (created_at, id);

CREATE TABLE case_offences (
    case_id       TEXT NOT NULL REFERENCES cases(id),
    offence_code  TEXT NOT NULL REFERENCES offences(code),
    PRIMARY KEY (case_id, offence_code)
);

CREATE TABLE case_assignments (
    case_id      TEXT NOT NULL REFERENCES cases(id),
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    unit_code    TEXT NOT NULL,
    assigned_at  TEXT NOT NULL,
    assigned_by  TEXT NOT NULL,
    PRIMARY KEY (case_id, user_id, role)
);
CREATE INDEX ix_case_assignments_user ON case_assignments (user_id, case_id);

-- The timeline: every change to a case is an event, applied to the case row in the same transaction.
CREATE TABLE case_events (
    id           TEXT NOT NULL PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    version      INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    actor_id     TEXT NOT NULL,
    actor_role   TEXT NOT NULL,
    actor_unit   TEXT NOT NULL,
    data         TEXT NOT NULL,
    UNIQUE (case_id, version)
);
