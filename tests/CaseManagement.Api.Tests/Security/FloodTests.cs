using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Dapper;

namespace CaseManagement.Api.Tests.Security;

/// <summary>A flood costs the attacker more than the service, and still leaves a trace an auditor can read.</summary>
public sealed class FloodTests
{
    private static ApiFactory Factory() => new(new Dictionary<string, string?>
    {
        ["RateLimits:PerAddressBurst"] = "200",
        ["RateLimits:PerAddressPerSecond"] = "50",
        ["AccessLog:RefusalsLoggedIndividually"] = "10",
        ["AccessLog:RefusalWindow"] = "00:00:02",
        ["Audit:SealInterval"] = "00:00:00.2",
    });

    [Test]
    public async Task A_thousand_anonymous_requests_add_a_bounded_number_of_rows_that_still_account_for_every_one()
    {
        using var factory = Factory();
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        using var db = factory.OpenDatabase();
        var before = await db.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM access_log");

        var anonymous = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1000; i++)
        {
            statuses.Add((await anonymous.GetAsync($"/api/v1/cases/{caseId}/status")).StatusCode);
        }
        Assert.That(statuses.Distinct(), Is.SubsetOf(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.TooManyRequests), "the per-address limit ran before authentication");

        // The window's summaries are written when it ends.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long accounted = 0;
        List<(long Seq, string Action, string? ResourceId, long Status)> rows = [];
        while (DateTime.UtcNow < deadline)
        {
            rows = (await db.QueryAsync<(long Seq, string Action, string? ResourceId, long Status)>(
                "SELECT seq AS Seq, action AS Action, resource_id AS ResourceId, status_code AS Status FROM access_log WHERE seq > @S AND actor_id IS NULL",
                new { S = before })).ToList();
            accounted = rows.Sum(r => r.Action == "access.refused-summary" ? long.Parse(r.ResourceId!) : 1);
            if (accounted >= 1000)
            {
                break;
            }
            await Task.Delay(200);
        }
        Assert.That(accounted, Is.EqualTo(1000), "every refused request is counted, individually or in a summary");
        Assert.That(rows, Has.Count.LessThanOrEqualTo(40), "a bounded number of rows, not one per request");
        var summaries = rows.Where(r => r.Action == "access.refused-summary").ToList();
        Assert.That(summaries, Is.Not.Empty);
        foreach (var summary in summaries)
        {
            var cases = (await db.QueryAsync<string>("SELECT case_id FROM access_log_cases WHERE seq = @S", new { S = summary.Seq })).ToList();
            Assert.That(cases, Is.EqualTo(new[] { caseId }), "the summary names the case the refused requests asked for");
            var purpose = await db.ExecuteScalarAsync<string>("SELECT purpose FROM access_log WHERE seq = @S", new { S = summary.Seq });
            Assert.That(purpose, Does.Match(@"^\d+ refused requests from \d{4}-\d\d-\d\dT.*Z to .*Z: (401|429)×\d+"));
        }

        // Summaries are ordinary entries: seq stays contiguous and the log verifies.
        var (min, max, count) = await db.QuerySingleAsync<(long, long, long)>("SELECT MIN(seq), MAX(seq), COUNT(*) FROM access_log");
        Assert.That(max - min + 1, Is.EqualTo(count));
        var report = await (await factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/verify")).ShouldBe(HttpStatusCode.OK);
        Assert.That((bool?)report["ok"], Is.True, report.ToJsonString());
    }

    [Test]
    public async Task Refusals_before_any_handler_are_logged_with_the_case_their_route_names()
    {
        using var factory = Factory();
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var correlations = new Dictionary<string, string>();
        async Task<HttpResponseMessage> Send(string label, HttpRequestMessage request, TestUser? user = null)
        {
            var correlation = Guid.NewGuid().ToString("N");
            correlations[label] = correlation;
            request.Headers.Add("X-Correlation-Id", correlation);
            return await factory.ClientFor(user).SendAsync(request);
        }

        var unauthenticated = await Send("401", new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{caseId}"));
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var wrongType = await Send("415", new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/victims")
        {
            Content = new StringContent("gender=female", System.Text.Encoding.UTF8, "text/plain"),
        }, Users.Investigator);
        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        var big = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{caseId}");
        big.Headers.Add("X-Padding", new string('a', 40 * 1024));
        var tooLarge = await Send("431", big, Users.Investigator);
        await tooLarge.ShouldBeProblem(HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers-too-large");
        var malformed = await Send("malformed-id", new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases/not-a-guid/status"), Users.Investigator);
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var db = factory.OpenDatabase();
        foreach (var (label, correlation) in correlations)
        {
            var entry = await db.QuerySingleOrDefaultAsync<(long Seq, long Status, string Outcome, string Action)>(
                "SELECT seq AS Seq, status_code AS Status, outcome AS Outcome, action AS Action FROM access_log WHERE correlation_id = @C", new { C = correlation });
            Assert.That(entry.Seq, Is.GreaterThan(0), $"{label}: no access-log entry");
            var cases = (await db.QueryAsync<string>("SELECT case_id FROM access_log_cases WHERE seq = @S", new { S = entry.Seq })).ToList();
            if (label == "malformed-id")
            {
                Assert.That((entry.Status, entry.Action, cases.Count), Is.EqualTo((404L, "request.unmatched", 0)));
            }
            else
            {
                Assert.That(entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(label));
                Assert.That(cases, Is.EqualTo(new[] { caseId }), $"{label} names the route's case");
            }
        }
    }
}
