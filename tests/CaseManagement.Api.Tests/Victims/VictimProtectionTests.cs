using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Victims;

public sealed class VictimProtectionTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new Dictionary<string, string?> { ["RateLimits:DisclosuresPerWindow"] = "3" });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static object Purpose => new { purpose = "Chuẩn bị phiên tòa xét xử kín" };

    private byte[] Blob(string victimId)
    {
        using var db = _factory.OpenDatabase();
        return db.ExecuteScalar<byte[]>("SELECT identity_ciphertext FROM victims WHERE id = @Id", new { Id = victimId })!;
    }

    private void SetBlob(string victimId, byte[] blob)
    {
        using var db = _factory.OpenDatabase();
        db.Execute("UPDATE victims SET identity_ciphertext = @Blob WHERE id = @Id", new { Blob = blob, Id = victimId });
    }

    [Test]
    public async Task A_tampered_ciphertext_fails_loudly_and_discloses_nothing()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var blob = Blob(victimId);
        blob[^20] ^= 0x01;
        SetBlob(victimId, blob);
        await VictimKit.SelfAssign(_factory, caseId, Users.Supervisor);

        var response = await _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose);
        var problem = await response.ShouldBeProblem(HttpStatusCode.InternalServerError, "identity.integrity-failed");
        Assert.That(problem.ToJsonString(), Does.Not.Contain("Zyxwvu"));
        Assert.That(_factory.LogLines, Has.Some.Contains("failed its integrity check").And.Contains(victimId));
    }

    [Test]
    public async Task A_ciphertext_moved_to_another_victims_row_does_not_decrypt()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var a = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var b = (string)(await VictimKit.Add(_factory, caseId, VictimKit.Body(name: "Lê Văn Khác")))["id"]!;
        SetBlob(b, Blob(a));
        await VictimKit.SelfAssign(_factory, caseId, Users.Supervisor);
        await VictimKit.SelfAssign(_factory, caseId, Users.ProsecutorKv1);

        var response = await _factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/victims/{b}/identity-disclosures", Purpose);
        await response.ShouldBeProblem(HttpStatusCode.InternalServerError, "identity.integrity-failed");
        await (await _factory.ClientFor(Users.ProsecutorKv1).PostJson($"/api/v1/victims/{a}/identity-disclosures", Purpose)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Disclosures_need_a_purpose_and_a_burst_of_them_is_refused()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var judge = new TestUser("vks-kv1-burst", "prosecutor", "VKS-KV1");
        var client = _factory.ClientFor(judge);
        await VictimKit.SelfAssign(_factory, caseId, judge);
        await VictimKit.SelfAssign(_factory, caseId, Users.ProsecutorKv1b);
        await (await client.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", new { purpose = "xem" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "identity.purpose-required");
        await (await client.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose)).ShouldBe(HttpStatusCode.OK);
        await (await client.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose)).ShouldBe(HttpStatusCode.OK);
        var refused = await client.PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose);
        await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.rate-limited");
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        // Another user is not held back by this one's burst.
        await (await _factory.ClientFor(Users.ProsecutorKv1b).PostJson($"/api/v1/victims/{victimId}/identity-disclosures", Purpose)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Only_those_the_contract_names_may_disclose()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var url = $"/api/v1/victims/{victimId}/identity-disclosures";
        await (await _factory.ClientFor(Users.Investigator).PostJson(url, Purpose)).ShouldBe(HttpStatusCode.OK);
        await (await _factory.ClientFor(Users.Investigator2).PostJson(url, Purpose)).ShouldBeProblem(HttpStatusCode.Forbidden, "identity.not-assigned");
        await (await _factory.ClientFor(Users.SupervisorCauGiay).PostJson(url, Purpose)).ShouldBeProblem(HttpStatusCode.NotFound, "victim.not-found");
        await (await _factory.ClientFor(Users.ProsecutorKv2).PostJson(url, Purpose)).ShouldBeProblem(HttpStatusCode.NotFound, "victim.not-found");
        await (await _factory.ClientFor(Users.Auditor).PostJson(url, Purpose)).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.Admin).PostJson(url, Purpose)).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        // The city's social-welfare unit learns who the child is once the child is referred to it, not before.
        await (await _factory.ClientFor(Users.VictimSupport).PostJson(url, Purpose)).ShouldBeProblem(HttpStatusCode.Forbidden, "identity.not-assigned");
        await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/support-referrals",
            new { kind = "psychological", toUnit = Users.VictimSupport.Unit })).ShouldBe(HttpStatusCode.Created);
        await (await _factory.ClientFor(Users.VictimSupport).PostJson(url, Purpose)).ShouldBe(HttpStatusCode.OK);

        using var db = _factory.OpenDatabase();
        var denied = db.ExecuteScalar<long>("SELECT COUNT(*) FROM access_log WHERE victim_id = @Id AND outcome = 'denied'", new { Id = victimId });
        Assert.That(denied, Is.EqualTo(6));
    }

    [Test]
    public async Task The_same_child_on_a_new_case_is_recognised_and_points_to_the_existing_recording()
    {
        var first = await VictimKit.CaseWithInvestigator(_factory);
        var name = "Phạm Thị Hồng " + Guid.NewGuid().ToString("N")[..6];
        var dob = new DateOnly(2015, 7, 9);
        var original = (string)(await VictimKit.Add(_factory, first, VictimKit.Body(name, dob)))["id"]!;
        var interview = await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{original}/interviews",
            VictimKit.Interview(new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero)))).ShouldBe(HttpStatusCode.Created);

        var second = await VictimKit.CaseWithInvestigator(_factory);
        var again = await VictimKit.Add(_factory, second, VictimKit.Body("  " + name.ToUpperInvariant().Replace(" ", "   ") + " ", dob), Users.Supervisor);
        Assert.Multiple(() =>
        {
            Assert.That((bool?)again["knownInOtherCases"], Is.True);
            Assert.That(again["linkedCaseIds"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { first }));
            Assert.That((string?)again["existingRecordings"]![0]!["interviewId"], Is.EqualTo((string?)interview["id"]));
        });

        // Another district's supervisor learns the child is known, but not which cases it is on.
        var caugiay = await Reports.Create(_factory.ClientFor(Users.SupervisorCauGiay), new Dictionary<string, object?>(Reports.Valid()));
        var elsewhere = await VictimKit.Add(_factory, (string)caugiay["id"]!, VictimKit.Body(name, dob), Users.SupervisorCauGiay);
        Assert.That((bool?)elsewhere["knownInOtherCases"], Is.True);
        Assert.That(elsewhere["linkedCaseIds"]!.AsArray(), Is.Empty);
        Assert.That(elsewhere["existingRecordings"]!.AsArray(), Is.Empty);

        var other = await VictimKit.Add(_factory, second, VictimKit.Body(name, dob.AddDays(1)), Users.Supervisor);
        Assert.That((bool?)other["knownInOtherCases"], Is.False);
    }

    [Test]
    public async Task The_generated_keys_are_readable_by_the_service_user_alone()
    {
        await VictimKit.Add(_factory, await VictimKit.CaseWithInvestigator(_factory));
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("File modes are a Unix notion.");
            return;
        }
        var key = Path.Combine(_factory.DataDirectory, "identity-key-1.key");
        var blind = Path.Combine(_factory.DataDirectory, "blind-index.key");
        Assert.That(File.GetUnixFileMode(key), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(blind), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Protective_measures_decide_whether_the_hearing_is_closed_and_referrals_follow_their_flow()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        var open = new { closedHearing = false, videoLinkTestimony = true, noConfrontation = true, supportPersonAtHearing = true, identityWithheldFromJudgment = true };
        await (await _factory.ClientFor(Users.Investigator).PutAsync($"/api/v1/victims/{victimId}/protective-measures", Http.JsonBody(open)))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        var view = await (await _factory.ClientFor(Users.ProsecutorKv1).PutAsync($"/api/v1/victims/{victimId}/protective-measures", Http.JsonBody(open)))
            .ShouldBe(HttpStatusCode.OK);
        Assert.That((bool?)view["protectiveMeasures"]?["videoLinkTestimony"], Is.True);
        using (var db = _factory.OpenDatabase())
        {
            Assert.That(db.ExecuteScalar<long>("SELECT closed_hearing FROM cases WHERE id = @Id", new { Id = caseId }), Is.Zero);
        }
        await (await _factory.ClientFor(Users.Supervisor).PutAsync($"/api/v1/victims/{victimId}/protective-measures", Http.JsonBody(open with { closedHearing = true })))
            .ShouldBe(HttpStatusCode.OK);
        using (var db = _factory.OpenDatabase())
        {
            Assert.That(db.ExecuteScalar<long>("SELECT closed_hearing FROM cases WHERE id = @Id", new { Id = caseId }), Is.EqualTo(1));
        }

        var referral = await (await _factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/support-referrals",
            new { kind = "legal-aid", toUnit = "BVTE-HN" })).ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/support-referrals/{referral["id"]}";
        Assert.That((string?)referral["status"], Is.EqualTo("created"));
        await (await _factory.ClientFor(Users.Investigator).PatchAsync(url, Http.JsonBody(new { status = "accepted" }))).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await _factory.ClientFor(Users.VictimSupport).PatchAsync(url, Http.JsonBody(new { status = "completed" })))
            .ShouldBeProblem(HttpStatusCode.Conflict, "support-referral.transition-not-allowed");
        await (await _factory.ClientFor(Users.VictimSupport).PatchAsync(url, Http.JsonBody(new { status = "accepted" }))).ShouldBe(HttpStatusCode.OK);
        await (await _factory.ClientFor(Users.VictimSupport).PatchAsync(url, Http.JsonBody(new { status = "in-progress" }))).ShouldBe(HttpStatusCode.OK);
        var done = await (await _factory.ClientFor(Users.VictimSupport).PatchAsync(url, Http.JsonBody(new { status = "completed" }))).ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)done["status"], Is.EqualTo("completed"));
        await (await _factory.ClientFor(Users.VictimSupport).PatchAsync(url, Http.JsonBody(new { status = "declined" })))
            .ShouldBeProblem(HttpStatusCode.Conflict, "support-referral.transition-not-allowed");
        var victim = await (await _factory.ClientFor(Users.VictimSupport).GetAsync($"/api/v1/victims/{victimId}")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string?)victim["referrals"]![0]!["status"], Is.EqualTo("completed"));
    }
}
