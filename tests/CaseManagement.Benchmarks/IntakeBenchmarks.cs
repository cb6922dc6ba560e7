using BenchmarkDotNet.Attributes;

namespace CaseManagement.Benchmarks;

/// <summary>
/// Intake: an investigator of CA-P-HOANKIEM records a report (POST /api/v1/cases), alone and as 50 investigators at
/// the same moment. Every intake is one write transaction (case row, first timeline event, access-log entry)
/// committed with synchronous=FULL; SQLite has one writer at a time, so the batch shows the queue behind it.
/// </summary>
[Config(typeof(ServiceConfig))]
public class IntakeBenchmarks : IDisposable
{
    public const int Concurrency = 50;

    private BenchmarkHost? _host;
    private HttpClient _investigator = null!;
    private HttpClient[] _investigators = [];
    private string _report = "";

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        _investigator = _host.ClientFor(BenchmarkUsers.Investigator);
        _investigators = Enumerable.Range(1, Concurrency)
            .Select(i => _host.ClientFor(new BenchmarkUser($"bench-inv-hk-c{i}", "investigator", "CA-P-HOANKIEM")))
            .ToArray();
        _report = BenchmarkHost.ReportJson();
        // The first request pays for start-up (migrations, JIT); not part of any measurement.
        await BenchmarkHost.CreateCaseAsync(_investigator, _report);
    }

    [Benchmark(Description = "POST /cases: one intake")]
    public Task<(Guid Id, string ETag)> OneIntake() => BenchmarkHost.CreateCaseAsync(_investigator, _report);

    [Benchmark(Description = "POST /cases: 50 concurrent intakes (batch)")]
    public Task ConcurrentIntakes() =>
        Task.WhenAll(_investigators.Select(client => BenchmarkHost.CreateCaseAsync(client, _report)));

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var client in _investigators)
        {
            client.Dispose();
        }
        _investigators = [];
        _investigator?.Dispose();
        _host?.Dispose();
        _host = null;
        GC.SuppressFinalize(this);
    }
}
