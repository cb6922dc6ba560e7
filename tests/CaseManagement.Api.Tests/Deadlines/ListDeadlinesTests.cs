using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Features.Deadlines.ListDeadlines;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Decisions;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Api.Tests.Deadlines;

/// <summary>
/// Cases walked through the real endpoints, then the clock moved: the list shows exactly the cases in scope whose
/// deadline is overdue, due soon, or any, earliest first.
/// </summary>
public sealed class ListDeadlinesTests
{
    private ApiFactory _factory = null!;
    private FixedClock _clock = null!;
    private DateTimeOffset _t0;
    private string _verifying = "", _investigating = "", _review = "", _awaitingTrial = "", _closed = "", _cauGiay = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _t0 = DateTimeOffset.UtcNow;
        _clock = new FixedClock(_t0);
        _factory = new ApiFactory(services: s => s.AddSingleton<IClock>(_clock));
        var walker = new CaseWalker(_factory);
        _verifying = await walker.CaseAt(CaseStage.Verifying);
        _investigating = await walker.CaseAt(CaseStage.Investigating);
        // CPC 172(2): the investigation agency asks, the procuracy grants.
        await walker.Step(_investigating, "request-extension");
        await walker.Step(_investigating, "extend-deadline", walker.Prosecutor);
        _review = await walker.CaseAt(CaseStage.ProsecutionReview);
        _awaitingTrial = await walker.CaseAt(CaseStage.AwaitingTrial);
        _closed = await walker.CaseAt(CaseStage.Closed);
        _cauGiay = (string)(await Reports.Create(_factory.ClientFor(Users.InvestigatorCauGiay)))["id"]!;
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [SetUp]
    public void ResetClock() => _clock.UtcNow = _t0;

    private async Task<List<JsonNode>> AllPages(TestUser user, string query, int limit = 500)
    {
        var client = _factory.ClientFor(user);
        var items = new List<JsonNode>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/deadlines?limit={limit}{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = (string?)page["nextCursor"];
            Assert.That(++pages, Is.LessThan(50));
        }
        while (cursor is not null);
        return items;
    }

    private static List<string> Ids(IEnumerable<JsonNode> items) => items.Select(i => (string)i["caseId"]!).ToList();

