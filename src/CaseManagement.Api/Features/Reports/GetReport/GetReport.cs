using CaseManagement.Api.Features.Reports.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Reports.GetReport;

/// <summary>
/// A report's receipt and state. A reporter sees its own reports only; the police, those routed to their unit or one
/// below it. Anything else answers 404, as a report that does not exist.
/// </summary>
[AllowedRoles(Role.Reporter, Role.Investigator, Role.Supervisor)]
public sealed record GetReport(Guid ReportId) : IQuery<ReportReceipt>;

public sealed class GetReportHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<GetReport, ReportReceipt>
{
    public static readonly string SelectOwn =
        $"SELECT {ReportRow.SelectColumns} FROM reports r WHERE r.id = @Id AND r.reporter_id = @UserId AND r.reporter_unit = @Unit";

    public static readonly string SelectInPoliceScope =
        $"SELECT {ReportRow.SelectColumns} FROM reports r WHERE r.id = @Id AND {ReportRow.PoliceScope}";

    public async ValueTask<ReportReceipt> Handle(GetReport query, CancellationToken ct)
    {
        log.ResourceId = query.ReportId.ToString("D");
        var row = user.Role == Role.Reporter
            ? await db.QuerySingleOrDefaultAsync<ReportRow>(SelectOwn, new { Id = query.ReportId, UserId = user.Id, user.Unit }, ct)
            : await db.QuerySingleOrDefaultAsync<ReportRow>(SelectInPoliceScope, new { Id = query.ReportId, ScopeUnit = user.Unit }, ct);
        if (row is null)
        {
            throw ReportProblems.NotFound();
        }
        if (user.Role != Role.Reporter && row.CaseId is { } caseId)
        {
            log.AddCase(caseId);
        }
        return ReportReceipt.From(row, reference);
    }
}
