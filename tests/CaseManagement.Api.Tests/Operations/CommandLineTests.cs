using System.Net;
using System.Net.Http.Headers;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>The program's commands, run in-process with the same settings as a test server.</summary>
public sealed class CommandLineTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory();
        _ = _factory.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _factory.DataDirectory,
            ["Storage:Provider"] = _factory.IsSqlServer ? "SqlServer" : "Sqlite",
            ["ConnectionStrings:CaseManagement"] = _factory.SqlServerConnectionString,
            ["Auth:Mode"] = "Development",
        }), environmentName: "Development");
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public async Task Dev_token_prints_the_token_alone_and_the_server_accepts_it()
    {
        var (exit, output, _) = await Run("dev-token", "--sub", "vks-1", "--role", "prosecutor", "--unit", "VKS-KV1", "--name", "Kiểm sát viên", "--minutes", "5");

        Assert.That(exit, Is.EqualTo(0));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0].Trim().Split('.'), Has.Length.EqualTo(3));

        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", lines[0].Trim());
        Assert.That((await client.GetAsync("/api/v1/cases")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Dev_token_refuses_a_data_directory_the_service_never_used_instead_of_making_a_second_one()
    {
        var elsewhere = Path.Combine(_factory.DataDirectory, "not-the-service-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["dev-token", "--sub", "x", "--role", "investigator", "--unit", "CA-P-HOANKIEM"], stdout, stderr,
            config => config.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = elsewhere, ["Auth:Mode"] = "Development" }),
            environmentName: "Development");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout.ToString(), Is.Empty, "no token that the service would refuse");
        Assert.That(stderr.ToString(), Does.Contain(elsewhere).And.Contain("--data-dir"));
        Assert.That(Directory.Exists(elsewhere), Is.False, "no second data directory, no second signing key");
    }

    [Test]
    public async Task Dev_token_with_data_dir_signs_with_the_service_s_key()
    {
        if (_factory.IsSqlServer)
        {
            Assert.Ignore("The SQLite data directory is the point here.");
        }
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(
            ["dev-token", "--sub", "vks-1", "--role", "prosecutor", "--unit", "VKS-KV1", "--data-dir", _factory.DataDirectory], stdout, stderr,
            config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = Path.Combine(_factory.DataDirectory, "elsewhere"),
                ["Auth:Mode"] = "Development",
            }),
            environmentName: "Development");

        Assert.That(exit, Is.EqualTo(0), stderr.ToString());
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stdout.ToString().Trim());
        Assert.That((await client.GetAsync("/api/v1/cases")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("--role", "superuser", "--unit", "VKS-KV1")]
    [TestCase("--role", "prosecutor", "--unit", "VKS-NOWHERE")]
    public async Task Dev_token_refuses_an_unknown_role_or_unit(string roleFlag, string role, string unitFlag, string unit)
    {
        var (exit, output, error) = await Run("dev-token", "--sub", "x", roleFlag, role, unitFlag, unit);
        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public async Task Migrate_creates_a_data_directory_only_its_user_can_open()
    {
        if (OperatingSystem.IsWindows() || _factory.IsSqlServer)
        {
            Assert.Ignore("Unix file modes, SQLite data directory.");
        }
        var fresh = Path.Combine(_factory.DataDirectory, "fresh-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["migrate"], stdout, stderr,
            config => config.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = fresh }), environmentName: "Development");
        Assert.That(exit, Is.EqualTo(0), stderr.ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(fresh), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
        Assert.That(File.Exists(Path.Combine(fresh, "casemanagement.db")));
    }

    [Test]
    public async Task Migrate_is_idempotent()
    {
        Assert.That((await Run("migrate")).Exit, Is.EqualTo(0));
        Assert.That((await Run("migrate")).Exit, Is.EqualTo(0));
    }

    [Test]
    public async Task Audit_verify_passes_on_an_intact_log_and_fails_when_an_entry_is_missing()
    {
        await Reports.Create(_factory.ClientFor(Users.Investigator));
        var (exit, output, _) = await Run("audit", "verify");
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.StartWith("ok"));

        if (_factory.IsSqlServer)
        {
            Assert.Pass("A gap cannot be made in a SQL Server ledger table; the SQLite run covers the failure path.");
        }
        // Someone with file access removes the protection and deletes an entry.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_factory.DataDirectory, "casemanagement.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "DROP TRIGGER access_log_cases_no_delete; DROP TRIGGER access_log_no_delete; DELETE FROM access_log_cases WHERE seq = 1; DELETE FROM access_log WHERE seq = 1;";
            command.ExecuteNonQuery();
        }
        var (badExit, badOutput, _) = await Run("audit", "verify");
        Assert.That(badExit, Is.EqualTo(1));
        Assert.That(badOutput, Does.Contain("first bad seq 1"));
    }

    [Test]
    public async Task Dev_token_is_refused_in_the_Production_environment()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["dev-token", "--sub", "x", "--role", "investigator", "--unit", "CA-P-HOANKIEM"], stdout, stderr,
            config => config.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _factory.DataDirectory }),
            environmentName: "Production");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout.ToString(), Is.Empty);
    }

    [Test]
    public async Task An_unknown_command_prints_usage()
    {
        var (exit, _, error) = await Run("audit", "erase");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("Usage"));
    }
}
