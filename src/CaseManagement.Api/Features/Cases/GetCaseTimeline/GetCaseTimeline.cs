using System.Text.Json;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Cases.GetCaseTimeline;

/// <summary>
/// The events of a case, oldest first, a page at a time (keyset on the version), with roles and units but no actor
/// ids and no protected value.
/// </summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record GetCaseTimeline(Guid CaseId, string? Cursor = null, int? Limit = null) : IQuery<Page<TimelineEvent>>, ICaseMessage;

public sealed class GetCaseTimelineValidator : IValidator<GetCaseTimeline>
{
    public void Validate(GetCaseTimeline query, ValidationErrors errors) =>
        Paging.Validate(query.Limit, query.Cursor, c => Paging.DecodeVersion(c) is not null, errors);
}

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
        WHERE e.case_id = @CaseId AND e.version > @AfterVersion
        ORDER BY e.version
        """;

    public async ValueTask<Page<TimelineEvent>> Handle(GetCaseTimeline query, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, query.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        log.AddCase(record.Id);
        var limit = Paging.LimitOf(query.Limit);
        var rows = (await db.QueryAsync<TimelineRow>(SelectEvents + " " + db.Dialect.Limit("Take"),
            new { CaseId = record.Id, AfterVersion = Paging.DecodeVersion(query.Cursor) ?? 0, Take = limit + 1 }, ct)).ToList();
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Paging.EncodeVersion(page[^1].Version) : null;
        return new Page<TimelineEvent>(page.Select(r => new TimelineEvent(
            r.Version, r.Kind, r.OccurredAt, r.ActorRole, r.ActorUnit,
            r is { DecisionKind: { } kind, DecisionNumber: { } number, DecidedOn: { } on } ? new TimelineDecision(kind, number, on) : null,
            JsonSerializer.Deserialize<JsonElement>(r.Data))).ToList(), next);
    }
}
