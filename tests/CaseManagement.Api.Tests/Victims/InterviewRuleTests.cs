using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Victims;

public sealed class InterviewRuleTests
{
    // 09:00 in Hanoi (UTC+7) on a past day.
    private static readonly DateTimeOffset Morning = new(2026, 1, 12, 2, 0, 0, TimeSpan.Zero);

    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<(string CaseId, string VictimId)> NewVictim()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victim = await VictimKit.Add(_factory, caseId, VictimKit.Body(name: "Bé " + Guid.NewGuid().ToString("N")[..8]));
        return (caseId, (string)victim["id"]!);
    }

    private Task<HttpResponseMessage> Record(string victimId, Dictionary<string, object?> body, TestUser? user = null) =>
        _factory.ClientFor(user ?? Users.Investigator).PostJson($"/api/v1/victims/{victimId}/interviews", body);

    private async Task<string> Approval(string victimId)
    {
        var request = await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/interview-requests",
            new { justification = "Cần làm rõ tình tiết mới phát sinh sau giám định" })).ShouldBe(HttpStatusCode.Created);
        var approved = await (await _factory.ClientFor(Users.Supervisor).PostAsync($"/api/v1/interview-requests/{request["id"]}/approve", null))
            .ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)approved["status"], Is.EqualTo("approved"));
        return (string)request["id"]!;
    }

    [Test]
    public async Task A_second_interview_is_refused_with_the_date_of_the_recording_until_someone_else_approves_one_further_session()
    {
        var (caseId, victimId) = await NewVictim();
        await VictimKit.Assign(_factory, caseId, Users.Investigator2);
        await (await Record(victimId, VictimKit.Interview(Morning))).ShouldBe(HttpStatusCode.Created);

        var refused = await (await Record(victimId, VictimKit.Interview(Morning.AddDays(3)), Users.Investigator2))
            .ShouldBeProblem(HttpStatusCode.Conflict, "interview.repeat-requires-approval");
        Assert.That((string?)refused["detail"], Does.Contain("2026-01-12").And.Contain("recording"));

        var request = await (await _factory.ClientFor(Users.Investigator2).PostJson($"/api/v1/victims/{victimId}/interview-requests",
            new { justification = "Bị can khai thêm tình tiết mới cần đối chiếu" })).ShouldBe(HttpStatusCode.Created);
        var requestId = (string)request["id"]!;
        await (await Record(victimId, VictimKit.Interview(Morning.AddDays(3), approvalId: requestId), Users.Investigator2))
            .ShouldBeProblem(HttpStatusCode.Conflict, "interview.approval-not-usable");

        await (await _factory.ClientFor(Users.Supervisor).PostAsync($"/api/v1/interview-requests/{requestId}/approve", null)).ShouldBe(HttpStatusCode.OK);
        await (await _factory.ClientFor(Users.ProsecutorKv1).PostAsync($"/api/v1/interview-requests/{requestId}/reject", null))
            .ShouldBeProblem(HttpStatusCode.Conflict, "interview-request.already-decided");

        await (await Record(victimId, VictimKit.Interview(Morning.AddDays(3), approvalId: requestId), Users.Investigator2)).ShouldBe(HttpStatusCode.Created);
        // An approval serves once.
        await (await Record(victimId, VictimKit.Interview(Morning.AddDays(4), approvalId: requestId), Users.Investigator2))
            .ShouldBeProblem(HttpStatusCode.Conflict, "interview.approval-not-usable");

        var status = await (await _factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK);
        Assert.That((int?)status["interviewCount"], Is.EqualTo(2));
        var list = await (await _factory.ClientFor(Users.ProsecutorKv1).GetAsync($"/api/v1/victims/{victimId}/interviews")).ShouldBe(HttpStatusCode.OK);
        Assert.That(list["items"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That((string?)list["items"]![1]!["approvalId"], Is.EqualTo(requestId));
    }

    [Test]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var (_, victimId) = await NewVictim();
        var request = await (await _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/victims/{victimId}/interview-requests",
            new { justification = "Cần hỏi thêm về thời điểm xảy ra sự việc" })).ShouldBe(HttpStatusCode.Created);
        await (await _factory.ClientFor(Users.Supervisor).PostAsync($"/api/v1/interview-requests/{request["id"]}/approve", null))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "interview-request.self-approval");
        await (await _factory.ClientFor(Users.Investigator).PostAsync($"/api/v1/interview-requests/{request["id"]}/approve", null))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.ProsecutorKv2).PostAsync($"/api/v1/interview-requests/{request["id"]}/approve", null))
            .ShouldBeProblem(HttpStatusCode.NotFound, "interview-request.not-found");
        var approved = await (await _factory.ClientFor(Users.ProsecutorKv1).PostAsync($"/api/v1/interview-requests/{request["id"]}/approve", null))
            .ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)approved["decidedBy"], Is.EqualTo(Users.ProsecutorKv1.Sub));
    }

    [TestCase(120, HttpStatusCode.Created)]
    [TestCase(121, HttpStatusCode.UnprocessableEntity)]
    public async Task A_session_lasts_at_most_120_minutes(int minutes, HttpStatusCode expected)
    {
        var (_, victimId) = await NewVictim();
        var response = await Record(victimId, VictimKit.Interview(Morning, minutes));
        if (expected == HttpStatusCode.Created)
        {
            await response.ShouldBe(expected);
        }
        else
        {
            await response.ShouldBeProblem(expected, "interview.session-limit");
        }
    }

    [Test]
    public async Task A_support_person_must_attend()
    {
        var (_, victimId) = await NewVictim();
        await (await Record(victimId, VictimKit.Interview(Morning, supportPerson: false)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "interview.support-person-required");
        using var db = _factory.OpenDatabase();
        Assert.That(db.ExecuteScalar<long>("SELECT COUNT(*) FROM interviews WHERE victim_id = @Id", new { Id = victimId }), Is.Zero);
    }

    [Test]
    public async Task Two_sessions_a_Hanoi_day_and_a_third_only_after_Hanoi_midnight()
    {
        var (_, victimId) = await NewVictim();
        await (await Record(victimId, VictimKit.Interview(Morning))).ShouldBe(HttpStatusCode.Created);
        await (await Record(victimId, VictimKit.Interview(Morning.AddHours(5), approvalId: await Approval(victimId)))).ShouldBe(HttpStatusCode.Created);

        // 23:00 in Hanoi, the same day: a third session.
        var third = await Approval(victimId);
        await (await Record(victimId, VictimKit.Interview(Morning.AddHours(14), approvalId: third)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "interview.session-limit");
        // 00:30 in Hanoi the next day (still the same day in UTC): allowed, with the approval not spent by the refusal.
        await (await Record(victimId, VictimKit.Interview(Morning.AddHours(15.5), approvalId: third))).ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task An_investigator_not_assigned_to_the_case_cannot_record_an_interview()
    {
        var (_, victimId) = await NewVictim();
        await (await Record(victimId, VictimKit.Interview(Morning), Users.Investigator2)).ShouldBeProblem(HttpStatusCode.Forbidden, "case.not-assigned");
        await (await Record(victimId, VictimKit.Interview(Morning), Users.InvestigatorCauGiay)).ShouldBeProblem(HttpStatusCode.NotFound, "victim.not-found");
        await (await Record(victimId, VictimKit.Interview(Morning), Users.ProsecutorKv1)).ShouldBe(HttpStatusCode.Created);
    }
}
