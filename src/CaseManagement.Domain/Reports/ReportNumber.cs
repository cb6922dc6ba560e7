using System.Globalization;

namespace CaseManagement.Domain.Reports;

// "BC-2026-000123" (báo cáo): the receipt number of a report, by year of receipt and a gapless sequence within it.
public static class ReportNumber
{
    public const int MaxLength = 26;

    public static string Format(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"BC-{year:D4}-{sequence:D6}");
    }
}
