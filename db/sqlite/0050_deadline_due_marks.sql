-- Deadlines that have fallen due, one row each (the case, the deadline's kind and its due day). The scanner writes
-- the row and its change-feed event in one transaction; the key makes a second writer (a second tick, another node)
-- fail and roll back instead of writing the event twice. A deadline moved by a decision or an extension is a new
-- (kind, due day) and falls due again on its own day.
CREATE TABLE deadline_due_marks (
    case_id        TEXT NOT NULL REFERENCES cases(id),
    deadline_kind  TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    feed_position  INTEGER NOT NULL,
    marked_at      TEXT NOT NULL,
    PRIMARY KEY (case_id, deadline_kind, due_on)
);
