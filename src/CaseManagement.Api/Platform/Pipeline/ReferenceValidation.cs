using CaseManagement.Api.Platform.Data;

namespace CaseManagement.Api.Platform.Pipeline;

/// <summary>Field checks against the reference lists, shared by every message that names offences.</summary>
public static class ReferenceValidation
{
    /// <summary>1 to <paramref name="max"/> known offence codes, each at most once; errors name the index at fault.</summary>
    public static void OffenceCodes(this ValidationErrors errors, string field, IReadOnlyList<string>? codes, ReferenceData reference, int max)
    {
        if (codes is null)
        {
            errors.Add(field, "This field is required.");
            return;
        }
        if (codes.Count == 0 || codes.Count > max)
        {
            errors.Add(field, $"Between 1 and {max} offence codes.");
            return;
        }
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is null || !reference.Offences.ContainsKey(codes[i]))
            {
                errors.Add($"{field}[{i}]", "Unknown offence code (see GET /offences).");
            }
        }
        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            errors.Add(field, "Each offence code at most once.");
        }
    }
}
