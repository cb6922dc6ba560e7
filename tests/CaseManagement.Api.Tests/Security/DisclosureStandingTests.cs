using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Dapper;

namespace CaseManagement.Api.Tests.Security;

/// <summary>Scope lets a unit read a case; only those on the case learn who the child is.</summary>
public sealed class DisclosureStandingTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static object Purpose => new { purpose = "Đối chiếu hồ sơ trước phiên họp liên ngành" };

    public static IEnumerable<TestCaseData> WideScopes() =>
    [
        new TestCaseData(Users.ProsecutorKv1).SetArgDisplayNames("unassigned prosecutor of the supervising procuracy"),
        new TestCaseData(Users.SupervisorCity).SetArgDisplayNames("city-level supervisor"),
        new TestCaseData(Users.ProsecutorCity).SetArgDisplayNames("prosecutor of the city procuracy"),
        new TestCaseData(Users.VictimSupport).SetArgDisplayNames("city victim-support unit without a referral"),
    ];

    [TestCaseSource(nameof(WideScopes))]
    public async Task A_caller_who_sees_the_case_but_is_not_on_it_is_refused_the_identity_and_still_reads_the_case(TestUser caller)
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var client = _factory.ClientFor(caller);

        var refused = await client.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose);
        var problem = await refused.ShouldBeProblem(HttpStatusCode.Forbidden, "identity.not-assigned");
        Assert.That(problem.ToJsonString(), Does.Not.Contain("Zyxwvu").And.Not.Contain("2014-03-05"));

        // The scoped reads stay open.
        await (await client.GetAsync($"/api/v1/victims/{victimId}")).ShouldBe(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK);

        using (var db = _factory.OpenDatabase())
        {
            var entry = await db.QuerySingleAsync<(string Outcome, long Status)>(
                "SELECT outcome AS Outcome, status_code AS Status FROM access_log WHERE victim_id = @V AND actor_id = @A AND action = 'victim.identity.disclose'",
                new { V = victimId, A = caller.Sub });
            Assert.That(entry, Is.EqualTo(("denied", 403L)));
        }

        // Once on the case (assigned, or for the social-welfare unit a referral of this child), the same caller may.
        if (caller.Role == "victim-support")
        {
            await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/support-referrals",
                new { kind = "shelter", toUnit = caller.Unit })).ShouldBe(HttpStatusCode.Created);
        }
        else
        {
            await VictimKit.SelfAssign(_factory, caseId, caller);
        }
        var allowed = await (await client.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose)).ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)allowed["identity"]?["fullName"], Is.EqualTo(VictimKit.PlantedName));
    }

    [Test]
    public async Task A_closed_referral_no_longer_opens_the_identity()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var referral = await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/support-referrals",
            new { kind = "shelter", toUnit = Users.VictimSupport.Unit })).ShouldBe(HttpStatusCode.Created);
        var support = _factory.ClientFor(Users.VictimSupport);
        await (await support.PatchAsync($"/api/v1/support-referrals/{(string)referral["id"]!}", Http.JsonBody(new { status = "declined" })))
            .ShouldBe(HttpStatusCode.OK);
        await (await support.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "identity.not-assigned");
    }

    [Test]
    public async Task The_court_hearing_the_case_may_disclose_and_the_court_above_only_on_appeal()
    {
        var cityJudge = new TestUser("ta-hn-1", "judge", "TA-HN");
        var walker = new Decisions.CaseWalker(_factory);
        foreach (var (stage, cityMay) in new[] { (CaseManagement.Domain.Cases.CaseStage.AwaitingTrial, false), (CaseManagement.Domain.Cases.CaseStage.Appeal, true) })
        {
            var caseId = await walker.CaseAt(stage);
            await VictimKit.Assign(_factory, caseId, Users.Investigator);
            var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
            var url = $"/api/v1/victims/{victimId}/identity-disclosures";

            await (await _factory.ClientFor(Users.JudgeKv1).PostJson(url, Purpose)).ShouldBe(HttpStatusCode.OK);
            await (await _factory.ClientFor(cityJudge).GetAsync($"/api/v1/victims/{victimId}")).ShouldBe(HttpStatusCode.OK);
            var city = await _factory.ClientFor(cityJudge).PostJson(url, Purpose);
            if (cityMay)
            {
                await city.ShouldBe(HttpStatusCode.OK);
            }
            else
            {
                await city.ShouldBeProblem(HttpStatusCode.Forbidden, "identity.not-assigned");
            }
        }
    }

    [Test]
    public async Task A_judge_of_a_court_not_hearing_the_case_is_refused()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        // No court yet: no judge sees it, so the answer is the same as for a victim that does not exist.
        await (await _factory.ClientFor(Users.JudgeKv1).PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose))
            .ShouldBeProblem(HttpStatusCode.NotFound, "victim.not-found");
    }
}
