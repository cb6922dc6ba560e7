namespace CaseManagement.Domain.Policies;

public sealed class PolicyBook
{
    private readonly Policy[] byDate;

    public PolicyBook(IEnumerable<Policy> policies)
    {
        byDate = policies.OrderBy(p => p.EffectiveFrom).ToArray();
        if (byDate.Length == 0)
            throw new ArgumentException("A policy book needs at least one policy.", nameof(policies));
        var duplicate = byDate.GroupBy(p => p.EffectiveFrom).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two policies take effect on {duplicate.Key:yyyy-MM-dd}.", nameof(policies));
    }

    public IReadOnlyList<Policy> Versions => byDate;

    // The rule in force on a date is the latest one that had taken effect by then.
    public Policy For(DateOnly date)
    {
        for (var i = byDate.Length - 1; i >= 0; i--)
        {
            if (byDate[i].EffectiveFrom <= date)
                return byDate[i];
        }
        // Older cases (filed before the book's first version) are measured by the earliest version rather than
        // failing: the book starts where the system's rules were first written down.
        return byDate[0];
    }

    public bool IsCovered(DateOnly date) => byDate[0].EffectiveFrom <= date;

    public static Policy DefaultPolicy { get; } = new() { Version = "2025-07-01", EffectiveFrom = new DateOnly(2025, 7, 1) };

    public static PolicyBook Default { get; } = new([DefaultPolicy]);
}
