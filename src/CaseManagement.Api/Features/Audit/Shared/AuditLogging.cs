using CaseManagement.Api.Platform.Audit;

namespace CaseManagement.Api.Features.Audit.Shared;

/// <summary>
/// What an auditor's own request records: the case and victim it asked about (ids only). The case ids inside the
/// entries it returns are not added: they describe other requests, not case content the auditor read.
/// </summary>
public static class AuditLogging
{
    public static void RecordAskedFor(AccessLogContext log, AuditFilter filter)
    {
        if (filter.CaseId is { } caseId)
        {
            log.AddCase(caseId);
        }
        log.VictimId = filter.VictimId;
    }
}