    private async Task<DateOnly> DueOn(string caseId)
    {
        var status = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK);
        return DateOnly.Parse((string)status["nextDeadline"]!["dueOn"]!);
    }

    [Test]
    public async Task All_lists_every_case_with_a_deadline_in_scope_earliest_due_first()
    {
        var city = await AllPages(Users.SupervisorCity, "&state=all");
        Assert.That(Ids(city), Is.EquivalentTo(new[] { _verifying, _investigating, _review, _awaitingTrial, _cauGiay }),
            "the closed case has no deadline");
        var dues = city.Select(i => DateOnly.Parse((string)i["dueOn"]!)).ToList();
        Assert.That(dues, Is.Ordered);

        Assert.That(Ids(await AllPages(Users.Supervisor, "")), Is.EquivalentTo(new[] { _verifying, _investigating, _review, _awaitingTrial }),
            "state defaults to all; Hoàn Kiếm does not see Cầu Giấy");
        Assert.That(Ids(await AllPages(Users.SupervisorCauGiay, "")), Is.EqualTo(new[] { _cauGiay }));
        Assert.That(Ids(await AllPages(Users.ProsecutorKv4, "")), Is.EqualTo(new[] { _cauGiay }));
        Assert.That(Ids(await AllPages(Users.JudgeKv1, "")), Is.EqualTo(new[] { _awaitingTrial }), "a court sees indicted cases only");
        Assert.That(await AllPages(Users.JudgeKv4, ""), Is.Empty);
        Assert.That(Ids(await AllPages(Users.SupervisorCity, "&unit=CA-P-CAUGIAY")), Is.EqualTo(new[] { _cauGiay }));
    }

    [Test]
    public async Task An_item_carries_the_stored_deadline_and_the_extension_the_domain_leaves()
    {
        var items = await AllPages(Users.Supervisor, "");
        var investigating = items.Single(i => (string)i["caseId"]! == _investigating);
        var start = CaseManagement.Domain.Time.HanoiCalendar.ToLocalDate(_t0);
        Assert.That((string)investigating["kind"]!, Is.EqualTo("investigation"));
        Assert.That((string)investigating["stage"]!, Is.EqualTo("investigating"));
        Assert.That((int)investigating["extendedDays"]!, Is.EqualTo(5));
        // CPC 134: a period ending on a rest day ends on the next working day (the loaded holidays say which).
        var due = _factory.Services.GetRequiredService<ReferenceData>().RestDays.EndOfPeriod(start.AddMonths(2).AddDays(5));
        Assert.That(DateOnly.Parse((string)investigating["dueOn"]!), Is.EqualTo(due));
        // BLHS-146-1 is less serious: CPC 172(2)(a) allows one extension, and it has been granted.
        Assert.That((int)investigating["extensionDaysLeft"]!, Is.EqualTo(0));
        Assert.That((string)investigating["owner"]!, Is.EqualTo("supervisor"));
        Assert.That((bool)investigating["overdue"]!, Is.False);
        Assert.That((int)investigating["daysRemaining"]!, Is.EqualTo(due.DayNumber - start.DayNumber));

        var review = items.Single(i => (string)i["caseId"]! == _review);
        Assert.That((string)review["kind"]!, Is.EqualTo("prosecution-decision"));
        Assert.That((string)review["owner"]!, Is.EqualTo("prosecutor"));
        Assert.That((int)review["extensionDaysLeft"]!, Is.EqualTo(10), "CPC 240: +10 days for a less-serious offence");
        Assert.That(items.Select(i => i.AsObject().Select(p => p.Key).Order().ToArray()).Distinct(new ArrayComparer()).Single(),
            Is.EqualTo(new[] { "caseId", "caseNumber", "daysRemaining", "dueAt", "dueOn", "extendedDays", "extensionDaysLeft", "kind", "overdue", "owner", "stage", "victimId" }));
        Assert.That(items.All(i => i["victimId"] is null && i["dueAt"] is null), "a statutory deadline names no victim and no instant");
    }

    [Test]
    public async Task Moving_the_clock_makes_deadlines_due_soon_then_overdue()
    {
        Assert.That(await AllPages(Users.SupervisorCity, "&state=overdue"), Is.Empty);
        Assert.That(await AllPages(Users.SupervisorCity, "&state=due-soon"), Is.Empty, "nothing is due within 7 days of intake");

        var verifyingDue = await DueOn(_verifying);
        var reviewDue = await DueOn(_review);
        var trialDue = await DueOn(_awaitingTrial);
        var cauGiayDue = await DueOn(_cauGiay);

        // Four days after the review deadline: it and every verification deadline are overdue; trial preparation is due soon.
        var today = reviewDue.AddDays(4);
        Assert.That(trialDue.DayNumber - today.DayNumber, Is.InRange(0, 7), "the data set assumes 30 - 20 days apart");
        _clock.UtcNow = CaseManagement.Domain.Time.HanoiCalendar.StartOfLocalDay(today).AddHours(9);
        var overdue = await AllPages(Users.SupervisorCity, "&state=overdue");
        var expectedOverdue = new[] { (_verifying, verifyingDue), (_review, reviewDue), (_cauGiay, cauGiayDue) }
            .Where(x => x.Item2 < today).Select(x => x.Item1).ToList();
        Assert.That(expectedOverdue, Does.Contain(_review));
        Assert.That(Ids(overdue), Is.EquivalentTo(expectedOverdue));
        Assert.That(overdue.All(i => (bool)i["overdue"]! && (int)i["daysRemaining"]! < 0), Is.True);
        Assert.That(Ids(await AllPages(Users.SupervisorCity, "&state=due-soon")), Does.Contain(_awaitingTrial).And.Not.Contains(_review));
        Assert.That(Ids(await AllPages(Users.JudgeKv1, "&state=due-soon")), Is.EqualTo(new[] { _awaitingTrial }));
        Assert.That(Ids(await AllPages(Users.ProsecutorKv4, "&state=overdue")), Is.EqualTo(new[] { _cauGiay }));
        Assert.That(Ids(await AllPages(Users.Supervisor, "&state=overdue")), Does.Not.Contain(_cauGiay));

        // The due day itself is still on time, and due soon.
        _clock.UtcNow = CaseManagement.Domain.Time.HanoiCalendar.StartOfLocalDay(reviewDue).AddHours(9);
        Assert.That(Ids(await AllPages(Users.SupervisorCity, "&state=overdue")), Does.Not.Contain(_review));
        var soon = await AllPages(Users.SupervisorCity, "&state=due-soon");
        Assert.That(Ids(soon), Does.Contain(_review));
        Assert.That((int)soon.Single(i => (string)i["caseId"]! == _review)["daysRemaining"]!, Is.EqualTo(0));
    }

    [Test]
    public async Task Paging_walks_every_deadline_once_in_order()
    {
        var whole = Ids(await AllPages(Users.SupervisorCity, "", 500));
        foreach (var limit in new[] { 1, 2, 3 })
        {
            Assert.That(Ids(await AllPages(Users.SupervisorCity, "", limit)), Is.EqualTo(whole), $"limit {limit}");
        }
        var first = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync("/api/v1/deadlines?limit=5")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)first["nextCursor"], Is.Null, "exactly five: no further page");
    }

    [Test]
    public async Task The_access_log_names_every_listed_case()
    {
        var listed = Ids(await AllPages(Users.SupervisorCity, ""));
        using var db = _factory.OpenDatabase();
        var seq = db.ExecuteScalar<long>(
            "SELECT MAX(seq) FROM access_log WHERE action = @Action AND actor_id = @Actor",
            new { Action = "deadline.list", Actor = Users.SupervisorCity.Sub });
        Assert.That(db.ExecuteScalar<string>("SELECT resource_type FROM access_log WHERE seq = @Seq", new { Seq = seq }), Is.EqualTo("case"));
        var logged = db.Query<string>("SELECT case_id FROM access_log_cases WHERE seq = @Seq", new { Seq = seq })
            .Select(id => id.ToLowerInvariant()).ToList();
        Assert.That(listed, Is.Not.Empty);
        Assert.That(logged, Is.EquivalentTo(listed.Select(id => id.ToLowerInvariant())));
    }

    [TestCase("investigator")]
    [TestCase("auditor")]
    [TestCase("admin")]
    public async Task Other_roles_are_forbidden(string role)
    {
        var user = Users.All.First(u => u.Role == role);
        await (await _factory.ClientFor(user).GetAsync("/api/v1/deadlines")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Test]
    public async Task No_token_is_401() =>
        Assert.That((await _factory.ClientFor(null).GetAsync("/api/v1/deadlines")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

    [TestCase("state=late", "state")]
    [TestCase("state=Overdue", "state")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("unit=NOWHERE", "unit")]
    [TestCase("unit=VKS-KV1", "unit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    public async Task Bad_parameters_are_400(string query, string field)
    {
        var problem = await (await _factory.ClientFor(Users.SupervisorCity).GetAsync($"/api/v1/deadlines?{query}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]![field], Is.Not.Null);
    }

    [Test]
    public void Every_variant_of_the_query_parses_as_TSQL_and_carries_no_value()
    {
        var dialect = new SqlServerDialect();
        foreach (var role in new[] { Role.Supervisor, Role.Prosecutor, Role.Judge })
        {
            foreach (var state in Enum.GetValues<DeadlineState>())
            {
                for (var flags = 0; flags < 4; flags++)
                {
                    var sql = ListDeadlinesHandler.BuildSql(dialect, role, state, (flags & 1) != 0, (flags & 2) != 0);
                    new TSql160Parser(true).Parse(new StringReader(sql), out var errors);
                    Assert.That(errors, Is.Empty, sql);
                    Assert.That(sql, Does.Not.Contain("'"));
                }
            }
        }
    }

    private sealed class ArrayComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(string[] obj) => string.Join(",", obj).GetHashCode(StringComparison.Ordinal);
    }
}
