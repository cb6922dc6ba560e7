using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CaseManagement.Api.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaseManagement.Benchmarks;

/// <summary>A caller: the claims a token will carry.</summary>
public sealed record BenchmarkUser(string Sub, string Role, string Unit);

public static class BenchmarkUsers
{
    /// <summary>Takes reports in Hoàn Kiếm.</summary>
    public static readonly BenchmarkUser Investigator = new("bench-inv-hk-1", "investigator", "CA-P-HOANKIEM");

    /// <summary>The procuracy that supervises Hoàn Kiếm's cases.</summary>
    public static readonly BenchmarkUser Prosecutor = new("bench-vks-kv1-1", "prosecutor", "VKS-KV1");
}

/// <summary>
/// The real service over the ASP.NET Core test host: a fresh SQLite data directory per host (WAL,
/// synchronous=FULL, as in production), Development auth with real signed tokens, rate limits raised so that
/// they never answer for the service. Log providers are removed so that the console shows only the benchmark
/// output; everything else is the service as it ships. No Kestrel, no sockets, no TLS: the client talks to the
/// server in memory.
/// </summary>
public sealed class BenchmarkHost : WebApplicationFactory<global::Program>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, string?> _settings;

    public BenchmarkHost()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "casemgmt-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataDirectory"] = DataDirectory,
            ["Auth:Mode"] = "Development",
            ["RateLimits:PerUserBurst"] = "10000000",
            ["RateLimits:PerUserPerSecond"] = "10000000",
        };
    }

    public string DataDirectory { get; }

    /// <summary>
    /// The factory looks for its manifest in the working directory, which under <c>dotnet run --project</c> is the
    /// repository root; read it from the output directory instead and point the host at the service's folder.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseContentRoot(ServiceContentRoot());
        return base.CreateHost(builder);
    }

    private static string ServiceContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))
            ?? throw new InvalidOperationException($"{manifest} is empty.");
        var name = typeof(global::Program).Assembly.GetName().FullName;
        return roots.TryGetValue(name, out var root) && Directory.Exists(root)
            ? root
            : throw new InvalidOperationException($"{manifest} names no content root for {name}.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    /// <summary>An HttpClient carrying a real token signed by the service's development key.</summary>
    public HttpClient ClientFor(BenchmarkUser user)
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<DevelopmentTokens>().Issue(
            user.Sub, user.Role, user.Unit, name: null, TimeSpan.FromHours(4), DateTimeOffset.UtcNow);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A valid report, like the one the API tests use: hotline 111, Hoàn Kiếm ward, BLHS 146(1).</summary>
    public static string ReportJson()
    {
        var now = DateTimeOffset.UtcNow;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["source"] = "hotline-111",
            ["receivedAt"] = now.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["summary"] = "Tin báo qua tổng đài 111 về hành vi dâm ô tại khu dân cư.",
            ["incidentDate"] = now.AddDays(-2).ToString("yyyy-MM-dd"),
            ["incidentWardCode"] = "00070",
            ["offenceArticles"] = new[] { "BLHS-146-1" },
        }, Json);
    }

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Records one report and returns the new case's id and ETag; anything but 201 stops the run.</summary>
    public static async Task<(Guid Id, string ETag)> CreateCaseAsync(HttpClient investigator, string reportJson)
    {
        using var content = JsonContent(reportJson);
        using var response = await investigator.PostAsync(new Uri("/api/v1/cases", UriKind.Relative), content);
        var body = await Expect(response, HttpStatusCode.Created);
        using var document = JsonDocument.Parse(body);
        var id = document.RootElement.GetProperty("id").GetGuid();
        var etag = response.Headers.ETag?.ToString()
            ?? throw new InvalidOperationException("The created case carries no ETag.");
        return (id, etag);
    }

    /// <summary>Reads the whole body (as a client would) and stops the run on an unexpected status.</summary>
    public static async Task<string> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        }
        return body;
    }

    protected override void Dispose(bool disposing)
    {
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
