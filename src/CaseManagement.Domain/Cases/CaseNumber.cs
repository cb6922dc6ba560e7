using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseManagement.Domain.Cases;

// "HN-2026-000123": the human number of a case, by year of the report and a sequence within the year.
public static partial class CaseNumber
{
    /// <summary>"HN-", a four-digit year, "-", and six to eighteen digits.</summary>
    public const string PatternText = "^HN-([0-9]{4})-([0-9]{6,18})$";

    public const int MaxLength = 26;

    public static string Format(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"HN-{year:D4}-{sequence:D6}");
    }

    // Only the canonical form parses, so the exact-number search finds one case per number.
    public static bool TryParse(string? value, out int year, out long sequence)
    {
        year = 0;
        sequence = 0;
        if (value is null)
            return false;
        var match = Pattern().Match(value);
        if (!match.Success
            || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            || s <= 0 || y < 1000)
            return false;
        if (Format(y, s) != value)
            return false;
        year = y;
        sequence = s;
        return true;
    }

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
