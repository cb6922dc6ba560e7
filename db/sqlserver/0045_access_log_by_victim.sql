-- "Who read this victim's record": an auditor's page filtered by victim, newest first, reads only that victim's range
-- of the index instead of the whole log.
CREATE INDEX ix_access_log_victim ON dbo.access_log (victim_id, seq);
