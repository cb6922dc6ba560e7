namespace CaseManagement.Domain.Cases;

// Age bands follow the thresholds of the offences (under 13, 13-15, 16-17) and are all statistics may show.
public static class AgeBand
{
    public const string Under13 = "under-13";
    public const string From13To15 = "13-15";
    public const string From16To17 = "16-17";
    public const string Adult = "18-plus";

    public static IReadOnlyList<string> All { get; } = [Under13, From13To15, From16To17, Adult];

    // Whole years. A 29 February birthday is reached on 1 March in other years: the child is not yet a year older
    // until 29 February has fully passed, which keeps the protection of the younger age to the last day.
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        if (on < dateOfBirth)
            throw new ArgumentOutOfRangeException(nameof(on), "The date is before the date of birth.");
        var age = on.Year - dateOfBirth.Year;
        if ((on.Month, on.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0)
            age--;
        return age;
    }

    public static string BandFor(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return age switch
        {
            < 13 => Under13,
            < 16 => From13To15,
            < 18 => From16To17,
            _ => Adult,
        };
    }
}
