-- The child's protections: the age at the offence (every age rule reads it; rows written before it fall back to the
-- age at report), and the child-protection steps of Decree 56/2017 recorded on the victim.
ALTER TABLE victims ADD COLUMN age_at_offence INTEGER NULL;

CREATE TABLE emergency_assessments (
    id            TEXT NOT NULL PRIMARY KEY,
    victim_id     TEXT NOT NULL REFERENCES victims(id),
    case_id       TEXT NOT NULL REFERENCES cases(id),
    assessed_at   TEXT NOT NULL,
    serious_risk  INTEGER NOT NULL,
    measures      TEXT NOT NULL,
    note          TEXT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE INDEX ix_emergency_assessments_victim ON emergency_assessments (victim_id, assessed_at);

CREATE TABLE support_plans (
    id           TEXT NOT NULL PRIMARY KEY,
    victim_id    TEXT NOT NULL REFERENCES victims(id),
    case_id      TEXT NOT NULL REFERENCES cases(id),
    approved_on  TEXT NOT NULL,
    measures     TEXT NOT NULL,
    review_on    TEXT NULL,
    note         TEXT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX ix_support_plans_victim ON support_plans (victim_id, approved_on);
