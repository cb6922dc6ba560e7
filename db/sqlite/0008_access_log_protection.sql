-- SQL Server records here how its access log refuses changes (ledger or triggers) and creates the application's role.
-- SQLite has no roles, and its access log is guarded by the triggers of 0002 and 0006: nothing to do.
SELECT 1;
