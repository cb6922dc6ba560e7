using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CaseManagement.Benchmarks;

/// <summary>
/// A decision round trip: the investigator accepts a report for verification
/// (POST /api/v1/cases/{id}/decisions/accept-report with If-Match at the case's version). Each operation needs a
/// case still at stage reported, so each iteration's cases are recorded beforehand in [IterationSetup], outside
/// the measurement.
/// </summary>
[Config(typeof(PreparedStateConfig))]
public class DecisionBenchmarks : IDisposable
{
    private readonly Queue<(Guid Id, string ETag)> _reported = new();

    private BenchmarkHost? _host;
    private HttpClient _investigator = null!;
    private string _report = "";
    private string _decision = "";

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new BenchmarkHost();
        _investigator = _host.ClientFor(BenchmarkUsers.Investigator);
        _report = BenchmarkHost.ReportJson();
        var hanoiToday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");
        _decision = JsonSerializer.Serialize(new { number = "01/QĐ-TN", decidedOn = hanoiToday });
        _reported.Enqueue(await BenchmarkHost.CreateCaseAsync(_investigator, _report));
        await AcceptReport();
    }

    [IterationSetup]
    public void RecordReports()
    {
        while (_reported.Count < PreparedStateConfig.OperationsPerIteration)
        {
            _reported.Enqueue(BenchmarkHost.CreateCaseAsync(_investigator, _report).GetAwaiter().GetResult());
        }
    }

    [Benchmark(Description = "POST /cases/{id}/decisions/accept-report with If-Match")]
    public async Task<string> AcceptReport()
    {
        var (id, etag) = _reported.Dequeue();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/cases/{id}/decisions/accept-report", UriKind.Relative))
        {
            Content = BenchmarkHost.JsonContent(_decision),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await _investigator.SendAsync(request);
        return await BenchmarkHost.Expect(response, HttpStatusCode.Created);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _investigator?.Dispose();
        _host?.Dispose();
        _host = null;
        GC.SuppressFinalize(this);
    }
}
