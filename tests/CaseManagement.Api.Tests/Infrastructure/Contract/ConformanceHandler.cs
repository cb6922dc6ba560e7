using System.Collections.Concurrent;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace CaseManagement.Api.Tests.Infrastructure.Contract;

/// <summary>
/// Sits in every test client of <see cref="ApiFactory"/>: each response the suite receives is held to the committed
/// api-spec/openapi.json. A violation fails the test that received it (without changing what the test sees), names
/// the operation, the status and the JSON path, and is kept for the end of the run.
/// </summary>
public sealed class ConformanceHandler(Action<IReadOnlyList<ContractViolation>>? sink = null) : DelegatingHandler
{
    private readonly Action<IReadOnlyList<ContractViolation>> _sink = sink ?? ContractConformance.Record;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!OpenApiContract.IsContractPath(path))
        {
            return response;
        }
        // A cancelled read (a long poll the test gives up on) throws to the test as it would without the check.
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }
        var violations = OpenApiContract.Committed.Check(
            request.Method.Method, path, (int)response.StatusCode, headers, response.Content.Headers.ContentType?.MediaType, body);
        _sink(violations);
        return response;
    }
}

/// <summary>The violations of the whole run, and the failure of the test that met each one.</summary>
public static class ContractConformance
{
    private static readonly ConcurrentQueue<string> Unattributed = new();

    /// <summary>Set to a file name to have every violation of a run written there, one a line (for working through them).</summary>
    public const string ReportVariable = "CASEMGMT_CONTRACT_REPORT";

    public static int Checked;

    public static void Record(IReadOnlyList<ContractViolation> violations)
    {
        Interlocked.Increment(ref Checked);
        if (violations.Count == 0)
        {
            return;
        }
        var message = "The response differs from api-spec/openapi.json:\n  " + string.Join("\n  ", violations);
        var context = TestExecutionContext.CurrentContext;
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
        {
            lock (Unattributed)
            {
                File.AppendAllLines(report, violations.Select(v => $"{v}\t{context.CurrentTest?.FullName}"));
            }
        }
        if (context.CurrentTest is { IsSuite: false })
        {
            // Recorded like a failed Assert.Multiple member: the test fails when it ends, and its own flow is unchanged.
            context.CurrentResult.RecordAssertion(AssertionStatus.Failed, message, null);
        }
        else
        {
            Unattributed.Enqueue($"{context.CurrentTest?.FullName ?? "(no test)"}: {message}");
        }
    }

    /// <summary>Violations met outside a test (in a fixture's one-time set-up): the run's last check fails on them.</summary>
    public static IReadOnlyCollection<string> UnattributedViolations => Unattributed;
}
