using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Victims;

/// <summary>A victim's interviews are a real page: walked with the cursor, every session comes once, oldest first.</summary>
public sealed class InterviewPagingTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task Paging_walks_every_session_once_oldest_first()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var investigator = _factory.ClientFor(Users.Investigator);
        var first = DateTimeOffset.UtcNow.Date.AddDays(-10).AddHours(2);
        var recorded = new List<string>();
        for (var day = 0; day < 5; day++)
        {
            string? approval = null;
            if (day > 0)
            {
                var request = await (await investigator.PostJson($"/api/v1/victims/{victimId}/interview-requests",
                    new { justification = "Cần làm rõ một chi tiết mới phát sinh sau lời khai của bị can." })).ShouldBe(HttpStatusCode.Created);
                approval = (string)request["id"]!;
                await (await _factory.ClientFor(Users.Supervisor).PostAsync($"/api/v1/interview-requests/{approval}/approve", null)).ShouldBe(HttpStatusCode.OK);
            }
            var session = await (await investigator.PostJson($"/api/v1/victims/{victimId}/interviews",
                VictimKit.Interview(new DateTimeOffset(first.AddDays(day), TimeSpan.Zero), 45, approval))).ShouldBe(HttpStatusCode.Created);
            recorded.Add((string)session["id"]!);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await _factory.ClientFor(Users.ProsecutorKv1).GetAsync(
                $"/api/v1/victims/{victimId}/interviews?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).ShouldBe(HttpStatusCode.OK);
            var items = page["items"]!.AsArray();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(items.Select(i => (string)i!["id"]!));
            cursor = (string?)page["nextCursor"];
            Assert.That(++pages, Is.LessThan(10));
        }
        while (cursor is not null);

        Assert.That(seen, Is.EqualTo(recorded), "every session once, in the order they took place");
        Assert.That(pages, Is.EqualTo(3));
    }

    [TestCase("limit=0")]
    [TestCase("limit=501")]
    [TestCase("cursor=not-a-cursor")]
    public async Task Bad_paging_parameters_are_field_errors(string query)
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var response = await _factory.ClientFor(Users.ProsecutorKv1).GetAsync($"/api/v1/victims/{victimId}/interviews?{query}");
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
    }
}
