using CaseManagement.Domain.Time;

namespace CaseManagement.Domain.Tests;

public class HanoiCalendarTests
{
    [TestCase("2026-03-01T16:59:59Z", "2026-03-01")]
    [TestCase("2026-03-01T17:00:00Z", "2026-03-02")]
    [TestCase("2026-03-01T00:00:00Z", "2026-03-01")]
    [TestCase("2025-12-31T17:00:00Z", "2026-01-01")]
    [TestCase("2026-03-02T06:00:00+07:00", "2026-03-02")]
    public void Local_date_is_the_Hanoi_calendar_day(string instant, string expected)
    {
        Assert.That(HanoiCalendar.ToLocalDate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Start_of_a_local_day_is_17h_UTC_the_day_before()
    {
        var start = HanoiCalendar.StartOfLocalDay(new DateOnly(2026, 1, 1));
        Assert.That(start, Is.EqualTo(new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero)));
        Assert.That(start.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Zone_is_UTC_plus_7()
    {
        Assert.That(HanoiCalendar.Zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(TimeSpan.FromHours(7)));
    }

    [TestCase("2026-01-01", "2026-01-21", 20)]
    [TestCase("2026-02-28", "2026-03-01", 1)]
    [TestCase("2028-02-28", "2028-03-01", 2)]
    [TestCase("2026-03-10", "2026-03-01", -9)]
    public void Days_between_counts_calendar_days(string from, string to, int days)
    {
        Assert.That(HanoiCalendar.DaysBetween(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(days));
    }
}
