using System.Globalization;
using System.Text;
using CaseManagement.Api.Features.Deadlines.ListDeadlines;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Http;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using CaseManagement.Domain.Deadlines;
using CaseManagement.Domain.Policies;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Deadlines.Shared;

/// <summary>
/// The child-protection clocks of each victim in scope (Decree 56/2017: emergency protection within 12 hours, a
/// support plan within 5 working days, both from the report), until the assessment and the plan are recorded on the
/// victim. Owned by victim-support; listed for victim-support and supervisors. They are merged into the deadlines list
/// by due day: on the same day the statutory deadlines come first, then these by victim id and kind.
/// </summary>
public static class ChildProtectionDeadlines
{
    /// <summary>The most open child-protection clocks one request considers (they close within days).</summary>
    public const int MaxOpen = 2000;

    public static bool ListsFor(Role role) => role is Role.VictimSupport or Role.Supervisor;

    /// <summary>Victims of open cases in scope still missing an assessment or a plan; only fixed fragments, every value a parameter.</summary>
    public static string BuildSql(SqlDialect dialect, Role role, bool byUnit)
    {
        var sql = new StringBuilder("""
            SELECT v.id AS VictimId, c.id AS CaseId, c.case_number AS CaseNumber, c.stage AS Stage, c.received_at AS ReceivedAt,
                CASE WHEN EXISTS (SELECT 1 FROM emergency_assessments a WHERE a.victim_id = v.id) THEN 1 ELSE 0 END AS Assessed,
                CASE WHEN EXISTS (SELECT 1 FROM support_plans p WHERE p.victim_id = v.id) THEN 1 ELSE 0 END AS Planned
            FROM victims v JOIN cases c ON c.id = v.case_id
            WHERE c.stage <> @Closed
                AND (NOT EXISTS (SELECT 1 FROM emergency_assessments a2 WHERE a2.victim_id = v.id)
                    OR NOT EXISTS (SELECT 1 FROM support_plans p2 WHERE p2.victim_id = v.id))
            """).Append(" AND ").Append(CaseScope.Predicate(role));
        if (byUnit)
        {
            sql.Append(" AND ").Append(CaseScope.Predicate(role).Replace("@ScopeUnit", "@Unit", StringComparison.Ordinal));
        }
        return sql.Append(" ORDER BY c.received_at, v.id ").Append(dialect.Limit("Take")).ToString();
    }

    public sealed class Row
    {
        public Guid VictimId { get; init; }
        public Guid CaseId { get; init; }
        public string CaseNumber { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
        public bool Assessed { get; init; }
        public bool Planned { get; init; }
    }

    /// <summary>Keyset position after a child-protection item: (due day, victim id, kind), opaque to clients.</summary>
    public sealed record Position(DateOnly DueOn, Guid VictimId, int Kind);

    public static string Encode(DeadlineItem item) =>
        Paging.Cursor("p", item.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), item.VictimId!.Value.ToString("D"),
            ((int)item.Kind).ToString(CultureInfo.InvariantCulture));

