using CaseManagement.Domain.Offences;
using CaseManagement.Domain.Policies;

namespace CaseManagement.Domain.Tests;

public class PolicyTests
{
    private static readonly Policy Law = PolicyBook.Default.For(new DateOnly(2026, 1, 1));

    [Test]
    public void Default_book_has_the_2025_07_01_version()
    {
        Assert.That(PolicyBook.Default.Versions.Select(p => p.Version), Is.EqualTo(new[] { "2025-07-01" }));
        Assert.That(Law.EffectiveFrom, Is.EqualTo(new DateOnly(2025, 7, 1)));
    }

    [Test]
    public void Default_numbers_are_those_of_the_law()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Law.VerificationBase, Is.EqualTo(StatutoryPeriod.OfDays(20)));
            Assert.That(Law.VerificationMaxTotal, Is.EqualTo(StatutoryPeriod.OfMonths(2)));
            Assert.That(Law.VerificationProcuracyExtra, Is.EqualTo(StatutoryPeriod.OfMonths(2)));
            Assert.That(Law.InvestigationExtensionLeadDays, Is.EqualTo(10));
            Assert.That(Law.SupplementaryByProcuracy, Is.EqualTo(StatutoryPeriod.OfMonths(2)));
            Assert.That(Law.SupplementaryByCourt, Is.EqualTo(StatutoryPeriod.OfMonths(1)));
            Assert.That(Law.MaxReturnsByProcuracy, Is.EqualTo(2));
            Assert.That(Law.MaxReturnsByCourt, Is.EqualTo(1));
            Assert.That(Law.OpeningTrial, Is.EqualTo(StatutoryPeriod.OfDays(15)));
            Assert.That(Law.AppealWindow, Is.EqualTo(StatutoryPeriod.OfDays(15)));
            Assert.That(Law.ProtestWindowSameLevel, Is.EqualTo(StatutoryPeriod.OfDays(15)));
            Assert.That(Law.ProtestWindowHigher, Is.EqualTo(StatutoryPeriod.OfDays(30)));
            Assert.That(Law.OpeningTrialForceMajeure, Is.EqualTo(StatutoryPeriod.OfDays(30)));
            Assert.That(Law.VerificationResumed, Is.EqualTo(StatutoryPeriod.OfMonths(1)));
            Assert.That(Law.MaxReturnsByTrialPanel, Is.EqualTo(1));
            Assert.That(Law.InterviewMaxSessionsPerDay, Is.EqualTo(2));
            Assert.That(Law.InterviewMaxSessionMinutes, Is.EqualTo(120));
            Assert.That(Law.InterviewMinSupportPersons, Is.EqualTo(1));
            Assert.That(Law.StatisticsSuppressionThreshold, Is.EqualTo(5));
        });
    }

    // category, investigation base and maximum (months), prosecution decision and its extension (days), trial preparation (months, days) and its extension (days)
    [TestCase(OffenceCategory.LessSerious, 2, 4, 20, 10, 0, 30, 15)]
    [TestCase(OffenceCategory.Serious, 3, 8, 20, 10, 0, 45, 15)]
    [TestCase(OffenceCategory.VerySerious, 4, 12, 30, 15, 2, 0, 30)]
    [TestCase(OffenceCategory.EspeciallySerious, 4, 20, 30, 30, 3, 0, 30)]
    public void Per_category_frames(OffenceCategory category, int invBaseMonths, int invMaxMonths, int prosecutionDays,
        int prosecutionExt, int trialMonths, int trialDays, int trialExt)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Law.InvestigationBase.For(category), Is.EqualTo(StatutoryPeriod.OfMonths(invBaseMonths)));
            // CPC 172(2)-(3): the base plus every extension (and the Procurator General's) is the maximum.
            var pg = category == OffenceCategory.EspeciallySerious ? Law.ProcuratorGeneralExtension!.Value.Months : 0;
            Assert.That(invBaseMonths + Law.InvestigationExtensions.For(category).Sum(p => p.Months) + pg, Is.EqualTo(invMaxMonths));
            Assert.That(Law.ProsecutionDecision.For(category), Is.EqualTo(StatutoryPeriod.OfDays(prosecutionDays)));
            Assert.That(Law.ProsecutionDecisionExtensionDays.For(category), Is.EqualTo(prosecutionExt));
            Assert.That(Law.TrialPreparation.For(category), Is.EqualTo(new StatutoryPeriod(trialMonths, trialDays)));
            Assert.That(Law.TrialPreparationExtensionDays.For(category), Is.EqualTo(trialExt));
        });
    }

    [TestCase("2025-12-31", "2025-07-01")]
    [TestCase("2026-01-01", "2026-01-01")]
    [TestCase("2026-06-30", "2026-01-01")]
    [TestCase("2026-07-01", "2026-07-01")]
    [TestCase("2030-01-01", "2026-07-01")]
    [TestCase("2024-01-01", "2025-07-01")]
    public void Book_picks_the_version_in_force_on_the_date(string date, string expectedVersion)
    {
        var book = new PolicyBook(
        [
            new Policy { Version = "2026-07-01", EffectiveFrom = new DateOnly(2026, 7, 1) },
            new Policy { Version = "2025-07-01", EffectiveFrom = new DateOnly(2025, 7, 1) },
            new Policy { Version = "2026-01-01", EffectiveFrom = new DateOnly(2026, 1, 1), InterviewMaxSessionsPerDay = 1 },
        ]);
        Assert.That(book.For(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Version,
            Is.EqualTo(expectedVersion));
    }

    [Test]
    public void Book_rejects_two_versions_on_one_date_and_an_empty_book()
    {
        var day = new DateOnly(2026, 1, 1);
        Assert.Throws<ArgumentException>(() => _ = new PolicyBook(
            [new Policy { Version = "a", EffectiveFrom = day }, new Policy { Version = "b", EffectiveFrom = day }]));
        Assert.Throws<ArgumentException>(() => _ = new PolicyBook([]));
    }

    [TestCase("2026-01-31", 1, 0, "2026-02-28")]
    [TestCase("2028-01-31", 1, 0, "2028-02-29")]
    [TestCase("2026-01-01", 0, 20, "2026-01-21")]
    [TestCase("2026-12-15", 2, 0, "2027-02-15")]
    public void Periods_add_calendar_months_and_days(string start, int months, int days, string expected)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        Assert.That(new StatutoryPeriod(months, days).AddTo(DateOnly.ParseExact(start, "yyyy-MM-dd", ci)),
            Is.EqualTo(DateOnly.ParseExact(expected, "yyyy-MM-dd", ci)));
    }
}
