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
}
