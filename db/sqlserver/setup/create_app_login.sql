-- Not a migration: run by hand, once per server, by an administrator, after `migrate` created the database.
-- Creates the service's login with no more rights than it uses: membership of casemanagement_app (0008: SELECT,
-- INSERT, UPDATE, DELETE on the dbo schema; UPDATE and DELETE denied on the access log and its seals). It can create
-- no table, alter nothing and grant nothing; `migrate` runs with another login that may (db_owner of the database,
-- and dbcreator on the server the first time, when the database does not exist yet).
-- Replace the password (sqlcmd: -v AppPassword="..."), and the database's name if it is not CaseManagement.
USE CaseManagement;
GO
CREATE LOGIN casemgmt_app WITH PASSWORD = N'$(AppPassword)', CHECK_POLICY = ON;
GO
CREATE USER casemgmt_app FOR LOGIN casemgmt_app WITH DEFAULT_SCHEMA = dbo;
ALTER ROLE casemanagement_app ADD MEMBER casemgmt_app;
GO
