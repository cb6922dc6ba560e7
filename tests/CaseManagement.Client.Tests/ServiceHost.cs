using CaseManagement.Api.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Client.Tests;

/// <summary>A caller of the service: the claims its token carries.</summary>
public sealed record Caller(string Sub, string Role, string Unit);

public static class Callers
{
    public static readonly Caller Investigator = new("inv-hk-1", "investigator", "CA-P-HOANKIEM");
    public static readonly Caller Supervisor = new("sup-hk-1", "supervisor", "CA-P-HOANKIEM");
    public static readonly Caller Prosecutor = new("vks-kv1-1", "prosecutor", "VKS-KV1");
    public static readonly Caller SupervisorCity = new("sup-hn-1", "supervisor", "CA-HN");
    public static readonly Caller ProsecutorCity = new("vks-hn-1", "prosecutor", "VKS-HN");
    public static readonly Caller Judge = new("ta-kv1-1", "judge", "TA-KV1");
    public static readonly Caller CityJudge = new("ta-hn-1", "judge", "TA-HN");
    public static readonly Caller SocialWorker = new("bvte-1", "victim-support", "BVTE-HN");
    public static readonly Caller Auditor = new("audit-1", "auditor", "CA-HN");
    public static readonly Caller Admin = new("admin-1", "admin", "CA-HN");
    public static readonly Caller School = new("th-gv-1", "reporter", "TH-THCS-GIANGVO");
}

/// <summary>
/// The real service over the ASP.NET Core test host: a real SQLite file in a fresh data directory and real signed
/// development tokens. Clients are built the way an app builds them (AddCaseManagementClient), with the test host's
/// handler as the primary handler, so every request goes through the retry pipeline and the service's HTTP stack.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>
{
    private readonly IDictionary<string, string?>? _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration on top of the defaults below.</param>
    /// <param name="services">Replacements of the service's ports (a clock), applied after its own registrations.</param>
    public ServiceHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        DataDirectory = Path.Combine(Path.GetTempPath(), "casemgmt-client-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Auth:Mode"] = "Development",
            ["RateLimits:PerUserBurst"] = "100000",
            ["RateLimits:PerUserPerSecond"] = "100000",
            ["RateLimits:PerAddressBurst"] = "100000",
            ["RateLimits:PerAddressPerSecond"] = "100000",
            ["AccessLog:RefusalsLoggedIndividually"] = "100000",
        }).AddInMemoryCollection(_settings ?? new Dictionary<string, string?>()));
        builder.ConfigureServices(services => _services?.Invoke(services));
    }

    public string TokenFor(Caller caller) =>
        Services.GetRequiredService<DevelopmentTokens>().Issue(caller.Sub, caller.Role, caller.Unit, null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A client for <paramref name="caller"/>; <paramref name="inner"/> handlers run inside the retries, next to the wire.</summary>
    public CaseManagementClient ClientFor(Caller caller, params DelegatingHandler[] inner) => ClientFor(caller, null, inner);

    public CaseManagementClient ClientFor(Caller caller, Action<CaseManagementClientOptions>? configure, params DelegatingHandler[] inner)
    {
        _ = Server;
        var token = TokenFor(caller);
        var services = new ServiceCollection();
        var builder = services.AddCaseManagementClient(options =>
        {
            options.BaseAddress = new Uri("http://localhost/");
            options.TokenProvider = _ => ValueTask.FromResult(token);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            options.MaxRetryAttempts = 4;
            configure?.Invoke(options);
        });
        builder.ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        foreach (var handler in inner)
        {
            builder.AddHttpMessageHandler(() => handler);
        }
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<CaseManagementClient>();
    }

    /// <summary>The service's own database, to check what was (and was not) written.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "casemanagement.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    public long Count(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly List<ServiceProvider> _providers = [];

    protected override void Dispose(bool disposing)
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
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
