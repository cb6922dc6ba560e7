using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Features.Deadlines.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Feed;

/// <summary>
/// Deadlines falling due are feed events: written once per deadline on the Hanoi day it falls due, by a scan on the
/// clock port, whatever the number of scans or scanners, and shown only to those who may see the case.
/// </summary>
public sealed class DeadlineDueEventTests
{
    private static async Task<List<JsonNode>> Events(ApiFactory factory, TestUser user)
    {
        var page = await (await factory.ClientFor(user).GetAsync("/api/v1/events?limit=500")).ShouldBe(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!).ToList();
    }

    private static List<JsonNode> DueEvents(IEnumerable<JsonNode> events, string caseId) =>
        events.Where(e => (string)e["kind"]! == DeadlinesFallingDue.EventKind && (string?)e["caseId"] == caseId).ToList();

    [Test]
    public async Task A_deadline_falling_due_is_one_event_for_those_who_see_the_case()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var factory = new ApiFactory(
            new Dictionary<string, string?> { ["Deadlines:DueScanInterval"] = "00:00:00.100" },
            s => s.AddSingleton<IClock>(clock));
        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        var status = await (await factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK);
        var dueOn = DateOnly.Parse((string)status["nextDeadline"]!["dueOn"]!);
        var version = (int)status["version"]!;

        // The day before it is due: several scans, no event.
        clock.UtcNow = new DateTimeOffset(dueOn.AddDays(-1).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero); // 23:00 in Hanoi
        await Task.Delay(600);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Is.Empty, "not due yet");

        // 07:00 in Hanoi on the due day: the next scan writes the event.
        clock.UtcNow = new DateTimeOffset(dueOn.ToDateTime(new TimeOnly(0, 0)), TimeSpan.Zero);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonNode> due;
        do
        {
            await Task.Delay(100);
            due = DueEvents(await Events(factory, Users.Supervisor), caseId);
        }
        while (due.Count == 0 && DateTime.UtcNow < deadline);
        Assert.That(due, Has.Count.EqualTo(1), "the scan on the clock wrote the event");
        Assert.That((int?)due[0]["version"], Is.EqualTo(version), "the case's version, which the event does not change");
        Assert.That(DateTimeOffset.Parse((string)due[0]["occurredAt"]!), Is.EqualTo(clock.UtcNow));
        Assert.That(due[0].AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "cursor", "caseId", "reportId", "kind", "occurredAt", "version" }));

        // More ticks, and four more scanners at once (as on several nodes): still one event.
        var connections = factory.Services.GetRequiredService<DbConnectionFactory>();
        var scans = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await DeadlinesFallingDue.ScanOnceAsync(connections, clock, CancellationToken.None);
            }
            catch (Exception ex) when (UniqueViolation.Is(ex))
            {
                return 0; // another scanner committed the same mark first: this batch rolled back whole
            }
        })));
        Assert.That(scans.Sum(), Is.Zero, "nothing left to write");
        clock.UtcNow = clock.UtcNow.AddDays(3);
        await Task.Delay(600);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), caseId), Has.Count.EqualTo(1), "once per deadline, however often it is scanned");
        using (var db = factory.OpenDatabase())
        {
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deadline_due_marks WHERE case_id = @Id", new { Id = caseId }), Is.EqualTo(1));
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_feed WHERE kind = 'deadline-due'"), Is.EqualTo(1));
        }

        // Who sees it: the case's police and procuracy; not another district's police; a reporter may not read the feed.
        Assert.That(DueEvents(await Events(factory, Users.ProsecutorKv1), caseId), Has.Count.EqualTo(1));
        Assert.That(DueEvents(await Events(factory, Users.SupervisorCauGiay), caseId), Is.Empty);
        Assert.That(await Events(factory, Users.SupervisorCauGiay), Is.Empty, "nothing of another area");
        await (await factory.ClientFor(Users.ReporterSchool).GetAsync("/api/v1/events")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Test]
    public async Task A_closed_case_and_a_deadline_not_yet_due_write_nothing()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var walker = new Decisions.CaseWalker(factory);
        var closed = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        var connections = factory.Services.GetRequiredService<DbConnectionFactory>();
        Assert.That(await DeadlinesFallingDue.ScanOnceAsync(connections, clock, CancellationToken.None), Is.Zero, "nothing due today");

        // A case declined (closed) is not followed any more, however late the clock.
        await walker.Step(closed, "accept-report");
        await walker.Step(closed, "decline-proceedings");
        clock.UtcNow = clock.UtcNow.AddDays(400);
        Assert.That(await DeadlinesFallingDue.ScanOnceAsync(connections, clock, CancellationToken.None), Is.Zero);
        Assert.That(DueEvents(await Events(factory, Users.Supervisor), closed), Is.Empty);
    }
}
