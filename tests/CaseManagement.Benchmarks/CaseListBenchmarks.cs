using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CaseManagement.Benchmarks;

/// <summary>
/// A prosecutor of VKS-KV1 opens the case list (GET /api/v1/cases?limit=50, newest first) on a database holding
/// 2,000 cases of Hoàn Kiếm, all in the prosecutor's scope, seeded through the API. The read commits one
/// access-log entry naming the 50 cases it returned.
/// </summary>
[Config(typeof(ServiceConfig))]
public class CaseListBenchmarks : IDisposable
{
    public const int SeededCases = 2_000;
    public const int PageSize = 50;

    private static readonly Uri FirstPage = new($"/api/v1/cases?limit={PageSize}", UriKind.Relative);

    private BenchmarkHost? _host;
    private HttpClient _prosecutor = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        var report = BenchmarkHost.ReportJson();
        // Four investigators at once: the writes queue on SQLite's single writer either way, but the HTTP and JSON
        // work of one overlaps another's commit.
        var investigators = Enumerable.Range(1, 4)
            .Select(i => _host.ClientFor(new BenchmarkUser($"bench-inv-hk-s{i}", "investigator", "CA-P-HOANKIEM")))
            .ToArray();
        try
        {
            await Task.WhenAll(investigators.Select(async client =>
            {
                for (var i = 0; i < SeededCases / investigators.Length; i++)
                {
                    await BenchmarkHost.CreateCaseAsync(client, report);
                }
            }));
        }
        finally
        {
            foreach (var client in investigators)
            {
                client.Dispose();
            }
        }
        _prosecutor = _host.ClientFor(BenchmarkUsers.Prosecutor);
        using var document = JsonDocument.Parse(await ListFirstPage());
        var items = document.RootElement.GetProperty("items").GetArrayLength();
        if (items != PageSize)
        {
            throw new InvalidOperationException($"Expected a full page of {PageSize} cases, got {items}.");
        }
    }

    [Benchmark(Description = "GET /cases?limit=50 over 2,000 cases (prosecutor)")]
    public Task<string> ListFirstPage() => List();

    private async Task<string> List()
    {
        using var response = await _prosecutor.GetAsync(FirstPage);
        return await BenchmarkHost.Expect(response, HttpStatusCode.OK);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _prosecutor?.Dispose();
        _host?.Dispose();
        _host = null;
        GC.SuppressFinalize(this);
    }
}
