-- The lifecycle: decisions on a case, its suspects and their charges, and durable idempotency records.
CREATE TABLE case_decisions (
    id                 TEXT NOT NULL PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES cases(id),
    kind               TEXT NOT NULL,
    number             TEXT NOT NULL,
    decided_on         TEXT NOT NULL,
    reason             TEXT NULL,
    reason_code        TEXT NULL,
    data               TEXT NOT NULL,
    from_stage         TEXT NOT NULL,
    to_stage           TEXT NOT NULL,
    actor_id           TEXT NOT NULL,
    actor_role         TEXT NOT NULL,
    actor_unit         TEXT NOT NULL,
    recorded_at        TEXT NOT NULL,
    resulting_version  INTEGER NOT NULL,
    UNIQUE (case_id, resulting_version)
);

-- Suspect names are case content: never logged, never on the timeline, never shown to auditors or admins.
CREATE TABLE suspects (
    id                      TEXT NOT NULL PRIMARY KEY,
    case_id                 TEXT NOT NULL REFERENCES cases(id),
    full_name               TEXT NOT NULL,
    date_of_birth           TEXT NULL,
    gender                  TEXT NOT NULL,
    relationship_to_victim  TEXT NOT NULL,
    custody                 TEXT NOT NULL,
    charged                 INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT NOT NULL,
    created_by              TEXT NOT NULL
);
CREATE INDEX ix_suspects_case ON suspects (case_id);

CREATE TABLE suspect_charges (
    suspect_id    TEXT NOT NULL REFERENCES suspects(id),
    case_id       TEXT NOT NULL REFERENCES cases(id),
    offence_code  TEXT NOT NULL REFERENCES offences(code),
    charged_on    TEXT NOT NULL,
    PRIMARY KEY (suspect_id, offence_code)
);
CREATE INDEX ix_suspect_charges_case ON suspect_charges (case_id);

-- One row per (user, method, path, key), hashed into scope_hash; written in the transaction of the effect.
CREATE TABLE idempotency_keys (
    scope_hash    TEXT NOT NULL PRIMARY KEY,
    request_hash  TEXT NOT NULL,
    status_code   INTEGER NOT NULL,
    body          TEXT NOT NULL,
    location      TEXT NULL,
    etag          TEXT NULL,
    case_ids      TEXT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