    public static Position? Decode(string? cursor) =>
        Paging.CursorParts(cursor, "p", 3) is [var due, var id, var kind]
        && DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueOn)
        && Guid.TryParseExact(id, "D", out var guid)
        && int.TryParse(kind, NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            ? new Position(dueOn, guid, k)
            : null;

    /// <summary>The open clocks in scope, in list order, filtered by state.</summary>
    public static async Task<List<DeadlineItem>> LoadAsync(DbSession db, ICurrentUser user, ReferenceData reference, string? unit,
        DeadlineState state, DateTimeOffset now, Policy policy, RestDays holidays, CancellationToken ct)
    {
        var scopeUnit = CaseScope.ScopeUnit(user, reference);
        // A social-welfare unit narrows the list by the police area it serves, as its scope does.
        var unitParam = unit is not null && user.Role == Role.VictimSupport && reference.Units.TryGetValue(unit, out var u)
            ? u.JurisdictionCode ?? unit
            : unit;
        var rows = await db.QueryAsync<Row>(BuildSql(db.Dialect, user.Role, unit is not null), new
        {
            ScopeUnit = scopeUnit,
            Unit = unitParam,
            Closed = Wire.Name(CaseStage.Closed),
            Take = MaxOpen,
        }, ct);
        var today = HanoiCalendar.ToLocalDate(now);
        var items = new List<DeadlineItem>();
        foreach (var row in rows)
        {
            var stage = Wire.TryParse<CaseStage>(row.Stage, out var s) ? s : throw new InvalidOperationException("Unknown stage in store.");
            if (!row.Assessed)
            {
                items.Add(ToItem(row, stage, ChildProtectionClock.EmergencyProtection(row.ReceivedAt, policy), now, today));
            }
            if (!row.Planned)
            {
                items.Add(ToItem(row, stage, ChildProtectionClock.SupportPlan(row.ReceivedAt, policy, holidays), now, today));
            }
        }
        return items
            .Where(i => state switch
            {
                DeadlineState.Overdue => i.Overdue,
                DeadlineState.DueSoon => !i.Overdue && i.DaysRemaining <= policy.DueSoonDays,
                _ => true,
            })
            .OrderBy(i => i.DueOn).ThenBy(i => i.VictimId!.Value.ToString("D"), StringComparer.Ordinal).ThenBy(i => (int)i.Kind)
            .ToList();
    }

    private static DeadlineItem ToItem(Row row, CaseStage stage, ChildProtectionDeadline deadline, DateTimeOffset now, DateOnly today) =>
        new(row.CaseId, row.CaseNumber, stage, deadline.Kind, deadline.DueOn, DeadlineStatus.DaysRemaining(deadline.DueOn, today),
            ChildProtectionClock.Overdue(deadline, now), 0, 0, deadline.Owner)
        {
            VictimId = row.VictimId,
            DueAt = deadline.DueAt,
        };

    /// <summary>The items after a cursor: after a statutory item, those due on or after its day; after one of these, the keyset.</summary>
    public static IEnumerable<DeadlineItem> After(IEnumerable<DeadlineItem> items, string? cursor)
    {
        if (Decode(cursor) is { } p)
        {
            var key = p.VictimId.ToString("D");
            return items.Where(i => i.DueOn > p.DueOn || (i.DueOn == p.DueOn
                && (string.CompareOrdinal(i.VictimId!.Value.ToString("D"), key) > 0
                    || (i.VictimId.Value == p.VictimId && (int)i.Kind > p.Kind))));
        }
        if (DeadlineCursor.Decode(cursor) is { } statutory)
        {
            return items.Where(i => i.DueOn >= statutory.DueOn);
        }
        return items;
    }

    /// <summary>
    /// Merges one page: the statutory rows (already after the cursor, in list order, at most limit + 1) and the open
    /// child-protection items; on the same day statutory first. Returns the page and the next cursor.
    /// </summary>
    public static (List<DeadlineItem> Page, string? Next) Merge(IReadOnlyList<DeadlineItem> statutory,
        IReadOnlyList<DeadlineItem> childProtection, int limit)
    {
        var merged = new List<DeadlineItem>(limit + 1);
        int s = 0, c = 0;
        while (merged.Count <= limit && (s < statutory.Count || c < childProtection.Count))
        {
            var takeStatutory = c >= childProtection.Count || (s < statutory.Count && statutory[s].DueOn <= childProtection[c].DueOn);
            merged.Add(takeStatutory ? statutory[s++] : childProtection[c++]);
        }
        // Statutory rows not fetched all come after the (limit + 1)-th fetched one.
        var more = merged.Count > limit;
        var page = merged.Take(limit).ToList();
        if (!more || page.Count == 0)
        {
            return (page, null);
        }
        var last = page[^1];
        return (page, last.VictimId is null ? DeadlineCursor.Encode(last.DueOn, last.CaseId) : Encode(last));
    }

    /// <summary>After a child-protection cursor the statutory query continues after its whole day.</summary>
    public static DeadlineCursor.Position? StatutoryPosition(string? cursor) =>
        Decode(cursor) is { } p ? new DeadlineCursor.Position(p.DueOn, MaxGuid) : DeadlineCursor.Decode(cursor);

    private static readonly Guid MaxGuid = new("ffffffff-ffff-ffff-ffff-ffffffffffff");
}
