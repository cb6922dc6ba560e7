-- The access log: append-only entries with a contiguous seq in commit order, and the case ids each response held.
CREATE TABLE access_log (
    seq             INTEGER NOT NULL PRIMARY KEY,
    entry_version   INTEGER NOT NULL,
    at              TEXT NOT NULL,
    actor_id        TEXT NULL,
    actor_role      TEXT NULL,
    actor_unit      TEXT NULL,
    action          TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NULL,
    victim_id       TEXT NULL,
    purpose         TEXT NULL,
    outcome         TEXT NOT NULL,
    status_code     INTEGER NOT NULL,
    client_ip       TEXT NULL,
    correlation_id  TEXT NOT NULL
);
CREATE INDEX ix_access_log_actor ON access_log (actor_id, seq);
CREATE INDEX ix_access_log_at ON access_log (at);

CREATE TABLE access_log_cases (
    case_id  TEXT NOT NULL,
    seq      INTEGER NOT NULL REFERENCES access_log(seq),
    PRIMARY KEY (case_id, seq)
);

-- One row: the chain head. Taking it serialises writers so seq has no gaps and follows commit order.
CREATE TABLE access_log_head (
    id        INTEGER NOT NULL PRIMARY KEY,
    last_seq  INTEGER NOT NULL
);
INSERT INTO access_log_head (id, last_seq) VALUES (1, 0);

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_cases_no_update BEFORE UPDATE ON access_log_cases
BEGIN SELECT RAISE(ABORT, 'access_log_cases is append-only'); END;
CREATE TRIGGER access_log_cases_no_delete BEFORE DELETE ON access_log_cases
BEGIN SELECT RAISE(ABORT, 'access_log_cases is append-only'); END;
