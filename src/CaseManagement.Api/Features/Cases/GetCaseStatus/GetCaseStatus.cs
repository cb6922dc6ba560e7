using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCaseStatus;

/// <summary>Where a case stands: stage, last decision, next deadline, hearing, verdict, counts, version.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record GetCaseStatus(Guid CaseId) : IQuery<CaseStatusView>, ICaseMessage;

public sealed class GetCaseStatusHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock)
    : IQueryHandler<GetCaseStatus, CaseStatusView>
{
    public async ValueTask<CaseStatusView> Handle(GetCaseStatus query, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, query.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        return CaseStatusView.From(record, clock.UtcNow);
    }
}
