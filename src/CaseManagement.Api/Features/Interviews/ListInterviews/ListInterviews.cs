using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.ListInterviews;

public sealed record InterviewList(IReadOnlyList<InterviewView> Items, string? NextCursor);

/// <summary>A victim's interview sessions with their recordings' references, oldest first.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record ListInterviews(Guid VictimId) : IQuery<InterviewList>;

public sealed class ListInterviewsHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<ListInterviews, InterviewList>
{
    public async ValueTask<InterviewList> Handle(ListInterviews query, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, query.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        var rows = await db.QueryAsync<InterviewRow>(VictimViews.SelectInterviews, new { VictimId = victim.Id }, ct);
        // A child has a handful of sessions at most: one page.
        return new InterviewList(rows.Select(r => r.ToView()).ToList(), null);
    }
}
