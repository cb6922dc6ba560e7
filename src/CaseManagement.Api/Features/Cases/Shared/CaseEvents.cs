using System.Text.Json;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Feed;
using CaseManagement.Api.Platform.Json;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;

namespace CaseManagement.Api.Features.Cases.Shared;

/// <summary>
/// The timeline: every change to a case is an event with the case's next version, written in the same transaction
/// as the change to the case row. Event data never holds a protected value or the confidential summary.
/// </summary>
public static class CaseEvents
{
    public static readonly JsonSerializerOptions Json = JsonSetup.Create();

    public const string InsertEvent = """
        INSERT INTO case_events (id, case_id, version, kind, occurred_at, actor_id, actor_role, actor_unit, data)
        VALUES (@Id, @CaseId, @Version, @Kind, @OccurredAt, @ActorId, @ActorRole, @ActorUnit, @Data)
        """;

    /// <summary>Moves the case row to the next version, only if it is still at @ExpectedVersion.</summary>
    public const string BumpVersion = """
        UPDATE cases SET version = version + 1, updated_at = @Now WHERE id = @CaseId AND version = @ExpectedVersion
        """;

    /// <summary>
    /// Appends an event at <paramref name="version"/>. The (case_id, version) key makes two writers that read the
    /// same version collide: one commits, the other fails.
    /// </summary>
    public static async Task AppendAsync(DbSession db, Guid caseId, int version, string kind, object data, ICurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(InsertEvent, new
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            Version = version,
            Kind = kind,
            OccurredAt = now,
            ActorId = user.Id,
            ActorRole = Roles.ToWire(user.Role),
            ActorUnit = user.Unit,
            Data = JsonSerializer.Serialize(data, Json),
        }, ct);
        // The change feed learns of every timeline event in the same transaction: id, kind, time, version only.
        await ChangeFeed.AppendAsync(db, caseId, null, kind, version, now, ct);
    }

    /// <summary>
    /// Bumps the case's version (optimistic: false when another writer got there first) and appends the event at the
    /// new version. Callers apply their change to the case row in the same transaction.
    /// </summary>
    public static async Task<bool> RecordAsync(DbSession db, Guid caseId, int expectedVersion, string kind, object data, ICurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        var updated = await db.ExecuteAsync(BumpVersion, new { CaseId = caseId, ExpectedVersion = expectedVersion, Now = now }, ct);
        if (updated != 1)
        {
            return false;
        }
        await AppendAsync(db, caseId, expectedVersion + 1, kind, data, user, now, ct);
        return true;
    }
}
