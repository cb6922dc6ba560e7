using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseManagement.Domain.Statistics;

// The periods the city's plan reports on (part IV: every six months and every year), and any run of months:
// "2026-H1", "2026-H2", "2026", "2026-01..2026-03", "2026-05". Calendar dates in Hanoi; both ends included.
public sealed partial record ReportPeriod(string Label, DateOnly From, DateOnly To)
{
    public const int MaxMonths = 60;

    [GeneratedRegex(@"^(\d{4})-H([12])$")]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"^(\d{4})$")]
    private static partial Regex Year();

    [GeneratedRegex(@"^(\d{4})-(\d{2})(?:\.\.(\d{4})-(\d{2}))?$")]
    private static partial Regex Months();

    public static ReportPeriod? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return null;
        }
        if (HalfYear().Match(text) is { Success: true } h && Year(h.Groups[1].Value) is { } hy)
        {
            var first = h.Groups[2].Value == "1" ? 1 : 7;
            return new ReportPeriod(text, new DateOnly(hy, first, 1), new DateOnly(hy, first + 5, 1).AddMonths(1).AddDays(-1));
        }
        if (Year().Match(text) is { Success: true } y && Year(y.Groups[1].Value) is { } yy)
        {
            return new ReportPeriod(text, new DateOnly(yy, 1, 1), new DateOnly(yy, 12, 31));
        }
        if (Months().Match(text) is { Success: true } m && Month(m.Groups[1].Value, m.Groups[2].Value) is { } start)
        {
            var end = m.Groups[3].Success ? Month(m.Groups[3].Value, m.Groups[4].Value) : start;
            if (end is not { } last || last < start || MonthsBetween(start, last) >= MaxMonths)
            {
                return null;
            }
            return new ReportPeriod(text, start, last.AddMonths(1).AddDays(-1));
        }
        return null;
    }

    // The months the period covers, first days, in order.
    public IReadOnlyList<DateOnly> MonthStarts()
    {
        var list = new List<DateOnly>();
        for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
        {
            list.Add(m);
        }
        return list;
    }

    // The period of the same length just before this one (for the change in hot spots).
    public ReportPeriod Previous()
    {
        var months = MonthsBetween(From, To) + 1;
        var from = From.AddMonths(-months);
        return new ReportPeriod("previous", from, From.AddDays(-1));
    }

    private static int MonthsBetween(DateOnly a, DateOnly b) => (b.Year - a.Year) * 12 + b.Month - a.Month;

    private static int? Year(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : null;

    private static DateOnly? Month(string year, string month) =>
        Year(year) is { } y && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? new DateOnly(y, m, 1)
            : null;
}
