using CaseManagement.Domain.Statistics;

namespace CaseManagement.Domain.Tests;

public class DisclosureControlTests
{
    [TestCase(0, 0)]
    [TestCase(1, null)]
    [TestCase(4, null)]
    [TestCase(5, 5)]
    [TestCase(7, 5)]
    [TestCase(8, 10)]
    [TestCase(12, 10)]
    [TestCase(13, 15)]
    public void Counts_under_k_are_suppressed_and_the_rest_rounded_to_a_multiple_of_k(int count, int? published) =>
        Assert.That(DisclosureControl.Publish(count, 5), Is.EqualTo(published));

    [Test]
    public void The_difference_of_two_published_counts_never_recovers_a_count_under_k()
    {
        for (var a = 0; a < 200; a++)
        {
            for (var b = a; b < 200; b++)
            {
                if (DisclosureControl.Publish(a, 5) is { } pa && DisclosureControl.Publish(b, 5) is { } pb)
                {
                    Assert.That((pb - pa) % 5, Is.Zero, $"{a} {b}");
                }
            }
        }
    }

    [TestCase("2025-03-01", "2025-03-31", DisclosureControl.PeriodProblem.None)]
    [TestCase("2025-02-01", "2025-02-28", DisclosureControl.PeriodProblem.None)]
    [TestCase("2025-01-01", "2025-12-31", DisclosureControl.PeriodProblem.None)]
    [TestCase("2025-03-01", "2025-03-01", DisclosureControl.PeriodProblem.TooShort)]
    [TestCase("2025-03-01", "2025-03-30", DisclosureControl.PeriodProblem.TooShort)]
    [TestCase("2025-03-15", "2025-04-14", DisclosureControl.PeriodProblem.NotWholeMonths)]
    [TestCase("2025-03-01", "2025-04-30", DisclosureControl.PeriodProblem.None)]
    [TestCase("2025-03-02", "2025-05-31", DisclosureControl.PeriodProblem.NotWholeMonths)]
    public void A_period_is_whole_calendar_months(string from, string to, DisclosureControl.PeriodProblem expected) =>
        Assert.That(DisclosureControl.CheckPeriod(DateOnly.Parse(from), DateOnly.Parse(to)), Is.EqualTo(expected));

    [Test]
    public void A_lone_suppressed_cell_takes_the_smallest_published_one_with_it()
    {
        Assert.That(DisclosureControl.Complement([null, 10, 5, 0], [3, 11, 6, 0]), Is.EqualTo(new[] { 2 }));
        Assert.That(DisclosureControl.Complement([null, null, 5], [3, 2, 6]), Is.Empty);
        Assert.That(DisclosureControl.Complement([5, 10], [6, 11]), Is.Empty);
    }
}
