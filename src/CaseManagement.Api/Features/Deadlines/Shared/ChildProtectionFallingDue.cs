using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Feed;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Deadlines.Shared;

/// <summary>
/// Puts each child-protection clock of a victim (Decree 56/2017: emergency protection within 12 hours, a support plan
/// within 5 working days, from the report's receipt) in the change feed once, as a <c>child-protection-due</c> event,
/// when it falls due and its assessment or plan is still not recorded: the 12-hour clock at its due instant, the
/// plan at the start of its due day in Hanoi. The mark (child_protection_due_marks, keyed by victim and clock kind)
/// and its event commit together or not at all, so an event is never lost or written twice, whichever node scans. The
/// event names the case and its version only (no victim, no clock kind): the feed's scope decides who sees it, and
/// `GET /deadlines` says which clock of which victim it is.
/// </summary>
public static class ChildProtectionFallingDue
{
    public const string EventKind = "child-protection-due";

    public const int Batch = 500;

    public static string SelectCandidates(SqlDialect dialect) => $"""
        SELECT v.id AS VictimId, c.id AS CaseId, c.received_at AS ReceivedAt, c.version AS Version,
            CASE WHEN EXISTS (SELECT 1 FROM emergency_assessments a WHERE a.victim_id = v.id)
                   OR EXISTS (SELECT 1 FROM child_protection_due_marks m WHERE m.victim_id = v.id AND m.clock_kind = @Emergency)
                 THEN 1 ELSE 0 END AS EmergencySettled,
            CASE WHEN EXISTS (SELECT 1 FROM support_plans p WHERE p.victim_id = v.id)
                   OR EXISTS (SELECT 1 FROM child_protection_due_marks m WHERE m.victim_id = v.id AND m.clock_kind = @Plan)
                 THEN 1 ELSE 0 END AS PlanSettled
        FROM victims v JOIN cases c ON c.id = v.case_id
        WHERE c.stage <> @Closed AND c.received_at <= @ReceivedBy AND v.id > @AfterId
          AND ((NOT EXISTS (SELECT 1 FROM emergency_assessments a2 WHERE a2.victim_id = v.id)
                AND NOT EXISTS (SELECT 1 FROM child_protection_due_marks m2 WHERE m2.victim_id = v.id AND m2.clock_kind = @Emergency))
            OR (NOT EXISTS (SELECT 1 FROM support_plans p2 WHERE p2.victim_id = v.id)
                AND NOT EXISTS (SELECT 1 FROM child_protection_due_marks m3 WHERE m3.victim_id = v.id AND m3.clock_kind = @Plan)))
        ORDER BY v.id {dialect.Limit("Take")}
        """;

    public const string InsertMark = """
        INSERT INTO child_protection_due_marks (victim_id, clock_kind, case_id, feed_position, marked_at)
        VALUES (@VictimId, @ClockKind, @CaseId, @Position, @Now)
        """;

    public sealed class Candidate
    {
        public Guid VictimId { get; init; }
        public Guid CaseId { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public int Version { get; init; }
        public bool EmergencySettled { get; init; }
        public bool PlanSettled { get; init; }
    }

    /// <summary>
    /// Only a case received at least this long ago can have a clock due: the 12-hour clock, or the plan's day, which
    /// starts more than (working days - 1) × 24 hours after the receipt.
    /// </summary>
    public static TimeSpan EarliestDue(Policy policy) =>
        TimeSpan.FromHours(Math.Max(0, Math.Min(policy.EmergencyProtectionHours, (policy.SupportPlanWorkingDays - 1) * 24)));

    /// <summary>The clocks of one candidate that have fallen due by <paramref name="now"/> and are not settled.</summary>
    public static IEnumerable<DeadlineKind> FallenDue(Candidate row, DateTimeOffset now, Policy policy, RestDays holidays)
    {
        if (!row.EmergencySettled && ChildProtectionClock.FallsDueAt(ChildProtectionClock.EmergencyProtection(row.ReceivedAt, policy)) <= now)
        {
            yield return DeadlineKind.EmergencyProtection;
        }
        if (!row.PlanSettled && ChildProtectionClock.FallsDueAt(ChildProtectionClock.SupportPlan(row.ReceivedAt, policy, holidays)) <= now)
        {
            yield return DeadlineKind.SupportPlan;
        }
    }

    /// <summary>Writes the events of every child-protection clock fallen due by now and not yet in the feed; returns how many.</summary>
    public static async Task<int> ScanOnceAsync(DbConnectionFactory factory, IClock clock, PolicyBook policies, ReferenceData reference,
        CancellationToken ct)
    {
        var total = 0;
        var afterId = Guid.Empty;
        var now = clock.UtcNow;
        var policy = policies.For(HanoiCalendar.ToLocalDate(now));
        while (true)
        {
            await using var db = new DbSession(factory);
            await db.BeginAsync(ct);
            var candidates = (await db.QueryAsync<Candidate>(SelectCandidates(db.Dialect), new
            {
                Closed = Wire.Name(CaseStage.Closed),
                Emergency = Wire.Name(DeadlineKind.EmergencyProtection),
                Plan = Wire.Name(DeadlineKind.SupportPlan),
                ReceivedBy = now - EarliestDue(policy),
                AfterId = afterId,
                Take = Batch,
            }, ct)).ToList();
            foreach (var row in candidates)
            {
                foreach (var kind in FallenDue(row, now, policy, reference.RestDays))
                {
                    var position = await ChangeFeed.AppendAsync(db, row.CaseId, null, EventKind, row.Version, now, ct);
                    await db.ExecuteAsync(InsertMark, new
                    {
                        row.VictimId, ClockKind = Wire.Name(kind), row.CaseId, Position = position, Now = now,
                    }, ct);
                    total++;
                }
            }
            await db.CommitAsync(ct);
            if (candidates.Count < Batch)
            {
                return total;
            }
            afterId = candidates[^1].VictimId;
        }
    }
}
