using CaseManagement.Domain.Statistics;
using CaseManagement.Api.Features.Statistics.GetStatistics;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using CaseManagement.Domain.Time;

namespace CaseManagement.Api.Features.Statistics.Shared;

/// <summary>
/// A commune-level unit's reports in a period, the change from the period before, and whether it rose across two
/// periods in a row. Counts of 1 to k-1 are suppressed as GET /statistics does; a change or a flag is published only
/// when both counts it compares are.
/// </summary>
public sealed record Hotspot(
    int Rank, string WardCode, string WardName, Figure Reports, Figure PreviousReports, int? Change, bool Rising);

/// <summary>The hot spots ("địa bàn trọng điểm"): communes ranked by reports received in a period.</summary>
public static class Hotspots
{
    private static readonly string Template = """
        SELECT c.incident_ward_code AS WardCode, c.received_at AS ReceivedAt
        FROM cases c WHERE {0} AND c.received_at >= @FromAt AND c.received_at < @ToAt
        """;

    public static string Sql(Role role) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, GetStatisticsHandler.ScopePredicate(role));

    public static IEnumerable<string> AllStatements => Enum.GetValues<Role>().Select(Sql);

    private sealed class Row
    {
        public string WardCode { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
    }

    /// <summary>Reports per ward in [from, to] and in the two periods of the same length before it.</summary>
    public static async Task<IReadOnlyList<Hotspot>> ComputeAsync(
        DbSession db, ICurrentUser user, ReferenceData reference, DateOnly from, DateOnly to, int k, CancellationToken ct)
    {
        // Periods are whole calendar months (statistics never run on shorter ones): the two before have as many months.
        var months = MonthsIn(from, to);
        var previousFrom = from.AddMonths(-months);
        var beforeFrom = previousFrom.AddMonths(-months);
        var rows = await db.QueryAsync<Row>(Sql(user.Role), new
        {
            ScopeUnit = CaseScope.ScopeUnit(user, reference),
            FromAt = HanoiCalendar.StartOfLocalDay(beforeFrom),
            ToAt = HanoiCalendar.StartOfLocalDay(to.AddDays(1)),
        }, ct);
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var day = HanoiCalendar.ToLocalDate(row.ReceivedAt);
            var slot = day >= from ? 0 : day >= previousFrom ? 1 : 2;
            var ward = reference.TryResolveWard(row.WardCode, out var w) ? w.Code : row.WardCode;
            (counts.TryGetValue(ward, out var c) ? c : counts[ward] = new int[3])[slot]++;
        }
        bool Published(int n) => n == 0 || n >= k;
        var ranked = counts
            .Where(c => c.Value[0] + c.Value[1] > 0)
            // Suppressed counts go last, by code, so the order does not reveal them.
            .OrderBy(c => Published(c.Value[0]) ? 0 : 1)
            .ThenByDescending(c => Published(c.Value[0]) ? c.Value[0] : 0)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return ranked.Select((c, i) =>
        {
            var (now, previous, before) = (c.Value[0], c.Value[1], c.Value[2]);
            var comparable = Published(now) && Published(previous);
            var rising = comparable && Published(before) && before < previous && previous < now;
            return new Hotspot(i + 1, c.Key, reference.Wards.TryGetValue(c.Key, out var w) ? w.Name : c.Key,
                GetStatisticsHandler.Publish(now, k), GetStatisticsHandler.Publish(previous, k),
                // The change of the published (rounded) counts: the true difference would give away what rounding hides.
                comparable ? DisclosureControl.Publish(now, k) - DisclosureControl.Publish(previous, k) : null, rising);
        }).ToList();
    }

    public static int MonthsIn(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
}
