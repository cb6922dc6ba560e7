-- Victims, their interviews, requests for further interviews, protective measures and support referrals.
-- Identity and date of birth live only in identity_ciphertext (AES-256-GCM; the key id is inside the blob and in
-- identity_key_id so the rekey command finds old rows); blind_index finds the same child across cases.
CREATE TABLE victims (
    id                               TEXT NOT NULL PRIMARY KEY,
    case_id                          TEXT NOT NULL REFERENCES cases(id),
    code                             TEXT NOT NULL UNIQUE,
    gender                           TEXT NOT NULL,
    age_at_report                    INTEGER NOT NULL,
    age_band                         TEXT NOT NULL,
    identity_key_id                  TEXT NOT NULL,
    identity_ciphertext              BLOB NOT NULL,
    blind_index                      TEXT NOT NULL,
    closed_hearing                   INTEGER NULL,
    video_link_testimony             INTEGER NULL,
    no_confrontation                 INTEGER NULL,
    support_person_at_hearing        INTEGER NULL,
    identity_withheld_from_judgment  INTEGER NULL,
    measures_updated_at              TEXT NULL,
    measures_updated_by              TEXT NULL,
    created_at                       TEXT NOT NULL,
    created_by                       TEXT NOT NULL
);
CREATE INDEX ix_victims_case ON victims (case_id, id);
CREATE INDEX ix_victims_blind_index ON victims (blind_index);
CREATE INDEX ix_victims_key ON victims (identity_key_id, id);

CREATE TABLE interview_requests (
    id                    TEXT NOT NULL PRIMARY KEY,
    victim_id             TEXT NOT NULL REFERENCES victims(id),
    case_id               TEXT NOT NULL REFERENCES cases(id),
    justification         TEXT NOT NULL,
    status                TEXT NOT NULL,
    requested_by          TEXT NOT NULL,
    requested_at          TEXT NOT NULL,
    decided_by            TEXT NULL,
    decided_at            TEXT NULL,
    used_by_interview_id  TEXT NULL
);
CREATE INDEX ix_interview_requests_victim ON interview_requests (victim_id, id);

CREATE TABLE interviews (
    id                   TEXT NOT NULL PRIMARY KEY,
    victim_id            TEXT NOT NULL REFERENCES victims(id),
    case_id              TEXT NOT NULL REFERENCES cases(id),
    started_at           TEXT NOT NULL,
    ended_at             TEXT NOT NULL,
    location             TEXT NOT NULL,
    interviewer_user_id  TEXT NOT NULL,
    recorded             INTEGER NOT NULL,
    recording_ref        TEXT NULL,
    support_persons      TEXT NOT NULL,
    approval_id          TEXT NULL REFERENCES interview_requests(id),
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL
);
CREATE INDEX ix_interviews_victim ON interviews (victim_id, started_at);
-- An approval serves once.
CREATE UNIQUE INDEX ux_interviews_approval ON interviews (approval_id) WHERE approval_id IS NOT NULL;

CREATE TABLE support_referrals (
    id          TEXT NOT NULL PRIMARY KEY,
    victim_id   TEXT NOT NULL REFERENCES victims(id),
    case_id     TEXT NOT NULL REFERENCES cases(id),
    kind        TEXT NOT NULL,
    to_unit     TEXT NOT NULL REFERENCES units(code),
    note        TEXT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX ix_support_referrals_victim ON support_referrals (victim_id, id);
