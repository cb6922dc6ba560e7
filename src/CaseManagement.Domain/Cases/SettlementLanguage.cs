using System.Globalization;
using System.Text;

namespace CaseManagement.Domain.Cases;

// A reason written to park or close a case must not be a settlement in other words: the city's plan asks to prevent
// "tự thỏa thuận, hòa giải với đối tượng nhằm chấm dứt vụ việc". Matched without diacritics and case, so "hoa giai",
// "Hòa giải" and "hoà giải" are the same words.
public static class SettlementLanguage
{
    private static readonly string[] Phrases =
    [
        "hoa giai", "bai nai", "rut don", "rut yeu cau", "tu thoa thuan", "thoa thuan boi thuong", "da boi thuong",
        "settlement", "settled", "withdrew the complaint", "withdrawal of the complaint",
    ];

    public static bool Mentions(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var folded = Fold(text);
        return Phrases.Any(p => folded.Contains(p, StringComparison.Ordinal));
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var lower = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (char.IsWhiteSpace(lower) || char.IsPunctuation(lower))
            {
                if (!lastSpace)
                    sb.Append(' ');
                lastSpace = true;
                continue;
            }
            sb.Append(lower);
            lastSpace = false;
        }
        return sb.ToString();
    }
}
