using CaseManagement.Domain.Cases;

namespace CaseManagement.Domain.Tests;

public class CaseNumberTests
{
    [TestCase(2026, 123, "HN-2026-000123")]
    [TestCase(2026, 1, "HN-2026-000001")]
    [TestCase(2025, 999999, "HN-2025-999999")]
    [TestCase(2027, 1234567, "HN-2027-1234567")]
    public void Formats_and_parses_back(int year, long sequence, string number)
    {
        Assert.That(CaseNumber.Format(year, sequence), Is.EqualTo(number));
        Assert.That(CaseNumber.TryParse(number, out var y, out var s), Is.True);
        Assert.That((y, s), Is.EqualTo((year, sequence)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("HN-2026-123")]
    [TestCase("HN-2026-0000123")]
    [TestCase("HN-2026-000000")]
    [TestCase("hn-2026-000123")]
    [TestCase("HCM-2026-000123")]
    [TestCase("HN-26-000123")]
    [TestCase("HN-2026-000123 ")]
    [TestCase("HN-2026-00012a")]
    [TestCase("HN-0999-000123")]
    public void Rejects_anything_but_the_canonical_number(string? number)
    {
        Assert.That(CaseNumber.TryParse(number, out _, out _), Is.False);
    }

    [TestCase(999, 1)]
    [TestCase(10000, 1)]
    [TestCase(2026, 0)]
    [TestCase(2026, -5)]
    public void Refuses_to_format_impossible_numbers(int year, long sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseNumber.Format(year, sequence));
    }
}
