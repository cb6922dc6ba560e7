using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.AccessLog;

/// <summary>Every request that reads or changes case data leaves an entry with the fields of API.md.</summary>
public sealed class AccessLogEntryTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory();
        _ = _factory.Services; // starts the service, which migrates the database: a test may open it before any request
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private sealed class Entry
    {
        public long Seq { get; init; }
        public DateTimeOffset At { get; init; }
        public string? ActorId { get; init; }
        public string? ActorRole { get; init; }
        public string? ActorUnit { get; init; }
        public string Action { get; init; } = "";
        public string ResourceType { get; init; } = "";
        public string? ResourceId { get; init; }
        public string Outcome { get; init; } = "";
        public long StatusCode { get; init; }
        public string? ClientIp { get; init; }
        public string CorrelationId { get; init; } = "";
    }

    private async Task<(Entry Entry, List<string> CaseIds)> EntryFor(string correlation)
    {
        using var db = _factory.OpenDatabase();
        var entry = await db.QuerySingleAsync<Entry>("""
            SELECT seq AS Seq, at AS At, actor_id AS ActorId, actor_role AS ActorRole, actor_unit AS ActorUnit, action AS Action,
                   resource_type AS ResourceType, resource_id AS ResourceId, outcome AS Outcome, status_code AS StatusCode,
                   client_ip AS ClientIp, correlation_id AS CorrelationId
            FROM access_log WHERE correlation_id = @C
            """, new { C = correlation });
        var cases = (await db.QueryAsync<string>("SELECT case_id FROM access_log_cases WHERE seq = @S ORDER BY case_id", new { S = entry.Seq })).ToList();
        return (entry, cases);
    }

    private HttpClient Client(TestUser user, out string correlation)
    {
        var client = _factory.ClientFor(user);
        correlation = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);
        return client;
    }

    [Test]
    public async Task An_intake_is_logged_as_allowed_with_the_new_case_id()
    {
        var before = DateTimeOffset.UtcNow;
        var response = await Client(Users.Investigator, out var correlation).PostJson("/api/v1/cases", Reports.Valid());
        var created = await response.ShouldBe(HttpStatusCode.Created);
        var after = DateTimeOffset.UtcNow;
        Assert.That(response.Headers.GetValues("X-Correlation-Id"), Does.Contain(correlation));

        var (entry, cases) = await EntryFor(correlation);
        Assert.Multiple(() =>
        {
            Assert.That(entry.ActorId, Is.EqualTo(Users.Investigator.Sub));
            Assert.That(entry.ActorRole, Is.EqualTo("investigator"));
            Assert.That(entry.ActorUnit, Is.EqualTo("CA-P-HOANKIEM"));
            Assert.That(entry.Action, Is.EqualTo("case.create"));
            Assert.That(entry.ResourceType, Is.EqualTo("case"));
            Assert.That(entry.ResourceId, Is.EqualTo((string?)created["id"]));
            Assert.That(entry.Outcome, Is.EqualTo("allowed"));
            Assert.That(entry.StatusCode, Is.EqualTo(201));
            // Stored as UTC (SQLite: ISO text ending in Z; SQL Server: datetime2 read back as UTC).
            Assert.That(entry.At, Is.InRange(before.AddMilliseconds(-1), after.AddMilliseconds(1)));
            Assert.That(cases, Is.EqualTo(new[] { (string)created["id"]! }));
        });
    }

    [Test]
    public async Task A_read_a_status_and_a_refusal_out_of_scope_are_each_logged_with_the_case()
    {
        var id = (string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["id"]!;

        await (await Client(Users.ProsecutorKv1, out var read).GetAsync($"/api/v1/cases/{id}")).ShouldBe(HttpStatusCode.OK);
        await (await Client(Users.JudgeKv1, out var status).GetAsync($"/api/v1/cases/{id}/status")).ShouldBe(HttpStatusCode.NotFound);
        await (await Client(Users.ProsecutorKv2, out var denied).GetAsync($"/api/v1/cases/{id}")).ShouldBe(HttpStatusCode.NotFound);

        var (readEntry, readCases) = await EntryFor(read);
        var (statusEntry, statusCases) = await EntryFor(status);
        var (deniedEntry, deniedCases) = await EntryFor(denied);
        Assert.Multiple(() =>
        {
            Assert.That((readEntry.Action, readEntry.Outcome, readEntry.StatusCode), Is.EqualTo(("case.read", "allowed", 200L)));
            Assert.That((statusEntry.Action, statusEntry.Outcome, statusEntry.StatusCode), Is.EqualTo(("case.status.read", "denied", 404L)));
            Assert.That((deniedEntry.Action, deniedEntry.Outcome, deniedEntry.ActorRole), Is.EqualTo(("case.read", "denied", "prosecutor")));
            Assert.That(readCases, Is.EqualTo(new[] { id }));
            Assert.That(statusCases, Is.EqualTo(new[] { id }));
            Assert.That(deniedCases, Is.EqualTo(new[] { id }));
        });
    }

    [Test]
    public async Task A_list_is_logged_with_every_case_id_it_returned_so_who_saw_case_X_is_one_query()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((string)(await Reports.Create(_factory.ClientFor(Users.InvestigatorCauGiay)))["id"]!);
        }
        var list = await (await Client(Users.ProsecutorKv4, out var correlation).GetAsync("/api/v1/cases?limit=500")).ShouldBe(HttpStatusCode.OK);
        var returned = list["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal).ToList();

        var (entry, cases) = await EntryFor(correlation);
        Assert.That(entry.Action, Is.EqualTo("case.list"));
        Assert.That(cases, Is.EqualTo(returned));
        Assert.That(returned, Is.SupersetOf(ids));

        using var db = _factory.OpenDatabase();
        var whoSaw = await db.QueryAsync<string>(
            "SELECT l.actor_id FROM access_log_cases lc JOIN access_log l ON l.seq = lc.seq WHERE lc.case_id = @Id ORDER BY l.seq", new { Id = ids[0] });
        Assert.That(whoSaw, Is.EqualTo(new[] { Users.InvestigatorCauGiay.Sub, Users.ProsecutorKv4.Sub }));
    }

    [Test]
    public async Task Reference_lists_hold_no_case_data_and_are_not_logged()
    {
        using var db = _factory.OpenDatabase();
        var before = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log");
        await (await _factory.ClientFor(Users.Auditor).GetAsync("/api/v1/units")).ShouldBe(HttpStatusCode.OK);
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log"), Is.EqualTo(before));
    }

    [Test]
    public void The_log_refuses_updates_and_deletes()
    {
        using var db = _factory.OpenDatabase();
        Assert.That(async () => await db.ExecuteAsync("UPDATE access_log SET outcome = 'allowed'"), Throws.Exception);
        Assert.That(async () => await db.ExecuteAsync("DELETE FROM access_log"), Throws.Exception);
        Assert.That(async () => await db.ExecuteAsync("DELETE FROM access_log_cases"), Throws.Exception);
    }
}
