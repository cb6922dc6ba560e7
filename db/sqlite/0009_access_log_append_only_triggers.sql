-- SQL Server 2019 gets triggers refusing UPDATE and DELETE on the access log here. SQLite has had them since 0002 and
-- 0006: nothing to do.
SELECT 1;
