using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Audit.VerifyAccessLog;

/// <summary>
/// Asks for a verification of the access log. Like the export, the handler only admits it: the request's entry
/// (audit.verify) commits with the unit of work, and the endpoint then runs the verifier on its own read connection,
/// so the whole-log scan holds no write lock.
/// </summary>
[AllowedRoles(Role.Auditor)]
public sealed record VerifyAccessLog : IQuery<VerifyAccessLogAdmitted>;

public sealed record VerifyAccessLogAdmitted;

/// <summary>
/// The verifier's answer: entries and sealed blocks checked, the last sealed seq (null before the first seal), the
/// first bad entry or block, and how many entries wait after the last seal.
/// </summary>
public sealed record AccessLogVerification(
    bool Ok, long EntriesChecked, long BlocksChecked, long? LastSealedSeq, long? FirstBadSeq, long? FirstBadBlock, long UnsealedEntries)
{
    public static AccessLogVerification From(AccessLogReport report) =>
        new(report.Ok, report.EntriesChecked, report.BlocksChecked, report.LastSealedSeq > 0 ? report.LastSealedSeq : null,
            report.FirstBadSeq, report.FirstBadBlock, report.UnsealedEntries);
}

public sealed class VerifyAccessLogHandler : IQueryHandler<VerifyAccessLog, VerifyAccessLogAdmitted>
{
    public ValueTask<VerifyAccessLogAdmitted> Handle(VerifyAccessLog query, CancellationToken ct) => ValueTask.FromResult(new VerifyAccessLogAdmitted());
}
