using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Intake;

/// <summary>
/// An accepted report makes the child at risk the case's victim from the report's sealed identity, never typed
/// again, so the child-protection clocks (12 hours, 5 working days) run from the report's receipt, not from the
/// acceptance; no identity value appears in the answer, the timeline, a log line or the access log.
/// </summary>
public sealed class AcceptedReportVictimTests
{
    private static readonly string[] Planted = ["Pqxzw", "Qqvb", "0987 123 457", "Wqzv", "2015-04-09", "2013-06-30", "Giảng Võ"];

    private static IEnumerable<string> Find(string text) =>
        Planted.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static List<string> KindsFor(JsonNode page, string victimId) =>
        page["items"]!.AsArray().Where(i => (string?)i!["victimId"] == victimId).Select(i => (string)i!["kind"]!).Order().ToList();

    [Test]
    public async Task The_child_becomes_the_victim_and_the_clocks_run_from_the_receipt()
    {
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        var clock = new FixedClock(t0);
        using var factory = new ApiFactory(services: s => s.AddSingleton<IClock>(clock));
        var answers = new List<string>();

        var receipt = await (await factory.ClientFor(Users.ReporterSchool).PostJson("/api/v1/reports", ReportIntakeTests.Body())).ShouldBe(HttpStatusCode.Created);
        var receivedAt = DateTimeOffset.Parse((string)receipt["receivedAt"]!);

        // The police accept five hours later: the clocks still count from the receipt.
        clock.UtcNow = t0.AddHours(5);
        var accept = await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/reports/{receipt["id"]}/accept",
            new { offenceArticles = new[] { "BLHS-146-1" }, childGender = "female" });
        answers.Add(await accept.Content.ReadAsStringAsync());
        var created = await accept.ShouldBe(HttpStatusCode.Created);
        Assert.That((int)created["victimCount"]!, Is.EqualTo(1), "the child at risk is the case's victim");
        Assert.That((int)created["version"]!, Is.EqualTo(2), "case reported, victim added");
        var caseId = (string)created["id"]!;

