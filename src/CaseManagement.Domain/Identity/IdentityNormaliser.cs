using System.Text;

namespace CaseManagement.Domain.Identity;

// Finds the same child across cases: spacing, case and Unicode composition differ between clerks, diacritics do not
// (in Vietnamese they distinguish names, so "Nguyen" is not "Nguyễn").
public static class IdentityNormaliser
{
    public static string NormaliseName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var composed = name.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var c in composed)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormC);
    }

    // A suspect across cases: clerks type suspects' names with or without diacritics ("Nguyen Van A" for "Nguyễn Văn A"),
    // so the suspect key folds them away; the date of birth or the identity number keeps two people apart.
    public static string FoldName(string name)
    {
        var normalised = NormaliseName(name).Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    // An identity number (CCCD 12 digits, CMND 9, a passport's letters and digits) as written with spaces, dots or dashes.
    public static string NormaliseIdentityNumber(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var sb = new StringBuilder(number.Length);
        foreach (var c in number)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }
        return sb.ToString();
    }
}
