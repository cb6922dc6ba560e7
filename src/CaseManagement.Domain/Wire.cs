using System.Text;

namespace CaseManagement.Domain;

// Enum values travel as kebab-case strings (API conventions); one conversion for every enum keeps them consistent.
public static class Wire
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Cache<TEnum>.Names.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(TEnum).Name} value.");

    // Exact kebab-case only: numbers and PascalCase would let clients depend on names the contract does not promise.
    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        if (value is not null && Cache<TEnum>.Values.TryGetValue(value, out result))
            return true;
        result = default;
        return false;
    }

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Ordered;

    internal static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0)
            {
                var prev = pascal[i - 1];
                var wordStart = char.IsUpper(c) && (char.IsLower(prev) || char.IsDigit(prev));
                var numberStart = char.IsDigit(c) && char.IsLetter(prev);
                if (wordStart || numberStart)
                    sb.Append('-');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => Kebab(v.ToString()));

        public static readonly IReadOnlyDictionary<string, TEnum> Values =
            Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Ordered = Enum.GetValues<TEnum>().Distinct().Select(v => Names[v]).ToArray();
    }
}
