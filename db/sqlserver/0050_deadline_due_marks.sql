-- Deadlines that have fallen due, one row each (the case, the deadline's kind and its due day). The scanner writes
-- the row and its change-feed event in one transaction; the key makes a second writer (a second tick, another node)
-- fail and roll back instead of writing the event twice. A deadline moved by a decision or an extension is a new
-- (kind, due day) and falls due again on its own day.
CREATE TABLE dbo.deadline_due_marks (
    case_id        UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    deadline_kind  NVARCHAR(40)  NOT NULL,
    due_on         DATE NOT NULL,
    feed_position  BIGINT NOT NULL,
    marked_at      DATETIME2(7)  NOT NULL,
    CONSTRAINT pk_deadline_due_marks PRIMARY KEY (case_id, deadline_kind, due_on)
);
