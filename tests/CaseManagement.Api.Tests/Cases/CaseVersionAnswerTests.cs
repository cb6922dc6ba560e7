using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;

namespace CaseManagement.Api.Tests.Cases;

/// <summary>
/// Every write under a case that moves its version answers with the new version, in the body (<c>caseVersion</c>) and
/// as ETag, the same number the case's status then shows: a client chains its next decision on it without a re-read.
/// </summary>
public sealed class CaseVersionAnswerTests
{
    private static readonly DateTimeOffset Morning = new(2026, 1, 12, 2, 0, 0, TimeSpan.Zero);

    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<int> StatusVersion(string caseId)
    {
        var response = await _factory.ClientFor(Users.Supervisor).GetAsync($"/api/v1/cases/{caseId}/status");
        return (int)(await response.ShouldBe(HttpStatusCode.OK))["version"]!;
    }

    /// <summary>The body's caseVersion, the ETag and the status agree, and the write moved the case one version on.</summary>
    private async Task<JsonNode> ShouldCarryNewVersion(HttpResponseMessage response, HttpStatusCode status, string caseId, int before)
    {
        var body = await response.ShouldBe(status);
        var now = await StatusVersion(caseId);
        Assert.Multiple(() =>
        {
            Assert.That(now, Is.EqualTo(before + 1), "the write moves the case one version on");
            Assert.That((int?)body["caseVersion"], Is.EqualTo(now), "body caseVersion");
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{now}\""), "ETag");
        });
        return body;
    }

    private async Task<(string CaseId, string VictimId)> NewVictim()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victim = await VictimKit.Add(_factory, caseId, VictimKit.Body(name: "Bé " + Guid.NewGuid().ToString("N")[..8]));
        return (caseId, (string)victim["id"]!);
    }

    [Test]
    public async Task Assigning_answers_the_new_version()
    {
        var caseId = (string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["id"]!;
        var before = await StatusVersion(caseId);
        var response = await _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{caseId}/assignments",
            new { userId = Users.Investigator.Sub, role = Users.Investigator.Role, unit = Users.Investigator.Unit });
        await ShouldCarryNewVersion(response, HttpStatusCode.Created, caseId, before);
    }

    [Test]
    public async Task Adding_a_victim_answers_the_new_version()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var before = await StatusVersion(caseId);
        var response = await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/cases/{caseId}/victims",
            VictimKit.Body(name: "Bé " + Guid.NewGuid().ToString("N")[..8]));
        await ShouldCarryNewVersion(response, HttpStatusCode.Created, caseId, before);
    }

    [Test]
    public async Task Adding_a_suspect_answers_the_new_version()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var before = await StatusVersion(caseId);
        var response = await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/cases/{caseId}/suspects", new
        {
            fullName = "Trần Văn Kqzw", dateOfBirth = "1980-02-03", gender = "male", relationshipToVictim = "neighbour", custody = "at-large",
        });
        await ShouldCarryNewVersion(response, HttpStatusCode.Created, caseId, before);
    }

    [Test]
    public async Task Recording_an_interview_answers_the_new_version()
    {
        var (caseId, victimId) = await NewVictim();
        var before = await StatusVersion(caseId);
        var response = await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/interviews", VictimKit.Interview(Morning));
        await ShouldCarryNewVersion(response, HttpStatusCode.Created, caseId, before);
    }

    [Test]
    public async Task Requesting_and_approving_an_interview_answer_the_new_version()
    {
        var (caseId, victimId) = await NewVictim();
        var before = await StatusVersion(caseId);
        var requested = await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/interview-requests",
            new { justification = "Cần làm rõ tình tiết mới phát sinh sau giám định" });
        var request = await ShouldCarryNewVersion(requested, HttpStatusCode.Created, caseId, before);

        before = await StatusVersion(caseId);
        var approved = await _factory.ClientFor(Users.Supervisor).PostAsync($"/api/v1/interview-requests/{request["id"]}/approve", null);
        await ShouldCarryNewVersion(approved, HttpStatusCode.OK, caseId, before);
    }

    [Test]
    public async Task Rejecting_an_interview_request_answers_the_new_version()
    {
        var (caseId, victimId) = await NewVictim();
        var request = await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/interview-requests",
            new { justification = "Cần làm rõ tình tiết mới phát sinh sau giám định" })).ShouldBe(HttpStatusCode.Created);
        var before = await StatusVersion(caseId);
        var rejected = await _factory.ClientFor(Users.Supervisor).PostAsync($"/api/v1/interview-requests/{request["id"]}/reject", null);
        await ShouldCarryNewVersion(rejected, HttpStatusCode.OK, caseId, before);
    }

    [Test]
    public async Task Emergency_assessment_and_support_plan_answer_the_new_version()
    {
        var (caseId, victimId) = await NewVictim();
        await VictimKit.SelfAssign(_factory, caseId, Users.VictimSupport);
        var support = _factory.ClientFor(Users.VictimSupport);

        var before = await StatusVersion(caseId);
        var assessed = await support.PostJson($"/api/v1/victims/{victimId}/emergency-assessments", new
        {
            assessedAt = DateTimeOffset.UtcNow.AddMinutes(-5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            seriousRisk = true,
            measures = new[] { "safe-place" },
        });
        await ShouldCarryNewVersion(assessed, HttpStatusCode.Created, caseId, before);

        before = await StatusVersion(caseId);
        var planned = await support.PostJson($"/api/v1/victims/{victimId}/support-plans", new
        {
            approvedOn = DateTimeOffset.UtcNow.AddHours(7).ToString("yyyy-MM-dd"),
            measures = new[] { "psychological" },
        });
        await ShouldCarryNewVersion(planned, HttpStatusCode.Created, caseId, before);
    }

    [Test]
    public async Task Protective_measures_answer_the_new_version()
    {
        var (caseId, victimId) = await NewVictim();
        var before = await StatusVersion(caseId);
        var response = await _factory.ClientFor(Users.Supervisor).PutAsync($"/api/v1/victims/{victimId}/protective-measures", Http.JsonBody(new
        {
            closedHearing = true, videoLinkTestimony = true, noConfrontation = true, supportPersonAtHearing = true, identityWithheldFromJudgment = true,
        }));
        await ShouldCarryNewVersion(response, HttpStatusCode.OK, caseId, before);
    }

    [Test]
    public async Task Support_referral_and_its_update_answer_the_new_version()
    {
        var (caseId, victimId) = await NewVictim();
        var before = await StatusVersion(caseId);
        var referred = await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/support-referrals",
            new { kind = "shelter", toUnit = Users.VictimSupport.Unit });
        var referral = await ShouldCarryNewVersion(referred, HttpStatusCode.Created, caseId, before);

        before = await StatusVersion(caseId);
        var updated = await _factory.ClientFor(Users.VictimSupport).PatchAsync($"/api/v1/support-referrals/{(string)referral["id"]!}",
            Http.JsonBody(new { status = "declined" }));
        await ShouldCarryNewVersion(updated, HttpStatusCode.OK, caseId, before);
    }
}
