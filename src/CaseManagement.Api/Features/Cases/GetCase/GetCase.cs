using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCase;

/// <summary>The case, projected for the caller's role; out of scope is 404, exactly like absent.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record GetCase(Guid CaseId) : IQuery<CaseView>, ICaseMessage;

public sealed class GetCaseHandler(DbSession db, ICurrentUser user, ReferenceData reference, IClock clock)
    : IQueryHandler<GetCase, CaseView>
{
    public async ValueTask<CaseView> Handle(GetCase query, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, query.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        var offences = await db.QueryAsync<string>(CaseView.SelectOffenceCodes, new { query.CaseId }, ct);
        return CaseView.From(record, offences, reference, user.Role, clock.UtcNow);
    }
}
