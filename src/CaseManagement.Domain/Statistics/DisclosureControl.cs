namespace CaseManagement.Domain.Statistics;

/// <summary>
/// Statistics never let a child be singled out (CPC 414–415; Law on Children Art. 6; Decree 13/2023 Art. 2). With a
/// threshold k: a count from 1 to k-1 is not published; every published count is rounded to a multiple of k, so the
/// difference of any two published figures (a total, an overlapping period, a wider scope) is a multiple of k and never
/// recovers a suppressed count; the period is whole calendar months, at least one.
/// </summary>
public static class DisclosureControl
{
    /// <summary>Null when suppressed (1 to k-1); otherwise the count rounded to the nearest multiple of k (0 stays 0).</summary>
    public static int? Publish(int count, int k) =>
        count == 0 ? 0
        : count < k ? null
        : (int)Math.Round(count / (double)k, MidpointRounding.AwayFromZero) * k;

    public enum PeriodProblem
    {
        None,
        TooShort,
        NotWholeMonths,
    }

    /// <summary>From the first day of a month to the last day of a month, at least one calendar month.</summary>
    public static PeriodProblem CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from.AddMonths(1).AddDays(-1))
        {
            return PeriodProblem.TooShort;
        }
        return from.Day == 1 && to.AddDays(1).Day == 1 ? PeriodProblem.None : PeriodProblem.NotWholeMonths;
    }

    /// <summary>
    /// Complementary suppression within one column: when exactly one nonzero cell is suppressed, the smallest published
    /// nonzero cell is suppressed too, so the column's total (known from another grouping) does not give it away.
    /// Returns the indexes to suppress in addition.
    /// </summary>
    public static IReadOnlyList<int> Complement(IReadOnlyList<int?> published, IReadOnlyList<int> counts)
    {
        var suppressed = Enumerable.Range(0, published.Count).Where(i => published[i] is null).ToList();
        if (suppressed.Count != 1)
        {
            return [];
        }
        var candidates = Enumerable.Range(0, published.Count).Where(i => published[i] is > 0).OrderBy(i => counts[i]).ToList();
        return candidates.Count == 0 ? [] : [candidates[0]];
    }
}
