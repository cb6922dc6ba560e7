namespace CaseManagement.Domain.Time;

/// <summary>
/// Saturdays, Sundays and public holidays (with the government's yearly schedule of days off), from reference data.
/// A Saturday or Sunday the schedule makes a working day (a swapped day) is not a rest day.
/// </summary>
public sealed class RestDays
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> workingWeekendDays;
    private readonly HashSet<int> years;

    public RestDays(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly>? workingWeekendDays = null, IEnumerable<int>? coveredYears = null)
    {
        this.holidays = holidays.ToHashSet();
        this.workingWeekendDays = (workingWeekendDays ?? []).ToHashSet();
        years = (coveredYears ?? this.holidays.Select(d => d.Year)).ToHashSet();
    }

    /// <summary>Weekends only: what the service falls back to for a year without holiday data.</summary>
    public static RestDays WeekendsOnly { get; } = new([]);

    public IReadOnlySet<int> CoveredYears => years;

    public bool Covers(int year) => years.Contains(year);

    public bool IsRestDay(DateOnly day) =>
        holidays.Contains(day)
        || (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !workingWeekendDays.Contains(day));

    /// <summary>
    /// CPC Art. 134(1): a period that ends on a rest day ends on the next working day. Not for custody and detention,
    /// which end on the day written in the order (this service keeps no custody clocks).
    /// </summary>
    public DateOnly EndOfPeriod(DateOnly lastDay)
    {
        var day = lastDay;
        // A bound, not a rule: no run of rest days is longer than a month.
        for (var i = 0; i < 31 && IsRestDay(day); i++)
        {
            day = day.AddDays(1);
        }
        return day;
    }
}
