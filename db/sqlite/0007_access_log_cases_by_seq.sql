-- The case ids of given entries (an auditor's page, an export's join) by seq; the primary key (case_id, seq) only
-- serves "which entries touched case X".
CREATE INDEX ix_access_log_cases_seq ON access_log_cases (seq, case_id);
