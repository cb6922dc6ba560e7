using System.Collections.Concurrent;
using System.Net.Http.Headers;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CaseManagement.Api.Tests.Infrastructure;

/// <summary>
/// The real service over the ASP.NET Core test host: a real SQLite file in a fresh data directory (or a fresh
/// SQL Server database when CASEMGMT_TEST_SQLSERVER is set), real signed tokens, every log line captured.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string SqlServerVariable = "CASEMGMT_TEST_SQLSERVER";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _dropDatabase;

    public ApiFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "casemgmt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Auth:Mode"] = "Development",
            ["RateLimits:PerUserBurst"] = "100000",
            ["RateLimits:PerUserPerSecond"] = "100000",
            ["RateLimits:PerAddressBurst"] = "100000",
            ["RateLimits:PerAddressPerSecond"] = "100000",
            // Every test request comes from one address: refusals are summarised only where a test asks for it.
            ["AccessLog:RefusalsLoggedIndividually"] = "100000",
            // Deadlines falling due are written to the feed only where a test follows them (exact feed counts elsewhere).
            ["Deadlines:DueScanInterval"] = "00:00:00",
        };
        var sqlServer = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (!string.IsNullOrWhiteSpace(sqlServer))
        {
            // A database of its own for each factory, dropped with it (unless a test hands its own connection string).
            SqlServerConnectionString = settings?.TryGetValue("ConnectionStrings:CaseManagement", out var own) == true && own is not null
                ? own
                : SqlServerDatabase.Create(sqlServer);
            _dropDatabase = true;
            _settings["Storage:Provider"] = "SqlServer";
            _settings["ConnectionStrings:CaseManagement"] = SqlServerConnectionString;
            if (StandIn.Is(SqlServerConnectionString))
            {
                // The stand-in compiles every batch as it runs it, several times slower than SQL Server per statement:
                // a burst of intakes serialised on one counter row can outlast the 30-second attempt there.
                _settings["Resilience:AttemptTimeout"] = StandIn.AttemptTimeout;
                _settings["Storage:CommandTimeoutSeconds"] = StandIn.CommandTimeoutSeconds;
            }
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        ExtraServices = services;
    }

    public string DataDirectory { get; }

    public string? SqlServerConnectionString { get; }

    public bool IsSqlServer => SqlServerConnectionString is not null;

    public Action<IServiceCollection>? ExtraServices { get; }

    /// <summary>Every log line the service wrote, formatted, with its exception text.</summary>
    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(LogLines));
        });
        builder.ConfigureServices(services => ExtraServices?.Invoke(services));
    }

    /// <summary>
    /// A client of the test host whose every response is held to api-spec/openapi.json (<see cref="ConformanceHandler"/>):
    /// a response the document does not describe fails the test that received it.
    /// </summary>
    public new HttpClient CreateClient() =>
        CreateDefaultClient(ClientOptions.BaseAddress, new RedirectHandler(ClientOptions.MaxAutomaticRedirections), new ConformanceHandler());

    public HttpClient ClientFor(TestUser? user)
    {
        var client = CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        }
        return client;
    }

    public string TokenFor(TestUser user, TimeSpan? lifetime = null, DateTimeOffset? now = null) =>
        Services.GetRequiredService<DevelopmentTokens>().Issue(
            user.Sub, user.Role, user.Unit, user.Name, lifetime ?? TimeSpan.FromHours(1), now ?? DateTimeOffset.UtcNow);

    /// <summary>A connection to the service's own database, for checking what was (or was not) written.</summary>
    public System.Data.Common.DbConnection OpenDatabase()
    {
        System.Data.Common.DbConnection connection = IsSqlServer
            ? new SqlConnection(SqlServerConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "casemanagement.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (SqlServerConnectionString is not null && _dropDatabase)
            {
                SqlServerDatabase.Drop(SqlServerConnectionString);
            }
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A clock the test moves: a port, replaced with Moq-free simplicity where a fixed instant is needed.</summary>
public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;
}

/// <summary>The test databases on the server named by CASEMGMT_TEST_SQLSERVER: one per factory, dropped after.</summary>
public static class SqlServerDatabase
{
    /// <summary>A connection string to a database name no one uses yet; the database itself is not created.</summary>
    public static string FreshName(string serverConnectionString) =>
        new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = "casemgmt_test_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;

    public static string Create(string serverConnectionString)
    {
        var database = FreshName(serverConnectionString);
        var name = new SqlConnectionStringBuilder(database).InitialCatalog;
        using (var connection = new SqlConnection(Master(serverConnectionString)))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE [{name}]";
            command.ExecuteNonQuery();
        }
        return database;
    }

    public static bool Exists(string databaseConnectionString)
    {
        var name = new SqlConnectionStringBuilder(databaseConnectionString).InitialCatalog;
        using var connection = new SqlConnection(Master(databaseConnectionString));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sys.databases WHERE name = @Name";
        command.Parameters.AddWithValue("@Name", name);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Best effort: the pools are cleared first, so the service's idle connections do not hold it open.</summary>
    public static void Drop(string databaseConnectionString)
    {
        var name = new SqlConnectionStringBuilder(databaseConnectionString).InitialCatalog;
        SqlConnection.ClearAllPools();
        try
        {
            using var connection = new SqlConnection(Master(databaseConnectionString));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"IF DB_ID(N'{name}') IS NOT NULL DROP DATABASE [{name}]";
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException)
        {
            TestContext.Progress.WriteLine($"Test database {name} was not dropped: {ex.Message}");
        }
    }

    private static string Master(string connectionString) =>
        new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master", Pooling = false }.ConnectionString;
}

internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
