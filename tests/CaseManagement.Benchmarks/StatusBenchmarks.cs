using System.Net;
using BenchmarkDotNet.Attributes;

namespace CaseManagement.Benchmarks;

/// <summary>
/// A prosecutor of VKS-KV1 checks the status of Hoàn Kiếm's cases (GET /api/v1/cases/{id}/status): one read, and
/// the twenty sequential reads of a prosecutor going through the day's cases before a hearing. Every read is
/// audited: it commits an access-log entry naming the case.
/// </summary>
[Config(typeof(ServiceConfig))]
public class StatusBenchmarks : IDisposable
{
    public const int CasesBeforeHearing = 20;

    private BenchmarkHost? _host;
    private HttpClient _prosecutor = null!;
    private Uri[] _statusUris = [];

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        using var investigator = _host.ClientFor(BenchmarkUsers.Investigator);
        var report = BenchmarkHost.ReportJson();
        var uris = new List<Uri>();
        for (var i = 0; i < CasesBeforeHearing; i++)
        {
            var (id, _) = await BenchmarkHost.CreateCaseAsync(investigator, report);
            uris.Add(new Uri($"/api/v1/cases/{id}/status", UriKind.Relative));
        }
        _statusUris = [.. uris];
        _prosecutor = _host.ClientFor(BenchmarkUsers.Prosecutor);
        await ReadStatus(_statusUris[0]);
    }

    [Benchmark(Description = "GET /cases/{id}/status: one read (prosecutor)")]
    public Task<string> OneStatus() => ReadStatus(_statusUris[0]);

    [Benchmark(Description = "GET /cases/{id}/status: 20 sequential reads (prosecutor)")]
    public async Task<int> TwentyStatuses()
    {
        var length = 0;
        foreach (var uri in _statusUris)
        {
            length += (await ReadStatus(uri)).Length;
        }
        return length;
    }

    private async Task<string> ReadStatus(Uri uri)
    {
        using var response = await _prosecutor.GetAsync(uri);
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
