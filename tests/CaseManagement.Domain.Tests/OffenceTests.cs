using CaseManagement.Domain.Offences;

namespace CaseManagement.Domain.Tests;

public class OffenceTests
{
    // DOMAIN.md's table, row by row: code, top of the frame, life/death, category as the table states it.
    [TestCase("BLHS-141-1", 7, false, "serious")]
    [TestCase("BLHS-141-2", 15, false, "very-serious")]
    [TestCase("BLHS-142-1", 15, false, "very-serious")]
    [TestCase("BLHS-142-2", 20, false, "especially-serious")]
    [TestCase("BLHS-142-3", 20, true, "especially-serious")]
    [TestCase("BLHS-143-1", 5, false, "serious")]
    [TestCase("BLHS-143-2", 10, false, "very-serious")]
    [TestCase("BLHS-143-3", 18, false, "especially-serious")]
    [TestCase("BLHS-144-1", 10, false, "very-serious")]
    [TestCase("BLHS-144-2", 15, false, "very-serious")]
    [TestCase("BLHS-144-3", 20, true, "especially-serious")]
    [TestCase("BLHS-145-1", 5, false, "serious")]
    [TestCase("BLHS-145-2", 10, false, "very-serious")]
    [TestCase("BLHS-145-3", 15, false, "very-serious")]
    [TestCase("BLHS-146-1", 3, false, "less-serious")]
    [TestCase("BLHS-146-2", 7, false, "serious")]
    [TestCase("BLHS-146-3", 12, false, "very-serious")]
    [TestCase("BLHS-147-1", 3, false, "less-serious")]
    [TestCase("BLHS-147-2", 7, false, "serious")]
    [TestCase("BLHS-147-3", 12, false, "very-serious")]
    public void Catalogue_offence_has_the_frame_and_category_of_the_law(string code, int maxYears, bool lifeOrDeath, string category)
    {
        Assert.That(OffenceCatalogue.Default.TryGet(code, out var offence), Is.True, code);
        Assert.That(offence.MaxPenaltyYears, Is.EqualTo((decimal)maxYears));
        Assert.That(offence.LifeOrDeath, Is.EqualTo(lifeOrDeath));
        Assert.That(Wire.Name(offence.Category), Is.EqualTo(category));
        Assert.That(OffenceCode.TryParse(code, out var article, out var clause), Is.True);
        Assert.That((offence.Article, offence.Clause), Is.EqualTo((article, clause)));
        Assert.That(offence.Title, Does.StartWith("Tội "));
    }

    [Test]
    public void Catalogue_holds_exactly_the_twenty_clauses_of_the_table()
    {
        Assert.That(OffenceCatalogue.Default.All, Has.Count.EqualTo(20));
        Assert.That(OffenceCatalogue.Default.TryGet("BLHS-141-3", out _), Is.False, "Art. 141 has no clause 3 in the table");
        Assert.That(OffenceCatalogue.Default.All.Select(o => o.Code), Is.Unique);
    }

    [Test]
    public void Only_clause_1_of_141_and_143_may_be_withdrawn_by_the_victim()
    {
        var withdrawable = OffenceCatalogue.Default.All.Where(o => o.VictimMayWithdraw).Select(o => o.Code);
        Assert.That(withdrawable, Is.EquivalentTo(new[] { "BLHS-141-1", "BLHS-143-1" }));
    }

    [TestCase(141, "Tội hiếp dâm")]
    [TestCase(142, "Tội hiếp dâm người dưới 16 tuổi")]
    [TestCase(143, "Tội cưỡng dâm")]
    [TestCase(146, "Tội dâm ô đối với người dưới 16 tuổi")]
    public void Titles_are_the_Vietnamese_names_of_the_articles(int article, string title)
    {
        Assert.That(OffenceCatalogue.Default.All.Where(o => o.Article == article).Select(o => o.Title), Has.All.EqualTo(title));
    }

    [TestCase(0, false, OffenceCategory.LessSerious)]
    [TestCase(3, false, OffenceCategory.LessSerious)]
    [TestCase(3.01, false, OffenceCategory.Serious)]
    [TestCase(7, false, OffenceCategory.Serious)]
    [TestCase(7.01, false, OffenceCategory.VerySerious)]
    [TestCase(15, false, OffenceCategory.VerySerious)]
    [TestCase(15.01, false, OffenceCategory.EspeciallySerious)]
    [TestCase(3, true, OffenceCategory.EspeciallySerious)]
    public void Category_boundaries_follow_Art_9(double maxYears, bool lifeOrDeath, OffenceCategory expected)
    {
        Assert.That(OffenceClassification.CategoryFor((decimal)maxYears, lifeOrDeath), Is.EqualTo(expected));
    }

    [Test]
    public void Negative_frame_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OffenceClassification.CategoryFor(-1m, false));
    }

    [TestCase(new[] { "BLHS-146-1" }, OffenceCategory.LessSerious)]
    [TestCase(new[] { "BLHS-146-1", "BLHS-141-1" }, OffenceCategory.Serious)]
    [TestCase(new[] { "BLHS-145-3", "BLHS-142-3", "BLHS-146-2" }, OffenceCategory.EspeciallySerious)]
    [TestCase(new[] { "BLHS-147-3", "BLHS-147-1" }, OffenceCategory.VerySerious)]
    public void Gravest_offence_gives_the_case_category(string[] codes, OffenceCategory expected)
    {
        var offences = codes.Select(c => OffenceCatalogue.Default.TryGet(c, out var o) ? o : throw new AssertionException(c));
        Assert.That(OffenceClassification.Gravest(offences), Is.EqualTo(expected));
    }

    [Test]
    public void No_offence_has_no_category()
    {
        Assert.That(OffenceClassification.Gravest([]), Is.Null);
    }

    [TestCase("BLHS-142-1", 142, 1)]
    [TestCase("BLHS-9-12", 9, 12)]
    public void Codes_parse(string code, int article, int clause)
    {
        Assert.That(OffenceCode.TryParse(code, out var a, out var c), Is.True);
        Assert.That((a, c), Is.EqualTo((article, clause)));
        Assert.That(OffenceCode.Format(a, c), Is.EqualTo(code));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("BLHS-142")]
    [TestCase("BLHS-142-1-a")]
    [TestCase("blhs-142-1")]
    [TestCase("BLHS-0142-1")]
    [TestCase("BLHS-142-0")]
    [TestCase("BLHS-+142-1")]
    [TestCase("BLHS- 142-1")]
    [TestCase("BLTTHS-142-1")]
    [TestCase("BLHS-١٤٢-1")]
    public void Non_canonical_codes_do_not_parse(string? code)
    {
        Assert.That(OffenceCode.TryParse(code, out _, out _), Is.False);
    }
}
