using CaseManagement.Api.Platform.Data;

namespace CaseManagement.Api.Platform.Feed;

/// <summary>
/// The outbox behind GET /events: each change appends one row in its own transaction. The position is taken from the
/// head row like the access log's seq (the lock is held to commit; on SQLite the one writer, or the group committer's
/// batch, orders them), so positions are gapless and in commit order, and a rolled-back change takes its position
/// back with it. Rows carry ids, a kind, an instant and a version: never a protected value or a summary.
/// </summary>
public static class ChangeFeed
{
    public const string InsertEvent = """
        INSERT INTO change_feed (position, case_id, report_id, kind, occurred_at, version)
        VALUES (@Position, @CaseId, @ReportId, @Kind, @OccurredAt, @Version)
        """;

    public static async Task<long> AppendAsync(
        DbSession db, Guid? caseId, Guid? reportId, string kind, int? version, DateTimeOffset at, CancellationToken ct)
    {
        var position = await db.Dialect.TakeChangeFeedPositionAsync(db, ct);
        await db.ExecuteAsync(InsertEvent, new { Position = position, CaseId = caseId, ReportId = reportId, Kind = kind, OccurredAt = at, Version = version }, ct);
        return position;
    }
}
