using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Clocks;

/// <summary>db/seed/holidays.json: every year names its source, and a complete year carries Tết and the fixed holidays.</summary>
public sealed class HolidaySeedTests
{
    private static JsonArray Years() =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Of("db", "seed", "holidays.json")))!.AsArray();

    [Test]
    public void Every_year_names_its_source_and_its_days_belong_to_it()
    {
        foreach (var year in Years())
        {
            var y = (int)year!["year"]!;
            Assert.That(((string?)year["source"])?.Length, Is.GreaterThan(20), $"{y}: the source of its days off");
            var days = year["days"]!.AsArray().Concat(year["workingDays"]!.AsArray()).Select(d => DateOnly.Parse((string)d!["date"]!)).ToList();
            Assert.That(days, Has.All.Matches<DateOnly>(d => d.Year == y), $"{y}: days of another year");
            Assert.That(days, Is.Unique, $"{y}");
        }
    }

    // Labour Code 2019, Art. 112: 1 January, 30 April, 1 May and 2 September are holidays every year.
    [Test]
    public void A_complete_year_has_the_fixed_holidays_and_five_days_of_Tet()
    {
        foreach (var year in Years().Where(y => (bool)y!["complete"]!))
        {
            var y = (int)year!["year"]!;
            var days = year["days"]!.AsArray().Select(d => ((string)d!["date"]!, (string)d["name"]!)).ToList();
            Assert.Multiple(() =>
            {
                foreach (var fixedDay in new[] { $"{y}-01-01", $"{y}-04-30", $"{y}-05-01", $"{y}-09-02" })
                {
                    Assert.That(days.Select(d => d.Item1), Does.Contain(fixedDay), $"{y}");
                }
                Assert.That(days.Count(d => d.Item2.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(5), $"{y}: Tết");
            });
        }
    }
}
