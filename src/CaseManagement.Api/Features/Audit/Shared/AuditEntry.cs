using System.Globalization;
using CaseManagement.Api.Platform.Http;

namespace CaseManagement.Api.Features.Audit.Shared;

/// <summary>
/// One access-log entry as the auditor sees it: ids, never names or case content. Ids are the text the writer
/// stored.
/// </summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset At,
    string? ActorId,
    string? ActorRole,
    string? ActorUnit,
    string Action,
    string ResourceType,
    string? ResourceId,
    [property: System.ComponentModel.DataAnnotations.MaxLength(Platform.Audit.AccessLogContext.MaxCaseIds)] IReadOnlyList<string> CaseIds,
    string? VictimId,
    string? Purpose,
    string Outcome,
    int StatusCode,
    string? ClientIp,
    string CorrelationId);

/// <summary>A row of <see cref="AuditSql.Columns"/> (plus one case id in the export's join).</summary>
public sealed class AuditRow
{
    public long Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ActorId { get; init; }
    public string? ActorRole { get; init; }
    public string? ActorUnit { get; init; }
    public string Action { get; init; } = "";
    public string ResourceType { get; init; } = "";
    public string? ResourceId { get; init; }
    public string? VictimId { get; init; }
    public string? Purpose { get; init; }
    public string Outcome { get; init; } = "";
    public int StatusCode { get; init; }
    public string? ClientIp { get; init; }
    public string CorrelationId { get; init; } = "";
    public string? CaseId { get; init; }

    /// <summary>The entry with its case ids in ordinal order, the same in the list and the export.</summary>
    public AuditEntry ToEntry(List<string> caseIds)
    {
        caseIds.Sort(StringComparer.Ordinal);
        return new(Seq, At, ActorId, ActorRole, ActorUnit, Action, ResourceType, ResourceId, caseIds, VictimId, Purpose, Outcome,
            StatusCode, ClientIp, CorrelationId);
    }
}

public sealed class AuditCaseRow
{
    public long Seq { get; init; }
    public string CaseId { get; init; } = "";
}

/// <summary>Keyset paging over seq: an opaque cursor naming the last seq of the page before.</summary>
public static class SeqCursor
{
    public const int MaxLength = Paging.MaxCursorLength;

    public static string Encode(long seq) => Paging.Cursor("s", seq.ToString(CultureInfo.InvariantCulture));

    public static long? Decode(string? cursor) =>
        Paging.CursorParts(cursor, "s", 1) is [var text]
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? seq
            : null;
}
