using CaseManagement.Domain.Cases;

namespace CaseManagement.Domain.Tests;

public class AgeBandTests
{
    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("2010-06-15", "2023-06-14", 12, "under-13")]
    [TestCase("2010-06-15", "2023-06-15", 13, "13-15")]
    [TestCase("2010-06-15", "2026-06-14", 15, "13-15")]
    [TestCase("2010-06-15", "2026-06-15", 16, "16-17")]
    [TestCase("2010-06-15", "2028-06-14", 17, "16-17")]
    [TestCase("2010-06-15", "2028-06-15", 18, "18-plus")]
    [TestCase("2020-01-01", "2020-01-01", 0, "under-13")]
    [TestCase("2012-12-31", "2025-12-31", 13, "13-15")]
    [TestCase("2012-12-31", "2025-12-30", 12, "under-13")]
    public void Age_and_band_change_on_the_birthday(string dob, string on, int age, string band)
    {
        Assert.That(AgeBand.AgeOn(D(dob), D(on)), Is.EqualTo(age));
        Assert.That(AgeBand.BandFor(age), Is.EqualTo(band));
    }

    // Born 29 Feb: in a non-leap year the birthday is reached on 1 March, in a leap year on 29 February.
    [TestCase("2012-02-29", "2025-02-28", 12)]
    [TestCase("2012-02-29", "2025-03-01", 13)]
    [TestCase("2012-02-29", "2028-02-28", 15)]
    [TestCase("2012-02-29", "2028-02-29", 16)]
    [TestCase("2012-02-29", "2013-02-28", 0)]
    [TestCase("2012-02-29", "2013-03-01", 1)]
    public void Leap_day_birthdays(string dob, string on, int age)
    {
        Assert.That(AgeBand.AgeOn(D(dob), D(on)), Is.EqualTo(age));
    }

    [Test]
    public void A_date_before_birth_has_no_age()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AgeBand.AgeOn(D("2020-01-02"), D("2020-01-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => AgeBand.BandFor(-1));
    }

    [TestCase(12, "under-13")]
    [TestCase(13, "13-15")]
    [TestCase(15, "13-15")]
    [TestCase(16, "16-17")]
    [TestCase(17, "16-17")]
    [TestCase(18, "18-plus")]
    [TestCase(90, "18-plus")]
    public void Band_boundaries(int age, string band)
    {
        Assert.That(AgeBand.BandFor(age), Is.EqualTo(band));
    }

    [Test]
    public void All_bands_in_order()
    {
        Assert.That(AgeBand.All, Is.EqualTo(new[] { "under-13", "13-15", "16-17", "18-plus" }));
    }
}
