using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Features.Deadlines.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using CaseManagement.Domain.Policies;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Feed;

/// <summary>
/// The child-protection clocks (12 hours, 5 working days from the report) falling due are feed events: one per victim
/// and clock, when its due instant has passed and the assessment or plan is still missing, whatever the number of
/// scans or scanners, shown to those who see the case.
/// </summary>
public sealed class ChildProtectionDueEventTests
{
    private static async Task<List<JsonNode>> Events(ApiFactory factory, TestUser user)
    {
        var page = await (await factory.ClientFor(user).GetAsync("/api/v1/events?limit=500")).ShouldBe(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!).ToList();
    }

    private static List<JsonNode> DueEvents(IEnumerable<JsonNode> events, string caseId) =>
        events.Where(e => (string)e["kind"]! == ChildProtectionFallingDue.EventKind && (string?)e["caseId"] == caseId).ToList();

    private static Task<int> Scan(ApiFactory factory, IClock clock) =>
        ChildProtectionFallingDue.ScanOnceAsync(factory.Services.GetRequiredService<DbConnectionFactory>(), clock,
            factory.Services.GetRequiredService<PolicyBook>(), factory.Services.GetRequiredService<ReferenceData>(), CancellationToken.None);

    /// <summary>A case received at <paramref name="receivedAt"/> (the clock's now) with one victim; returns both ids.</summary>
    private static async Task<(string CaseId, string VictimId)> CaseWithVictim(ApiFactory factory, DateTimeOffset receivedAt)
    {
        var report = Reports.Valid();
        report["receivedAt"] = receivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        report["incidentDate"] = receivedAt.AddDays(-2).ToString("yyyy-MM-dd");
        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator), report))["id"]!;
        var victim = await (await factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{caseId}/victims", VictimKit.Body()))
            .ShouldBe(HttpStatusCode.Created);
        return (caseId, (string)victim["id"]!);
    }

    private static async Task<long> Marks(ApiFactory factory, string victimId, string kind)
    {
        await using var db = factory.OpenDatabase();
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM child_protection_due_marks WHERE victim_id = @Id AND clock_kind = @Kind",
            new { Id = victimId, Kind = kind });
    }

    [Test]
    public async Task The_12_hour_clock_falls_due_at_its_instant_once_for_those_who_see_the_case()
    {
        var received = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var (caseId, victimId) = await CaseWithVictim(factory, received);
        received = DateTimeOffset.Parse((string)(await (await factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}"))
            .ShouldBe(HttpStatusCode.OK))["receivedAt"]!);
        var version = (int)(await (await factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}/status"))
            .ShouldBe(HttpStatusCode.OK))["version"]!;

        // One second before the 12 hours are up: nothing, however often scanned.
        clock.UtcNow = received.AddHours(12).AddSeconds(-1);
        Assert.That(await Scan(factory, clock), Is.Zero);
        Assert.That(await Scan(factory, clock), Is.Zero);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Is.Empty, "not due yet: the clock is an instant, not a day");

        // Its instant has passed: one event (the plan's day is days away).
        clock.UtcNow = received.AddHours(12).AddSeconds(1);
        Assert.That(await Scan(factory, clock), Is.EqualTo(1));
        var due = DueEvents(await Events(factory, Users.Supervisor), caseId);
        Assert.That(due, Has.Count.EqualTo(1));
        Assert.That((int?)due[0]["version"], Is.EqualTo(version), "the case's version, which the event does not change");
        Assert.That(DateTimeOffset.Parse((string)due[0]["occurredAt"]!), Is.EqualTo(clock.UtcNow));
        Assert.That(due[0].AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "cursor", "caseId", "reportId", "kind", "occurredAt", "version" }));
        Assert.That(due[0].ToJsonString(), Does.Not.Contain(victimId).And.Not.Contain(VictimKit.PlantedName), "no victim, no protected value");
        Assert.That(await Marks(factory, victimId, "emergency-protection"), Is.EqualTo(1));
        Assert.That(await Marks(factory, victimId, "support-plan"), Is.Zero);

        // Scanned again, and by four scanners at once (several nodes): nothing more.
        Assert.That(await Scan(factory, clock), Is.Zero);
        var scans = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await Scan(factory, clock);
            }
            catch (Exception ex) when (UniqueViolation.Is(ex))
            {
                return 0;
            }
        })));
        Assert.That(scans.Sum(), Is.Zero);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Has.Count.EqualTo(1));

        // Who sees it: the case's police unit, its procuracy, the social-welfare unit serving the area; not another
        // district's police or another region's procuracy; a reporter may not read the feed.
        Assert.That(DueEvents(await Events(factory, Users.Investigator), caseId), Has.Count.EqualTo(1));
        Assert.That(DueEvents(await Events(factory, Users.ProsecutorKv1), caseId), Has.Count.EqualTo(1));
        Assert.That(DueEvents(await Events(factory, Users.VictimSupport), caseId), Has.Count.EqualTo(1));
        Assert.That(await Events(factory, Users.SupervisorCauGiay), Is.Empty, "nothing of another area");
        Assert.That(await Events(factory, Users.ProsecutorKv2), Is.Empty, "nothing of another region");
        await (await factory.ClientFor(Users.ReporterSchool).GetAsync("/api/v1/events")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Test]
    public async Task Two_scanners_at_once_write_each_clock_once()
    {
        var received = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var victims = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            victims.Add((await CaseWithVictim(factory, received)).VictimId);
        }
        clock.UtcNow = received.AddHours(13);

        // Two scanners on their own connections scan the same due clocks at once: one commits, the other's batch rolls back whole.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await Scan(factory, clock);
            }
            catch (Exception ex) when (UniqueViolation.Is(ex))
            {
                return 0;
            }
        })));
        Assert.That(outcomes.Sum() + await Scan(factory, clock), Is.EqualTo(5), "every clock written, by one of them or the next tick");
        await using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_feed WHERE kind = 'child-protection-due'"), Is.EqualTo(5));
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM child_protection_due_marks"), Is.EqualTo(5));
        Assert.That(await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM child_protection_due_marks m JOIN change_feed f ON f.position = m.feed_position WHERE f.kind = 'child-protection-due'"),
            Is.EqualTo(5), "each mark names its own event");
    }

    [Test]
    public async Task An_assessment_recorded_in_time_writes_no_emergency_event()
    {
        var received = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var (caseId, victimId) = await CaseWithVictim(factory, received);
        received = DateTimeOffset.Parse((string)(await (await factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}"))
            .ShouldBe(HttpStatusCode.OK))["receivedAt"]!);

        clock.UtcNow = received.AddHours(11);
        await (await factory.ClientFor(Users.VictimSupport).PostJson($"/api/v1/victims/{victimId}/emergency-assessments", new
        {
            assessedAt = received.AddHours(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            seriousRisk = true,
            measures = new[] { "safe-place" },
        })).ShouldBe(HttpStatusCode.Created);

        clock.UtcNow = received.AddHours(13);
        Assert.That(await Scan(factory, clock), Is.Zero, "the assessment was recorded before the due instant");
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Is.Empty);
        Assert.That(await Marks(factory, victimId, "emergency-protection"), Is.Zero);

        // The plan is still missing: its clock falls due on its own day (at most a few weeks away), once.
        clock.UtcNow = received.AddDays(20);
        Assert.That(await Scan(factory, clock), Is.EqualTo(1));
        Assert.That(await Marks(factory, victimId, "support-plan"), Is.EqualTo(1));
        Assert.That(DueEvents(await Events(factory, Users.VictimSupport), caseId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_5_working_day_clock_falls_due_at_the_start_of_its_day_over_a_weekend_and_holidays()
    {
        // Received Friday 24 April 2026, 10:00 in Hanoi. Rest days after it: Monday 27 (the Hung Kings' day moved
        // from Sunday), Thursday 30 April and Friday 1 May, and the weekend. Working days: 28, 29 April, 4, 5, 6 May:
        // due on Wednesday 6 May, that is from 00:00 in Hanoi (5 May 17:00 UTC).
        var received = new DateTimeOffset(2026, 4, 24, 3, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var (caseId, victimId) = await CaseWithVictim(factory, received);
        var dueInstant = new DateTimeOffset(2026, 5, 5, 17, 0, 0, TimeSpan.Zero);

        // The emergency clock fell due on the first day; record the plan's absence only.
        clock.UtcNow = received.AddHours(13);
        Assert.That(await Scan(factory, clock), Is.EqualTo(1));
        Assert.That(await Marks(factory, victimId, "emergency-protection"), Is.EqualTo(1));

        // Friday 1 May (where weekends alone would put it) and the eve of the due day: nothing.
        foreach (var notYet in new[] { new DateTimeOffset(2026, 5, 1, 5, 0, 0, TimeSpan.Zero), dueInstant.AddSeconds(-1) })
        {
            clock.UtcNow = notYet;
            Assert.That(await Scan(factory, clock), Is.Zero, $"not due at {notYet:o}");
        }
        Assert.That(await Marks(factory, victimId, "support-plan"), Is.Zero);

        clock.UtcNow = dueInstant;
        Assert.That(await Scan(factory, clock), Is.EqualTo(1));
        Assert.That(await Marks(factory, victimId, "support-plan"), Is.EqualTo(1));
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Has.Count.EqualTo(2), "one per clock");

        // The deadlines list agrees on the day.
        var deadlines = await (await factory.ClientFor(Users.VictimSupport).GetAsync("/api/v1/deadlines?limit=100")).ShouldBe(HttpStatusCode.OK);
        var plan = deadlines["items"]!.AsArray().Single(i => (string?)i!["victimId"] == victimId && (string)i!["kind"]! == "support-plan")!;
        Assert.That((string)plan["dueOn"]!, Is.EqualTo("2026-05-06"));
    }

    [Test]
    public async Task A_closed_case_writes_nothing()
    {
        var received = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var (caseId, victimId) = await CaseWithVictim(factory, received);
        var walker = new Decisions.CaseWalker(factory);
        await walker.Step(caseId, "accept-report");
        await walker.Step(caseId, "decline-proceedings");

        clock.UtcNow = received.AddDays(30);
        Assert.That(await Scan(factory, clock), Is.Zero, "a closed case is not followed, however late the clock");
        Assert.That(await Marks(factory, victimId, "emergency-protection") + await Marks(factory, victimId, "support-plan"), Is.Zero);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Is.Empty);
    }

    [Test]
    public async Task The_scanner_of_the_service_writes_them_on_its_own()
    {
        var received = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = new ApiFactory(
            new Dictionary<string, string?> { ["Deadlines:DueScanInterval"] = "00:00:00.100" },
            s => s.AddSingleton<IClock>(clock));
        var (caseId, _) = await CaseWithVictim(factory, received);
        clock.UtcNow = received.AddHours(13);
        var until = DateTime.UtcNow.AddSeconds(30);
        List<JsonNode> due;
        do
        {
            await Task.Delay(100);
            due = DueEvents(await Events(factory, Users.Supervisor), caseId);
        }
        while (due.Count == 0 && DateTime.UtcNow < until);
        Assert.That(due, Has.Count.EqualTo(1));
        await Task.Delay(500);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Has.Count.EqualTo(1), "later ticks write nothing more");
    }
}
