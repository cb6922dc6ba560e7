using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Victims.GetVictim;

/// <summary>The protected view of a victim: code, age band, interviews, measures, referrals; never who the child is.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record GetVictim(Guid VictimId) : IQuery<VictimView>;

public sealed class GetVictimHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<GetVictim, VictimView>
{
    public async ValueTask<VictimView> Handle(GetVictim query, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, query.VictimId, user, reference, ct);
        return await VictimViews.BuildAsync(db, victim, user, reference, log, ct);
    }
}
