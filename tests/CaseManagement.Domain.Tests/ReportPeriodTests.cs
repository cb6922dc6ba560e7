using CaseManagement.Domain.Statistics;

namespace CaseManagement.Domain.Tests;

public class ReportPeriodTests
{
    [TestCase("2026-H1", "2026-01-01", "2026-06-30")]
    [TestCase("2026-H2", "2026-07-01", "2026-12-31")]
    [TestCase("2026", "2026-01-01", "2026-12-31")]
    [TestCase("2026-01..2026-03", "2026-01-01", "2026-03-31")]
    [TestCase("2024-02", "2024-02-01", "2024-02-29")]
    [TestCase("2025-11..2026-02", "2025-11-01", "2026-02-28")]
    public void Periods_of_the_report(string text, string from, string to)
    {
        var period = ReportPeriod.Parse(text)!;
        Assert.That((period.From, period.To), Is.EqualTo((DateOnly.Parse(from), DateOnly.Parse(to))));
    }

    [TestCase("2026-H3")]
    [TestCase("2026-03..2026-01")]
    [TestCase("2026-13")]
    [TestCase("1999")]
    [TestCase("2020-01..2026-01")]
    [TestCase("H1-2026")]
    [TestCase("")]
    public void Not_a_period(string text) => Assert.That(ReportPeriod.Parse(text), Is.Null);

    [Test]
    public void The_previous_period_has_the_same_months()
    {
        var previous = ReportPeriod.Parse("2026-H1")!.Previous();
        Assert.That((previous.From, previous.To), Is.EqualTo((new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31))));
        Assert.That(ReportPeriod.Parse("2026-01..2026-03")!.MonthStarts(), Has.Count.EqualTo(3));
    }
}
