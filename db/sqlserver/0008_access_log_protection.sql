-- How this database's access log refuses UPDATE and DELETE, chosen when the migrations ran
-- (Storage:SqlServer:AccessLogProtection; Auto asks SERVERPROPERTY): 'Ledger' on SQL Server 2022 and later and Azure
-- SQL (the tables of 0002 and 0006 are append-only ledger tables), 'Trigger' elsewhere (SQL Server 2019: plain tables,
-- the triggers of 0009). Both add the DENY below, and the signed Merkle chain of access_log_blocks detects edits by
-- anyone who gets past them. A database keeps the protection it was created with.
CREATE TABLE dbo.access_log_protection (
    id         INT NOT NULL PRIMARY KEY,
    mode       NVARCHAR(16) NOT NULL,
    chosen_at  DATETIME2(7) NOT NULL
);
INSERT INTO dbo.access_log_protection (id, mode, chosen_at) VALUES (1, N'$access_log_protection$', SYSUTCDATETIME());

-- The application's role: what the service does and no more (db/sqlserver/setup/create_app_login.sql makes a login a
-- member). It reads and writes the case tables; it may only append to the access log and its seals.
CREATE ROLE casemanagement_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::dbo TO casemanagement_app;
DENY UPDATE, DELETE ON dbo.access_log TO casemanagement_app;
DENY UPDATE, DELETE ON dbo.access_log_cases TO casemanagement_app;
DENY UPDATE, DELETE ON dbo.access_log_blocks TO casemanagement_app;
DENY INSERT, UPDATE, DELETE ON dbo.access_log_protection TO casemanagement_app;
