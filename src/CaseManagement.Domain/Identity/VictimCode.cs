namespace CaseManagement.Domain.Identity;

// The name everyone works with instead of the child's: "V-" and 8 characters no one misreads (no I, L, O, 0, 1).
public static class VictimCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const string Prefix = "V-";
    public const int Length = 8;

    // randomIndex(n) returns an index in [0, n); the caller supplies a cryptographic source.
    public static string New(Func<int, int> randomIndex)
    {
        ArgumentNullException.ThrowIfNull(randomIndex);
        return string.Create(Prefix.Length + Length, randomIndex, static (span, next) =>
        {
            Prefix.AsSpan().CopyTo(span);
            for (var i = Prefix.Length; i < span.Length; i++)
            {
                var index = next(Alphabet.Length);
                if ((uint)index >= (uint)Alphabet.Length)
                    throw new ArgumentOutOfRangeException(nameof(randomIndex), index, "Index outside the alphabet.");
                span[i] = Alphabet[index];
            }
        });
    }

    public static bool IsValid(string? code) =>
        code is { Length: 10 }
        && code.StartsWith(Prefix, StringComparison.Ordinal)
        && code.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
