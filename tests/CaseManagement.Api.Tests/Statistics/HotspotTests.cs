using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Statistics;

/// <summary>Hot spots: communes ranked by reports, the change from the period before, rising across two periods flagged.</summary>
public sealed class HotspotTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        var client = _factory.ClientFor(Users.Investigator);
        async Task Reports(string ward, DateOnly start, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var body = Infrastructure.Reports.Valid();
                body["incidentWardCode"] = ward;
                body["receivedAt"] = $"{start.AddDays(i):yyyy-MM-dd}T03:00:00Z";
                body.Remove("incidentDate");
                await Infrastructure.Reports.Create(client, body);
            }
        }
        // Periods of two months: 2026-03-01..04-30, 2026-05-01..06-30, 2026-07-01..08-31 (the one asked for).
        var (before, previous, now) = (new DateOnly(2026, 3, 10), new DateOnly(2026, 5, 10), new DateOnly(2026, 7, 10));
        await Reports("00070", before, 5);
        await Reports("00070", previous, 6);
        await Reports("00070", now, 7);
        await Reports("00004", before, 6);
        await Reports("00004", previous, 5);
        await Reports("00004", now, 8);
        await Reports("00008", now, 2);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task Communes_are_ranked_by_reports_with_the_change_and_a_rise_across_two_periods_is_flagged()
    {
        var report = await (await _factory.ClientFor(Users.ProsecutorCity).GetAsync("/api/v1/statistics/hotspots?from=2026-07-01&to=2026-08-31"))
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(((string)report["previousFrom"]!, (string)report["previousTo"]!), Is.EqualTo(("2026-05-01", "2026-06-30")));
        var items = report["items"]!.AsArray().Select(i => (
            Rank: (int)i!["rank"]!, Ward: (string)i["wardCode"]!, Reports: (int?)i["reports"]!["value"], Suppressed: (bool)i["reports"]!["suppressed"]!,
            Change: (int?)i["change"], Rising: (bool)i["rising"]!)).ToList();
        Assert.That(items, Is.EqualTo(new[]
        {
            // Published counts are rounded to a multiple of k = 5, and so is the change between them.
            (1, "00004", (int?)10, false, (int?)5, false), // 6 → 5 → 8 (published 10): up, but not across two periods
            (2, "00070", (int?)5, false, (int?)0, true),   // 5 → 6 → 7 (published 5, 5, 5): rising, from the true counts
            (3, "00008", (int?)null, true, (int?)null, false), // 2: suppressed, last, no change published
        }));
    }

    [Test]
    public async Task Investigators_and_judges_do_not_see_hot_spots()
    {
        await (await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/statistics/hotspots?from=2026-07-01&to=2026-08-31"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.ProsecutorCity).GetAsync("/api/v1/statistics/hotspots?from=2026-09-01&to=2026-07-01"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
    }
}
