namespace CaseManagement.Domain.Policies;

// The law counts some frames in months and some in days; a month is a calendar month, not 30 days.
public readonly record struct StatutoryPeriod(int Months, int Days)
{
    public static StatutoryPeriod OfDays(int days) => new(0, days);

    public static StatutoryPeriod OfMonths(int months) => new(months, 0);

    public DateOnly AddTo(DateOnly start) => start.AddMonths(Months).AddDays(Days);

    public override string ToString() => Months == 0 ? $"{Days} days" : Days == 0 ? $"{Months} months" : $"{Months} months {Days} days";
}

// One value per offence category, so a table row of the law reads as one line.
public sealed record PerCategory<T>(T LessSerious, T Serious, T VerySerious, T EspeciallySerious)
{
    public T For(Offences.OffenceCategory category) => category switch
    {
        Offences.OffenceCategory.LessSerious => LessSerious,
        Offences.OffenceCategory.Serious => Serious,
        Offences.OffenceCategory.VerySerious => VerySerious,
        Offences.OffenceCategory.EspeciallySerious => EspeciallySerious,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a defined category."),
    };
}