        var timelineResponse = await factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}/timeline");
        answers.Add(await timelineResponse.Content.ReadAsStringAsync());
        var timeline = (await timelineResponse.ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(timeline.Select(e => (string)e!["kind"]!), Is.EqualTo(new[] { "case-reported", "victim-added" }));
        var victimId = (string)timeline[1]!["data"]!["victimId"]!;

        using (var db = factory.OpenDatabase())
        {
            // Ids as objects: text on SQLite, uniqueidentifier on SQL Server.
            var victims = (await db.QueryAsync<(object Id, string Gender, int Age)>(
                "SELECT id, gender, age_at_report FROM victims WHERE case_id = @Id", new { Id = caseId })).ToList();
            Assert.That(victims, Has.Count.EqualTo(1));
            Assert.That(victims[0].Id.ToString(), Is.EqualTo(victimId).IgnoreCase);
            Assert.That(victims[0].Gender, Is.EqualTo("female"));
            Assert.That((await db.ExecuteScalarAsync<object>("SELECT victim_id FROM access_log WHERE action = 'report.accept' AND status_code = 201"))?.ToString(),
                Is.EqualTo(victimId).IgnoreCase, "the acceptance's access-log entry names the victim it created");
        }

        var forSupport = await (await factory.ClientFor(Users.VictimSupport).GetAsync("/api/v1/deadlines?limit=500")).ShouldBe(HttpStatusCode.OK);
        answers.Add(forSupport.ToJsonString());
        Assert.That(KindsFor(forSupport, victimId), Is.EqualTo(new[] { "emergency-protection", "support-plan" }));
        var emergency = forSupport["items"]!.AsArray().Single(i => (string?)i!["victimId"] == victimId && (string)i!["kind"]! == "emergency-protection")!;
        Assert.That(DateTimeOffset.Parse((string)emergency["dueAt"]!), Is.EqualTo(receivedAt.AddHours(12)), "12 hours from the receipt, not from the acceptance");

        // The 5-working-day plan is due on the day it would be for a case received at the report's receipt.
        var control = Reports.Valid();
        control["receivedAt"] = receivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var controlCase = (string)(await Reports.Create(factory.ClientFor(Users.Supervisor), control))["id"]!;
        var controlVictim = (string)(await (await factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{controlCase}/victims",
            new { gender = "male", dateOfBirth = "2014-01-02", identity = new { fullName = "Trẻ Đối Chứng" } })).ShouldBe(HttpStatusCode.Created))["id"]!;
        var all = (await (await factory.ClientFor(Users.VictimSupport).GetAsync("/api/v1/deadlines?limit=500")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        string PlanDue(string id) => (string)all.Single(i => (string?)i!["victimId"] == id && (string)i!["kind"]! == "support-plan")!["dueOn"]!;
        Assert.That(PlanDue(victimId), Is.EqualTo(PlanDue(controlVictim)));
        Assert.That(DateOnly.Parse(PlanDue(victimId)), Is.GreaterThan(DateOnly.FromDateTime(receivedAt.AddHours(7).DateTime).AddDays(5)),
            "five working days, weekends skipped, from the receipt");

        // Thirteen hours after the receipt (eight after the acceptance) the 12-hour clock is overdue.
        clock.UtcNow = receivedAt.AddHours(13);
        var overdue = await (await factory.ClientFor(Users.VictimSupport).GetAsync("/api/v1/deadlines?state=overdue&limit=500")).ShouldBe(HttpStatusCode.OK);
        Assert.That(KindsFor(overdue, victimId), Is.EqualTo(new[] { "emergency-protection" }));

        // The identity is the report's, disclosed to someone on the case for a stated purpose.
        var supervisor = factory.ClientFor(Users.Supervisor);
        await (await supervisor.PostJson($"/api/v1/cases/{caseId}/assignments", new { userId = Users.Supervisor.Sub, role = "supervisor" }))
            .ShouldBe(HttpStatusCode.Created);
        var disclosed = await (await supervisor.PostJson($"/api/v1/victims/{victimId}/identity-disclosures",
            new { purpose = "Liên hệ gia đình để bảo vệ khẩn cấp trẻ" })).ShouldBe(HttpStatusCode.OK);
        Assert.That((string)disclosed["identity"]!["fullName"]!, Is.EqualTo("Pqxzw Thị Lan"));
        Assert.That((string)disclosed["identity"]!["address"]!, Is.EqualTo("Ngõ Qqvb 17"));
        Assert.That((string)disclosed["dateOfBirth"]!, Is.EqualTo("2015-04-09"));

        var view = await factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/victims/{victimId}");
        answers.Add(await view.Content.ReadAsStringAsync());
        var leaks = answers.SelectMany(Find).ToList();
        leaks.AddRange(factory.LogLines.SelectMany(Find).Select(p => "log line: " + p));
        using var check = factory.OpenDatabase();
        foreach (IDictionary<string, object?> row in await check.QueryAsync("SELECT * FROM access_log"))
        {
            leaks.AddRange(row.Values.OfType<string>().SelectMany(Find).Select(p => "access log: " + p));
        }
        foreach (var data in await check.QueryAsync<string>("SELECT data FROM case_events"))
        {
            leaks.AddRange(Find(data).Select(p => "timeline: " + p));
        }
        Assert.That(leaks, Is.Empty);
    }

    [Test]
    public async Task Without_a_date_of_birth_on_the_report_the_police_give_it_once()
    {
        using var factory = new ApiFactory();
        var body = ReportIntakeTests.Body();
        ((Dictionary<string, object?>)body["child"]!).Remove("dateOfBirth");
        var noBirth = await (await factory.ClientFor(Users.ReporterHotline).PostJson("/api/v1/reports", body)).ShouldBe(HttpStatusCode.Created);
        var withBirth = await (await factory.ClientFor(Users.ReporterHotline).PostJson("/api/v1/reports", ReportIntakeTests.Body())).ShouldBe(HttpStatusCode.Created);
        var police = factory.ClientFor(Users.Supervisor);

        var missing = await police.PostJson($"/api/v1/reports/{noBirth["id"]}/accept", new { offenceArticles = new[] { "BLHS-146-1" } });
        var problem = await missing.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "childDateOfBirth" }));
        var twice = await police.PostJson($"/api/v1/reports/{withBirth["id"]}/accept",
            new { offenceArticles = new[] { "BLHS-146-1" }, childDateOfBirth = "2013-06-30" });
        var twiceText = await twice.Content.ReadAsStringAsync();
        Assert.That((await twice.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed"))["errors"]!["childDateOfBirth"], Is.Not.Null);
        Assert.That(Find(twiceText), Is.Empty, "no error echoes a date of birth");
        var adult = await police.PostJson($"/api/v1/reports/{noBirth["id"]}/accept",
            new { offenceArticles = new[] { "BLHS-146-1" }, childDateOfBirth = "1995-01-01" });
        Assert.That((await adult.ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed"))["errors"]!["childDateOfBirth"], Is.Not.Null,
            "the victim age rules apply");
        using (var db = factory.OpenDatabase())
        {
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), Is.Zero, "nothing stored");
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM victims"), Is.Zero);
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE case_id IS NOT NULL"), Is.Zero);
        }

        var created = await (await police.PostJson($"/api/v1/reports/{noBirth["id"]}/accept",
            new { offenceArticles = new[] { "BLHS-146-1" }, childDateOfBirth = "2013-06-30" })).ShouldBe(HttpStatusCode.Created);
        Assert.That((int)created["victimCount"]!, Is.EqualTo(1));
        using var check = factory.OpenDatabase();
        Assert.That(await check.ExecuteScalarAsync<string>("SELECT gender FROM victims WHERE case_id = @Id", new { Id = (string)created["id"]! }),
            Is.EqualTo("not-stated"), "the report does not record a gender");
    }
}
