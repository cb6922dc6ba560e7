using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Security;

/// <summary>
/// An attacker with statistics access tries to single out one case: a one-day query, and the subtraction of published
/// figures across overlapping periods, scopes and groupings. Data: Hoàn Kiếm receives six reports in January 2025 and
/// one in February; Cầu Giấy one in February. Every report is in ward HN-W-001.
/// </summary>
public sealed class StatisticsDisclosureTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        var hoanKiem = _factory.ClientFor(Users.Investigator);
        foreach (var day in new[] { 3, 6, 9, 12, 15, 18 })
        {
            await Report(hoanKiem, new DateOnly(2025, 1, day));
        }
        await Report(hoanKiem, new DateOnly(2025, 2, 10));
        await Report(_factory.ClientFor(Users.InvestigatorCauGiay), new DateOnly(2025, 2, 11));
    }

    private static async Task Report(HttpClient client, DateOnly on)
    {
        var body = Reports.Valid();
        body["receivedAt"] = $"{on:yyyy-MM-dd}T03:00:00Z";
        body["incidentDate"] = on.AddDays(-1).ToString("yyyy-MM-dd");
        body["incidentWardCode"] = "HN-W-001";
        await Reports.Create(client, body);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<JsonArray> Groups(TestUser user, string query)
    {
        var response = await _factory.ClientFor(user).GetAsync($"/api/v1/statistics?{query}");
        return (await response.ShouldBe(HttpStatusCode.OK))["groups"]!.AsArray();
    }

    [Test]
    public async Task A_one_day_query_is_refused_and_a_month_names_no_group_under_k()
    {
        await (await _factory.ClientFor(Users.Admin).GetAsync("/api/v1/statistics?from=2025-02-11&to=2025-02-11&groupBy=unit"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "statistics.period-too-short");

        foreach (var groupBy in new[] { "unit", "ward", "offence", "relationship", "age-band", "gender" })
        {
            var february = await Groups(Users.Admin, $"from=2025-02-01&to=2025-02-28&groupBy={groupBy}");
            Assert.That(february.Select(g => (string?)g!["group"]), Is.EqualTo(new[] { "other" }), groupBy);
            Assert.That((bool?)february[0]!["reports"]!["suppressed"], Is.True, $"{groupBy}: two cases are not published");
        }
    }

    /// <summary>Every published count, keyed by the question that produced it.</summary>
    private async Task<Dictionary<string, int>> PublishedReports(TestUser user, string period, string groupBy)
    {
        var result = new Dictionary<string, int>();
        foreach (var group in await Groups(user, $"{period}&groupBy={groupBy}"))
        {
            if ((bool)group!["reports"]!["suppressed"]! is false)
            {
                result[(string)group["group"]!] = (int)group["reports"]!["value"]!;
            }
        }
        return result;
    }

    [Test]
    public async Task Subtracting_published_figures_across_overlapping_periods_scopes_and_groupings_never_recovers_a_suppressed_count()
    {
        // Suppressed: February alone (Hoàn Kiếm 1, Cầu Giấy 1). The attacker's way in is subtraction.
        var january = "from=2025-01-01&to=2025-01-31";
        var januaryToFebruary = "from=2025-01-01&to=2025-02-28";
        var answers = new List<(string Question, int Value)>();
        foreach (var user in new[] { Users.Admin, Users.SupervisorCity, Users.Supervisor, Users.ProsecutorCity, Users.ProsecutorKv1 })
        {
            foreach (var period in new[] { january, januaryToFebruary })
            {
                foreach (var groupBy in new[] { "unit", "ward", "relationship" })
                {
                    var published = await PublishedReports(user, period, groupBy);
                    foreach (var (group, value) in published)
                    {
                        answers.Add(($"{user.Sub} {period} {groupBy} {group}", value));
                    }
                    answers.Add(($"{user.Sub} {period} {groupBy} total", published.Values.Sum()));
                }
            }
        }
        // Without protection: January 6 and January–February 7 for Hoàn Kiếm; ward HN-W-001 over the city 8 against 7 for
        // Hoàn Kiếm alone: each difference is a single February case.
        Assert.That(answers.Select(a => a.Value), Has.Some.GreaterThan(0), "the attack has figures to work with");
        var differences = from a in answers from b in answers select (a, b, Difference: a.Value - b.Value);
        var revealing = differences.Where(d => d.Difference is > 0 and < 5).Select(d => $"{d.a.Question} - {d.b.Question} = {d.Difference}").ToList();
        Assert.That(revealing, Is.Empty, "no difference of published figures is a count under k");
    }
}
