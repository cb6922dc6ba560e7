using System.Text.Json;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCaseTimeline;

/// <summary>Every event of a case, oldest first, with roles and units but no actor ids and no protected value.</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record GetCaseTimeline(Guid CaseId) : IQuery<Page<TimelineEvent>>, ICaseMessage;

public sealed record TimelineDecision(string Kind, string Number, DateOnly DecidedOn);

public sealed record TimelineEvent(
    int Version,
    string Kind,
    DateTimeOffset OccurredAt,
    string ActorRole,
    string ActorUnit,
    TimelineDecision? Decision,
    JsonElement Data);

public sealed class TimelineRow
{
    public int Version { get; init; }
    public string Kind { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public string ActorRole { get; init; } = "";
    public string ActorUnit { get; init; } = "";
    public string Data { get; init; } = "{}";
    public string? DecisionKind { get; init; }
    public string? DecisionNumber { get; init; }
    public DateOnly? DecidedOn { get; init; }
}

public sealed class GetCaseTimelineHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<GetCaseTimeline, Page<TimelineEvent>>
{
    public const string SelectEvents = """
        SELECT e.version AS Version, e.kind AS Kind, e.occurred_at AS OccurredAt, e.actor_role AS ActorRole,
               e.actor_unit AS ActorUnit, e.data AS Data, d.kind AS DecisionKind, d.number AS DecisionNumber,
               d.decided_on AS DecidedOn
        FROM case_events e
        LEFT JOIN case_decisions d ON d.case_id = e.case_id AND d.resulting_version = e.version
        WHERE e.case_id = @CaseId
        ORDER BY e.version
        """;

    public async ValueTask<Page<TimelineEvent>> Handle(GetCaseTimeline query, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, query.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        log.AddCase(record.Id);
        var rows = await db.QueryAsync<TimelineRow>(SelectEvents, new { CaseId = record.Id }, ct);
        return new Page<TimelineEvent>(rows.Select(r => new TimelineEvent(
            r.Version, r.Kind, r.OccurredAt, r.ActorRole, r.ActorUnit,
            r is { DecisionKind: { } kind, DecisionNumber: { } number, DecidedOn: { } on } ? new TimelineDecision(kind, number, on) : null,
            JsonSerializer.Deserialize<JsonElement>(r.Data))).ToList(), null);
    }
}
