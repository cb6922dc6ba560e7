using System.Globalization;

namespace CaseManagement.Domain.Offences;

// "BLHS-142-1": Penal Code article 142, clause 1. Only the canonical form parses, so one offence has one code.
public static class OffenceCode
{
    private const string Prefix = "BLHS-";

    public static string Format(int article, int clause)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(article);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clause);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{article}-{clause}");
    }

    public static bool TryParse(string? code, out int article, out int clause)
    {
        article = 0;
        clause = 0;
        if (code is null || !code.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parts = code[Prefix.Length..].Split('-');
        if (parts.Length != 2 || !TryParsePositive(parts[0], out var a) || !TryParsePositive(parts[1], out var c))
            return false;
        article = a;
        clause = c;
        return true;
    }

    private static bool TryParsePositive(string s, out int value)
    {
        value = 0;
        // ASCII digits without a leading zero: int.TryParse alone would accept "+1", " 1" or "01".
        if (s.Length is 0 or > 4 || s[0] == '0' || !s.All(char.IsAsciiDigit))
            return false;
        value = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
