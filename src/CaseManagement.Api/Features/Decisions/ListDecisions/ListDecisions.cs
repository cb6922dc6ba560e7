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

namespace CaseManagement.Api.Features.Decisions.ListDecisions;

/// <summary>The decisions taken on a case, oldest first, a page at a time (keyset on the version each one made).</summary>
[AllowedRoles(Role.Investigator, Role.Supervisor, Role.Prosecutor, Role.Judge, Role.VictimSupport)]
public sealed record ListDecisions(Guid CaseId, string? Cursor = null, int? Limit = null) : IQuery<Page<DecisionItem>>, ICaseMessage;

public sealed class ListDecisionsValidator : IValidator<ListDecisions>
{
    public void Validate(ListDecisions query, ValidationErrors errors) =>
        Paging.Validate(query.Limit, query.Cursor, c => Paging.DecodeVersion(c) is not null, errors);
}

public sealed record DecisionItem(
    Guid Id,
    string Kind,
    string Number,
    DateOnly DecidedOn,
    string? Reason,
    string? ReasonCode,
    string FromStage,
    string ToStage,
    JsonElement Data,
    string ActorRole,
    string ActorUnit,
    DateTimeOffset RecordedAt,
    int Version);

public sealed class DecisionRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Number { get; init; } = "";
    public DateOnly DecidedOn { get; init; }
    public string? Reason { get; init; }
    public string? ReasonCode { get; init; }
    public string FromStage { get; init; } = "";
    public string ToStage { get; init; } = "";
    public string Data { get; init; } = "{}";
    public string ActorRole { get; init; } = "";
    public string ActorUnit { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public int Version { get; init; }
}

public sealed class ListDecisionsHandler(DbSession db, ICurrentUser user, ReferenceData reference, AccessLogContext log)
    : IQueryHandler<ListDecisions, Page<DecisionItem>>
{
    public const string SelectDecisions = """
        SELECT d.id AS Id, d.kind AS Kind, d.number AS Number, d.decided_on AS DecidedOn, d.reason AS Reason,
               d.reason_code AS ReasonCode, d.from_stage AS FromStage, d.to_stage AS ToStage, d.data AS Data,
               d.actor_role AS ActorRole, d.actor_unit AS ActorUnit, d.recorded_at AS RecordedAt,
               d.resulting_version AS Version
        FROM case_decisions d WHERE d.case_id = @CaseId AND d.resulting_version > @AfterVersion ORDER BY d.resulting_version
        """;

    public async ValueTask<Page<DecisionItem>> Handle(ListDecisions query, CancellationToken ct)
    {
        var record = await CaseRecord.LoadInScopeAsync(db, query.CaseId, user, reference, ct) ?? throw Problems.CaseNotFound();
        log.AddCase(record.Id);
        var limit = Paging.LimitOf(query.Limit);
        var rows = (await db.QueryAsync<DecisionRow>(SelectDecisions + " " + db.Dialect.Limit("Take"),
            new { CaseId = record.Id, AfterVersion = Paging.DecodeVersion(query.Cursor) ?? 0, Take = limit + 1 }, ct)).ToList();
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Paging.EncodeVersion(page[^1].Version) : null;
        // The reason is free text of the police, procuracy and court; the social worker's view leaves it out.
        var showReason = user.Role is not Role.VictimSupport;
        return new Page<DecisionItem>(page.Select(r => new DecisionItem(r.Id, r.Kind, r.Number, r.DecidedOn,
            showReason ? r.Reason : null, r.ReasonCode, r.FromStage, r.ToStage, JsonSerializer.Deserialize<JsonElement>(r.Data),
            r.ActorRole, r.ActorUnit, r.RecordedAt, r.Version)).ToList(), next);
    }
}
