using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Decisions;

/// <summary>A case's timeline and decisions are pages: walking the cursors yields every item once, in order.</summary>
public sealed class TimelineAndDecisionPagingTests
{
    private ApiFactory _factory = null!;
    private CaseWalker _walk = null!;
    private string _caseId = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        _walk = new CaseWalker(_factory);
        _caseId = await _walk.NewCase();
        await _walk.Step(_caseId, "accept-report");
        await _walk.Step(_caseId, "initiate-proceedings");
        await _walk.AddChargedSuspect(_caseId, "BLHS-142-1");
        await _walk.Step(_caseId, "conclude-investigation");
        await _walk.Step(_caseId, "indict");
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<(List<JsonNode> Items, int Pages)> Walk(string list, int? limit)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = new List<string>();
            if (limit is not null) query.Add($"limit={limit}");
            if (cursor is not null) query.Add($"cursor={Uri.EscapeDataString(cursor)}");
            var url = $"/api/v1/cases/{_caseId}/{list}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
            var page = await (await _walk.Prosecutor.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            var pageItems = page["items"]!.AsArray().Select(i => i!.DeepClone()).ToList();
            Assert.That(pageItems.Count, Is.LessThanOrEqualTo(limit ?? 50));
            items.AddRange(pageItems);
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 50);
        return (items, pages);
    }

    [Test]
    public async Task The_timeline_walked_two_at_a_time_gives_every_event_once_in_version_order()
    {
        var (whole, onePage) = await Walk("timeline", null);
        var (paged, pages) = await Walk("timeline", 2);
        var versions = paged.Select(e => (int)e["version"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(whole, Has.Count.GreaterThanOrEqualTo(7));
            Assert.That(onePage, Is.EqualTo(1));
            Assert.That(pages, Is.EqualTo((whole.Count + 1) / 2));
            Assert.That(versions, Is.Unique.And.Ordered);
            Assert.That(versions, Is.EqualTo(whole.Select(e => (int)e["version"]!).ToList()));
        });
    }

    [Test]
    public async Task The_decisions_walked_one_at_a_time_give_every_decision_once_in_order()
    {
        var (whole, _) = await Walk("decisions", null);
        var (paged, pages) = await Walk("decisions", 1);
        Assert.Multiple(() =>
        {
            Assert.That(whole.Select(d => (string)d["kind"]!), Is.EqualTo(new[]
            {
                "accept-report", "initiate-proceedings", "charge-suspect", "conclude-investigation", "indict",
            }));
            Assert.That(pages, Is.EqualTo(whole.Count));
            Assert.That(paged.Select(d => (string)d["id"]!), Is.EqualTo(whole.Select(d => (string)d["id"]!)));
        });
    }

    [TestCase("timeline", "limit=0", "limit")]
    [TestCase("timeline", "limit=501", "limit")]
    [TestCase("decisions", "limit=0", "limit")]
    [TestCase("decisions", "cursor=bm90LW91cnM", "cursor")]
    [TestCase("timeline", "cursor=bm90LW91cnM", "cursor")]
    public async Task A_bad_limit_or_cursor_is_refused(string list, string query, string field)
    {
        var response = await _walk.Prosecutor.GetAsync($"/api/v1/cases/{_caseId}/{list}?{query}");
        Assert.That((int)response.StatusCode, Is.EqualTo(400), await response.Content.ReadAsStringAsync());
    }
}
