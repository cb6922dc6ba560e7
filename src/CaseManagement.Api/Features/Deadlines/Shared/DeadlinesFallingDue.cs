using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Feed;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Deadlines.Shared;

/// <summary>
/// Puts each statutory deadline in the change feed once, as a <c>deadline-due</c> event, on the Hanoi day it falls due
/// (a matter of time, not of a change, so no request writes it). Each batch is one transaction: the mark
/// (deadline_due_marks, keyed by case, kind and due day) and its feed event commit together or not at all, so an event
/// is never lost or written twice, whichever node scans and however often. The event carries the case id and the
/// case's version, like every event: the feed's scope decides who sees it.
/// </summary>
public static class DeadlinesFallingDue
{
    public const string EventKind = "deadline-due";

    public const int Batch = 500;

    public static string SelectDue(SqlDialect dialect) => $"""
        SELECT c.id AS CaseId, c.deadline_kind AS DeadlineKind, c.due_on AS DueOn, c.version AS Version
        FROM cases c
        WHERE c.stage <> @Closed AND c.deadline_kind IS NOT NULL AND c.due_on IS NOT NULL AND c.due_on <= @Today
          AND NOT EXISTS (SELECT 1 FROM deadline_due_marks m
                          WHERE m.case_id = c.id AND m.deadline_kind = c.deadline_kind AND m.due_on = c.due_on)
        ORDER BY c.due_on, c.id {dialect.Limit("Take")}
        """;

    public const string InsertMark = """
        INSERT INTO deadline_due_marks (case_id, deadline_kind, due_on, feed_position, marked_at)
        VALUES (@CaseId, @DeadlineKind, @DueOn, @Position, @Now)
        """;

    public sealed class DueRow
    {
        public Guid CaseId { get; init; }
        public required string DeadlineKind { get; init; }
        public DateOnly DueOn { get; init; }
        public int Version { get; init; }
    }

    /// <summary>Writes the events of every deadline due by today not yet in the feed; returns how many.</summary>
    public static async Task<int> ScanOnceAsync(DbConnectionFactory factory, IClock clock, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var now = clock.UtcNow;
            await using var db = new DbSession(factory);
            await db.BeginAsync(ct);
            var due = (await db.QueryAsync<DueRow>(SelectDue(db.Dialect), new
            {
                Closed = Wire.Name(CaseStage.Closed),
                Today = HanoiCalendar.ToLocalDate(now),
                Take = Batch,
            }, ct)).ToList();
            foreach (var row in due)
            {
                var position = await ChangeFeed.AppendAsync(db, row.CaseId, null, EventKind, row.Version, now, ct);
                await db.ExecuteAsync(InsertMark, new { row.CaseId, row.DeadlineKind, row.DueOn, Position = position, Now = now }, ct);
            }
            await db.CommitAsync(ct);
            total += due.Count;
            if (due.Count < Batch)
            {
                return total;
            }
        }
    }
}

/// <summary>
/// Scans for deadlines falling due every Deadlines:DueScanInterval (default one minute; zero turns it off): the
/// statutory deadlines (<see cref="DeadlinesFallingDue"/>), then the child-protection clocks
/// (<see cref="ChildProtectionFallingDue"/>), each on its own so one failing does not hold the other back. Several
/// nodes may scan at once: the marks' keys let one batch commit and roll the other back, and the next tick finds
/// nothing left to write.
/// </summary>
public sealed class DeadlineDueScanner(DbConnectionFactory factory, IClock clock, PolicyBook policies, ReferenceData reference,
    IConfiguration configuration, ILogger<DeadlineDueScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Deadlines:DueScanInterval", TimeSpan.FromMinutes(1));
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await ScanAsync("deadline(s) fell due", () => DeadlinesFallingDue.ScanOnceAsync(factory, clock, stoppingToken));
            await ScanAsync("child-protection clock(s) fell due",
                () => ChildProtectionFallingDue.ScanOnceAsync(factory, clock, policies, reference, stoppingToken));
        }
    }

    private async Task ScanAsync(string what, Func<Task<int>> scan)
    {
        try
        {
            var written = await scan();
            if (written > 0)
            {
                logger.LogInformation("{Count} {What}", written, what);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Another node wrote the same marks first (its batch committed, this one rolled back), or the store
            // is busy: the next tick writes whatever is still missing.
            if (UniqueViolation.Is(ex))
            {
                logger.LogDebug("Marks of {What} were written by another scanner", what);
            }
            else
            {
                logger.LogWarning("Deadline scan failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
    }
}
