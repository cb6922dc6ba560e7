-- Where the access log is not a ledger (SQL Server 2019; access_log_protection says 'Trigger'), these triggers refuse
-- UPDATE and DELETE for everyone, the database owner included; the application's role is denied both as well (0008).
-- Not applied where the tables are ledger tables: the database refuses the change itself there.
CREATE TRIGGER dbo.access_log_append_only ON dbo.access_log AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51001, N'access_log is append-only', 1;
END;
GO
CREATE TRIGGER dbo.access_log_cases_append_only ON dbo.access_log_cases AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51001, N'access_log_cases is append-only', 1;
END;
GO
CREATE TRIGGER dbo.access_log_blocks_append_only ON dbo.access_log_blocks AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51001, N'access_log_blocks is append-only', 1;
END;
