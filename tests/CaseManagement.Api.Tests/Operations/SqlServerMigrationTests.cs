using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// First start on an empty SQL Server: the service (or the <c>migrate</c> command) creates the database, migrates it,
/// loads the reference data and serves, with the access log protected by a ledger (2022+, Azure SQL) or by triggers
/// and DENY (2019, or when configured). Runs when CASEMGMT_TEST_SQLSERVER names a server.
/// </summary>
public sealed class SqlServerMigrationTests
{
    private static string Server()
    {
        var server = Environment.GetEnvironmentVariable(ApiFactory.SqlServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Ignore($"SQL Server only: set {ApiFactory.SqlServerVariable} to a connection string of a server where the tests may create databases.");
        }
        return server!;
    }

    private static async Task<JsonNode> ReadyDetails(ApiFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await response.ReadJson())["checks"]!["database"]!["details"]!;
    }

    private static async Task AssertServesAndRefusesChanges(ApiFactory factory, string protection)
    {
        Assert.That((string?)(await ReadyDetails(factory))["accessLogProtection"], Is.EqualTo(protection));
        Assert.That(factory.LogLines.Any(l => l.Contains($"Access log protection on SQL Server: {protection}", StringComparison.Ordinal)), Is.True,
            "the startup says which protection it chose");
        using var client = factory.ClientFor(Users.Investigator);
        var created = await Reports.Create(client);
        var number = (string)created["caseNumber"]!;
        Assert.That(int.Parse(number[8..], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1), "the first case of an empty database");

        await using var db = (SqlConnection)factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<string>("SELECT mode FROM access_log_protection WHERE id = 1"), Is.EqualTo(protection));
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units"), Is.GreaterThan(0), "reference data loaded");
        var entries = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log");
        Assert.That(entries, Is.GreaterThan(0));
        Assert.That(async () => await db.ExecuteAsync("UPDATE access_log SET outcome = N'allowed'"), Throws.InstanceOf<SqlException>());
        Assert.That(async () => await db.ExecuteAsync("DELETE FROM access_log"), Throws.InstanceOf<SqlException>());
        Assert.That(async () => await db.ExecuteAsync("DELETE FROM access_log_cases"), Throws.InstanceOf<SqlException>());
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log"), Is.GreaterThanOrEqualTo(entries), "nothing was removed");
        StandIn.Differs(factory, StandIn.NoDeny);
        var denied = (await db.QueryAsync<string>("""
            SELECT o.name FROM sys.database_permissions p
            JOIN sys.database_principals r ON r.principal_id = p.grantee_principal_id
            JOIN sys.objects o ON o.object_id = p.major_id
            WHERE r.name = N'casemanagement_app' AND p.state = 'D' AND p.permission_name IN (N'UPDATE', N'DELETE')
            """)).Distinct().Order().ToList();
        Assert.That(denied, Is.SupersetOf(new[] { "access_log", "access_log_blocks", "access_log_cases" }), "the application's role may only append to the log");
    }

    [Test]
    public async Task The_2019_path_configured_creates_the_database_and_guards_the_log_with_triggers()
    {
        var database = SqlServerDatabase.FreshName(Server());
        Assert.That(SqlServerDatabase.Exists(database), Is.False);
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CaseManagement"] = database,
            ["Storage:SqlServer:AccessLogProtection"] = "Trigger",
        });
        await AssertServesAndRefusesChanges(factory, "Trigger");
        Assert.That(SqlServerDatabase.Exists(database), Is.True);
        await using var db = (SqlConnection)factory.OpenDatabase();
        var triggers = (await db.QueryAsync<string>("SELECT name FROM sys.triggers WHERE name LIKE N'access_log%append_only'")).Order().ToList();
        Assert.That(triggers, Is.EqualTo(new[] { "access_log_append_only", "access_log_blocks_append_only", "access_log_cases_append_only" }));
    }

    [Test]
    public async Task The_ledger_path_on_2022_creates_the_database_with_append_only_ledger_tables()
    {
        var server = Server();
        StandIn.Differs(server, StandIn.NoLedger);
        await using (var probe = new SqlConnection(new SqlConnectionStringBuilder(server) { InitialCatalog = "master" }.ConnectionString))
        {
            var (major, edition) = await probe.QuerySingleAsync<(string? Major, int Edition)>(
                "SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS NVARCHAR(128)), CAST(SERVERPROPERTY('EngineEdition') AS INT)");
            if (int.TryParse(major, out var m) && m < 16 && edition is not 5 and not 8)
            {
                Assert.Inconclusive($"This server (major version {major}) has no ledger tables; the ledger path runs on SQL Server 2022 and Azure SQL.");
            }
        }
        var database = SqlServerDatabase.FreshName(server);
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:CaseManagement"] = database });
        await AssertServesAndRefusesChanges(factory, "Ledger");
        await using var db = (SqlConnection)factory.OpenDatabase();
        var kinds = (await db.QueryAsync<string>(
            "SELECT ledger_type_desc FROM sys.tables WHERE name IN (N'access_log', N'access_log_cases', N'access_log_blocks')")).ToList();
        Assert.That(kinds, Is.EqualTo(Enumerable.Repeat("APPEND_ONLY_LEDGER_TABLE", 3)));
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sys.triggers WHERE name LIKE N'access_log%append_only'"), Is.Zero,
            "no trigger where the database refuses the change itself");
    }

    [Test]
    public async Task Migrate_as_a_command_creates_and_migrates_an_empty_database_that_the_service_then_serves()
    {
        var database = SqlServerDatabase.FreshName(Server());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "casemgmt-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await CommandLine.RunAsync(["migrate"], stdout, stderr, config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = dataDirectory,
                ["Storage:Provider"] = "SqlServer",
                ["ConnectionStrings:CaseManagement"] = database,
                ["Storage:SqlServer:AccessLogProtection"] = "Trigger",
            }), environmentName: "Development");
            Assert.That(exit, Is.EqualTo(0), stderr.ToString());
            Assert.That(SqlServerDatabase.Exists(database), Is.True);

            // Auto on a server with a ledger would choose Ledger: the database keeps what it was created with.
            using var factory = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:CaseManagement"] = database });
            await AssertServesAndRefusesChanges(factory, "Trigger");
        }
        finally
        {
            SqlServerDatabase.Drop(database);
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
