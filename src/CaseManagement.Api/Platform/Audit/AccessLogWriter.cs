using System.Net;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;

namespace CaseManagement.Api.Platform.Audit;

public sealed record AccessLogEntry(
    DateTimeOffset At,
    string? ActorId,
    string? ActorRole,
    string? ActorUnit,
    string Action,
    string ResourceType,
    string? ResourceId,
    string? VictimId,
    string? Purpose,
    string Outcome,
    int StatusCode,
    string? ClientIp,
    string CorrelationId,
    IReadOnlyCollection<Guid> CaseIds);

public static class AccessOutcome
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";

    public static string ForStatus(int status) => status switch
    {
        < 400 => Allowed,
        401 or 403 or 404 => Denied,
        _ => Failed,
    };
}

/// <summary>
/// Appends one entry. seq comes from the chain head row, whose lock is held until the transaction commits, so seq
/// is contiguous and in commit order whatever the provider.
/// </summary>
public sealed class AccessLogWriter(IClock clock, ICurrentUser user, IHttpContextAccessor http)
{
    public const int EntryVersion = 1;

    public const string InsertEntry = """
        INSERT INTO access_log (seq, entry_version, at, actor_id, actor_role, actor_unit, action, resource_type,
            resource_id, victim_id, purpose, outcome, status_code, client_ip, correlation_id)
        VALUES (@Seq, @EntryVersion, @At, @ActorId, @ActorRole, @ActorUnit, @Action, @ResourceType,
            @ResourceId, @VictimId, @Purpose, @Outcome, @StatusCode, @ClientIp, @CorrelationId)
        """;

    public const string InsertCase = "INSERT INTO access_log_cases (case_id, seq) VALUES (@CaseId, @Seq)";

    public AccessLogEntry Describe(AccessLogContext context, int statusCode)
    {
        var audited = context.Audited ?? throw new InvalidOperationException("The request is not audited.");
        var httpContext = http.HttpContext;
        var authenticated = user.IsAuthenticated;
        return new AccessLogEntry(
            At: clock.UtcNow,
            ActorId: authenticated ? user.Id : null,
            ActorRole: authenticated ? Roles.ToWire(user.Role) : null,
            ActorUnit: authenticated ? user.Unit : null,
            Action: audited.Action,
            ResourceType: audited.ResourceType,
            ResourceId: context.ResourceId,
            VictimId: context.VictimId?.ToString("D"),
            Purpose: context.Purpose,
            Outcome: AccessOutcome.ForStatus(statusCode),
            StatusCode: statusCode,
            ClientIp: httpContext?.Connection.RemoteIpAddress is IPAddress ip ? ip.ToString() : null,
            CorrelationId: httpContext is null ? Guid.NewGuid().ToString("N") : CorrelationId.Of(httpContext),
            CaseIds: context.CaseIds.ToArray());
    }

    public Task<long> WriteAsync(DbSession session, AccessLogEntry entry, CancellationToken ct) => AppendAsync(session, entry, ct);

    /// <summary>Appends an entry described without a request (a command-line run), in the session's transaction.</summary>
    public static async Task<long> AppendAsync(DbSession session, AccessLogEntry entry, CancellationToken ct)
    {
        var seq = await session.Dialect.TakeAccessLogSeqAsync(session, ct);
        await session.ExecuteAsync(InsertEntry, new
        {
            Seq = seq,
            EntryVersion,
            entry.At,
            entry.ActorId,
            entry.ActorRole,
            entry.ActorUnit,
            entry.Action,
            entry.ResourceType,
            entry.ResourceId,
            entry.VictimId,
            entry.Purpose,
            entry.Outcome,
            entry.StatusCode,
            entry.ClientIp,
            entry.CorrelationId,
        }, ct);
        foreach (var caseId in entry.CaseIds)
        {
            await session.ExecuteAsync(InsertCase, new { CaseId = caseId.ToString("D"), Seq = seq }, ct);
        }
        return seq;
    }
}
