using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using System.ComponentModel.DataAnnotations;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Interviews.ListInterviews;

public sealed record InterviewList([property: MaxLength(Paging.MaxLimit)] IReadOnlyList<InterviewView> Items, string? NextCursor);

/// <summary>A victim's interview sessions with their recordings' references, oldest first, a page at a time.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record ListInterviews(Guid VictimId, string? Cursor = null, int? Limit = null) : IQuery<InterviewList>;

public sealed class ListInterviewsValidator : IValidator<ListInterviews>
{
    public void Validate(ListInterviews query, ValidationErrors errors) => Paging.Validate(query.Limit, query.Cursor, errors);
}

public sealed class ListInterviewsHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<ListInterviews, InterviewList>
{
    public async ValueTask<InterviewList> Handle(ListInterviews query, CancellationToken ct)
    {
        var victim = await VictimRecord.LoadInScopeAsync(db, query.VictimId, user, reference, ct);
        log.AddCase(victim.CaseId);
        var limit = Paging.LimitOf(query.Limit);
        var cursor = Paging.Decode(query.Cursor);
        var rows = (await db.QueryAsync<InterviewRow>(VictimViews.SelectInterviewPage + " " + db.Dialect.Limit("Take"),
            new { VictimId = victim.Id, CursorAt = cursor?.At, CursorId = cursor?.Id, Take = limit + 1 }, ct)).ToList();
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Paging.Encode(page[^1].StartedAt, page[^1].Id) : null;
        return new InterviewList(page.Select(r => r.ToView()).ToList(), next);
    }
}
