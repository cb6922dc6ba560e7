using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// Which protection a SQL Server access log gets (ledger or triggers), and which scripts a migration runs: rules
/// without a server, checked in every run.
/// </summary>
public sealed class AccessLogProtectionChoiceTests
{
    [TestCase(16, 3, AccessLogProtection.Auto, AccessLogProtection.Ledger, TestName = "SQL Server 2022 gets ledger tables")]
    [TestCase(17, 2, AccessLogProtection.Auto, AccessLogProtection.Ledger, TestName = "a later version gets ledger tables")]
    [TestCase(15, 3, AccessLogProtection.Auto, AccessLogProtection.Trigger, TestName = "SQL Server 2019 gets triggers")]
    [TestCase(12, 3, AccessLogProtection.Auto, AccessLogProtection.Trigger, TestName = "a server reporting 2014 (the stand-in) gets triggers")]
    [TestCase(12, 5, AccessLogProtection.Auto, AccessLogProtection.Ledger, TestName = "Azure SQL Database gets ledger tables whatever its version says")]
    [TestCase(null, 8, AccessLogProtection.Auto, AccessLogProtection.Ledger, TestName = "Azure SQL Managed Instance gets ledger tables")]
    [TestCase(null, null, AccessLogProtection.Auto, AccessLogProtection.Trigger, TestName = "a server that says nothing gets triggers")]
    [TestCase(16, 3, AccessLogProtection.Trigger, AccessLogProtection.Trigger, TestName = "configuration forces triggers on 2022")]
    [TestCase(15, 3, AccessLogProtection.Ledger, AccessLogProtection.Ledger, TestName = "configuration forces the ledger (and 2019 then refuses the script)")]
    public void The_protection_follows_the_server_unless_configured(int? major, int? edition, AccessLogProtection configured, AccessLogProtection expected) =>
        Assert.That(SqlServerAccessLogProtection.Choose(configured, new SqlServerFacts(major, edition, "")), Is.EqualTo(expected));

    [Test]
    public void Scripts_run_by_a_migration_are_the_numbered_ones_of_the_provider()
    {
        var names = Migrator.ScriptAssembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).ToList();
        Assert.That(names, Does.Contain("db/sqlserver/setup/create_app_login.sql"), "the setup script is embedded with the others");

        var ledger = names.Where(n => Migrator.IsMigration(n, StorageProvider.SqlServer, AccessLogProtection.Ledger)).ToList();
        var trigger = names.Where(n => Migrator.IsMigration(n, StorageProvider.SqlServer, AccessLogProtection.Trigger)).ToList();
        var sqlite = names.Where(n => Migrator.IsMigration(n, StorageProvider.Sqlite)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(trigger, Is.All.Match("^db/sqlserver/[0-9]{4}_[a-z0-9_]+\\.sql$"), "no setup script runs as a migration");
            Assert.That(trigger.Except(ledger), Is.EqualTo(new[] { "db/sqlserver/" + SqlServerAccessLogProtection.TriggerOnlyScript }));
            Assert.That(ledger, Is.SubsetOf(trigger));
            Assert.That(sqlite.Select(n => n["db/sqlite/".Length..]), Is.EquivalentTo(trigger.Select(n => n["db/sqlserver/".Length..])),
                "every migration exists for both stores, with the same number and name");
        });
    }

    [Test]
    public void The_migration_records_the_choice_it_made()
    {
        var script = File.ReadAllText(RepositoryPaths.Of("db", "sqlserver", "0008_access_log_protection.sql"));
        Assert.That(script, Does.Contain($"N'${SqlServerAccessLogProtection.ModeVariable}$'"), "the DbUp variable the migrator sets");
    }
}
