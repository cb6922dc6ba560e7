using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Hosting;

namespace CaseManagement.Api.Cli;

public static class AuditVerify
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter stdout)
    {
        await services.InitializeCaseManagementAsync(CancellationToken.None);
        var report = await services.GetRequiredService<AccessLogVerifier>().VerifyAsync(CancellationToken.None);
        await stdout.WriteLineAsync(report.Ok
            ? $"ok: {report.EntriesChecked} entries, seq contiguous to {report.LastSeq}"
            : $"NOT OK: first bad seq {report.FirstBadSeq}: {report.Problem}");
        return report.Ok ? 0 : 1;
    }
}
