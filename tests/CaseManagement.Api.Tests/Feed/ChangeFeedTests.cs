using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Decisions;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Intake;
using Dapper;

namespace CaseManagement.Api.Tests.Feed;

/// <summary>
/// GET /events: every change once, in commit order, to those whose scope holds it; nothing for others; nothing lost
/// across a restart; long polling wakes on the caller's next event.
/// </summary>
public sealed class ChangeFeedTests
{
    private static async Task<(List<JsonNode> Items, string Cursor)> ReadAll(HttpClient client, string? after = null, int limit = 500)
    {
        var items = new List<JsonNode>();
        var cursor = after;
        while (true)
        {
            var url = "/api/v1/events?limit=" + limit + (cursor is null ? "" : "&after=" + cursor);
            var page = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            var batch = page["items"]!.AsArray().Select(i => i!).ToList();
            items.AddRange(batch);
            cursor = (string)page["nextCursor"]!;
            if (batch.Count < limit)
            {
                return (items, cursor);
            }
        }
    }

    [Test]
    public async Task A_thousand_changes_from_concurrent_writers_appear_once_each_in_commit_order_for_the_right_callers()
    {
        using var factory = new ApiFactory();
        var writers = new[] { Users.Investigator, Users.InvestigatorCauGiay }
            .SelectMany(u => Enumerable.Range(0, 4).Select(_ => (User: u, Client: factory.ClientFor(u)))).ToArray();
        var city = factory.ClientFor(Users.SupervisorCity);

        // A reader follows the feed while the writers write: it must end with every event, none twice, none skipped.
        using var done = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var followed = new List<JsonNode>();
        var follower = Task.Run(async () =>
        {
            string? cursor = null;
            while (followed.Count < 1000 && !done.IsCancellationRequested)
            {
                var page = await (await city.GetAsync("/api/v1/events?limit=37" + (cursor is null ? "" : "&after=" + cursor))).ShouldBe(HttpStatusCode.OK);
                followed.AddRange(page["items"]!.AsArray().Select(i => i!));
                cursor = (string)page["nextCursor"]!;
            }
        });

        using var gate = new SemaphoreSlim(16);
        // The feed's head row, like the access log's seq, is taken under UPDLOCK and advanced with UPDATE ... OUTPUT.
        (string Id, string Number, string Unit)[] created = [];
        await StandIn.MayDifferAsync(factory, StandIn.UpdlockIgnored, async () =>
        created = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var writer = writers[i % writers.Length];
                var body = await Reports.Create(writer.Client);
                return (Id: (string)body["id"]!, Number: (string)body["caseNumber"]!, Unit: writer.User.Unit);
            }
            finally
            {
                gate.Release();
            }
        })));
        await follower;

        var numberOf = created.ToDictionary(c => c.Id, c => c.Number);
        var (all, _) = await ReadAll(city);
        Assert.That(all.Select(e => (string)e["kind"]!), Is.All.EqualTo("case-reported"));
        var ids = all.Select(e => (string)e["caseId"]!).ToList();
        Assert.That(ids, Is.EquivalentTo(created.Select(c => c.Id)), "each change exactly once");
        // Case numbers are taken in the transaction of the change: commit order is number order.
        var numbers = ids.Select(id => numberOf[id]).ToList();
        Assert.That(numbers, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "in commit order");
        Assert.That(followed.Select(e => (string)e["caseId"]!), Is.EqualTo(ids), "the follower, reading while writers wrote, saw the same sequence");

        var hoanKiem = (await ReadAll(factory.ClientFor(Users.Supervisor))).Items.Select(e => (string)e["caseId"]!).ToList();
        Assert.That(hoanKiem, Is.EqualTo(ids.Where(id => created.Single(c => c.Id == id).Unit == "CA-P-HOANKIEM").ToList()));
        Assert.That(hoanKiem, Has.Count.EqualTo(500));
        var kv4 = (await ReadAll(factory.ClientFor(Users.ProsecutorKv4))).Items.Select(e => (string)e["caseId"]!).ToList();
        Assert.That(kv4, Is.EqualTo(ids.Where(id => created.Single(c => c.Id == id).Unit == "CA-P-CAUGIAY").ToList()),
            "Cầu Giấy's regional procuracy follows Cầu Giấy's cases");
        Assert.That((await ReadAll(factory.ClientFor(Users.ProsecutorKv2))).Items, Is.Empty, "out of scope: nothing");
        Assert.That((await ReadAll(factory.ClientFor(Users.JudgeKv1))).Items, Is.Empty, "no court before indictment");

        using var db = factory.OpenDatabase();
        var positions = (await db.QueryAsync<long>("SELECT position FROM change_feed ORDER BY position")).ToList();
        Assert.That(positions, Is.EqualTo(Enumerable.Range(1, 1000).Select(i => (long)i).ToList()), "gapless");
        foreach (var (_, client) in writers)
        {
            client.Dispose();
        }
    }

    [Test]
    public async Task Decisions_and_reports_are_in_the_feed_with_their_version_and_no_content()
    {
        using var factory = new ApiFactory();
        var walker = new CaseWalker(factory);
        var caseId = await walker.NewCase();
        await walker.Step(caseId, "accept-report");
        var report = await (await factory.ClientFor(Users.ReporterSchool).PostJson("/api/v1/reports", ReportIntakeTests.Body())).ShouldBe(HttpStatusCode.Created);

        var police = (await ReadAll(factory.ClientFor(Users.Supervisor))).Items;
        Assert.That(police.Select(e => ((string?)e["caseId"], (string)e["kind"]!, (int?)e["version"])), Is.EqualTo(new (string?, string, int?)[]
        {
            (caseId, "case-reported", 1), (caseId, "accept-report", 2), (null, "report-received", null),
        }));
        Assert.That((string)police[2]["reportId"]!, Is.EqualTo((string)report["id"]!));
        Assert.That(police[0].AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "cursor", "caseId", "reportId", "kind", "occurredAt", "version" }),
            "ids, kind, time and version only");
        // The procuracy supervises from the first report: it sees the report too.
        Assert.That((await ReadAll(factory.ClientFor(Users.ProsecutorKv1))).Items, Has.Count.EqualTo(3));
        Assert.That((await ReadAll(factory.ClientFor(Users.SupervisorCauGiay))).Items, Is.Empty);
        await (await factory.ClientFor(Users.ReporterSchool).GetAsync("/api/v1/events")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.That((await factory.ClientFor(Users.Auditor).GetAsync("/api/v1/events")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var db = factory.OpenDatabase();
        var logged = await db.QueryAsync<string>(
            "SELECT lc.case_id FROM access_log_cases lc JOIN access_log l ON l.seq = lc.seq WHERE l.action = 'event.list' AND l.actor_id = @A",
            new { A = Users.Supervisor.Sub });
        Assert.That(logged, Does.Contain(caseId), "reading the feed is logged with the cases it named");
    }

    [Test]
    public async Task A_restart_in_the_middle_loses_nothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "casemgmt-tests", "feed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        try
        {
            var before = new List<string>();
            string cursor;
            using (var first = new ApiFactory(settings))
            {
                if (first.IsSqlServer)
                {
                    Assert.Ignore("The restart runs on one SQLite file; on SQL Server each factory has its own database.");
                }
                for (var i = 0; i < 5; i++)
                {
                    before.Add((string)(await Reports.Create(first.ClientFor(Users.Investigator)))["id"]!);
                }
                var (items, next) = await ReadAll(first.ClientFor(Users.Supervisor), limit: 3);
                Assert.That(items.Select(e => (string)e["caseId"]!), Is.EqualTo(before));
                cursor = next;
                before.Add((string)(await Reports.Create(first.ClientFor(Users.Investigator)))["id"]!);
            }
            var after = new List<string> { before[^1] };
            using (var second = new ApiFactory(settings))
            {
                for (var i = 0; i < 5; i++)
                {
                    after.Add((string)(await Reports.Create(second.ClientFor(Users.Investigator)))["id"]!);
                }
                var (items, _) = await ReadAll(second.ClientFor(Users.Supervisor), cursor);
                Assert.That(items.Select(e => (string)e["caseId"]!), Is.EqualTo(after),
                    "the cursor from before the restart continues exactly where it stopped");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Test]
    public async Task Long_polling_wakes_on_the_callers_next_event_and_not_on_others()
    {
        using var factory = new ApiFactory();
        await Reports.Create(factory.ClientFor(Users.Investigator));
        var police = factory.ClientFor(Users.Supervisor);
        var (_, cursor) = await ReadAll(police);

        // Someone else's change does not end the wait; the wait ends empty when its time is up.
        var clock = Stopwatch.StartNew();
        var waiting = police.GetAsync($"/api/v1/events?after={cursor}&wait=2");
        await Task.Delay(300);
        await Reports.Create(factory.ClientFor(Users.InvestigatorCauGiay));
        var empty = await (await waiting).ShouldBe(HttpStatusCode.OK);
        Assert.That(empty["items"]!.AsArray(), Is.Empty);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
        cursor = (string)empty["nextCursor"]!;

        clock.Restart();
        waiting = police.GetAsync($"/api/v1/events?after={cursor}&wait=30");
        await Task.Delay(500);
        var mine = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        var woke = await (await waiting).ShouldBe(HttpStatusCode.OK);
        Assert.That(woke["items"]!.AsArray().Select(e => (string)e!["caseId"]!), Is.EqualTo(new[] { mine }));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "answered on the event, not at the end of the wait");

        // A client that goes away ends its wait.
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.That(async () => await police.GetAsync($"/api/v1/events?after={(string)woke["nextCursor"]!}&wait=30", gone.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase("wait=31", "wait")]
    [TestCase("wait=-1", "wait")]
    [TestCase("limit=0", "limit")]
    [TestCase("after=bm90LW91cnM", "after")]
    [TestCase("after=dHwyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMDAwMDBafDE", "after")]
    public async Task Bad_input_gets_field_errors(string query, string field)
    {
        using var factory = new ApiFactory();
        var problem = await (await factory.ClientFor(Users.Supervisor).GetAsync("/api/v1/events?" + query))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field));
    }
}
