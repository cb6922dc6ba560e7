using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Dapper;

namespace CaseManagement.Api.Tests.Security;

/// <summary>Recognising the same child protects them; it must not become a lookup of other units' cases.</summary>
public sealed class LinkingTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new Dictionary<string, string?> { ["Linking:MaxMatchesPerDay"] = "2" });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    /// <summary>A case of the Cầu Giấy police with its investigator assigned.</summary>
    private async Task<string> CauGiayCase()
    {
        var caseId = (string)(await Reports.Create(_factory.ClientFor(Users.InvestigatorCauGiay)))["id"]!;
        await (await _factory.ClientFor(Users.SupervisorCauGiay).PostJson($"/api/v1/cases/{caseId}/assignments",
            new { userId = Users.InvestigatorCauGiay.Sub, role = "investigator" })).ShouldBe(HttpStatusCode.Created);
        return caseId;
    }

    [Test]
    public async Task An_out_of_scope_match_is_logged_with_its_case_and_shown_to_the_other_unit_but_never_named_in_the_answer()
    {
        var name = "Hoàng Thị Liên " + Guid.NewGuid().ToString("N")[..6];
        var dob = new DateOnly(2013, 9, 2);
        var hoanKiem = await VictimKit.CaseWithInvestigator(_factory);
        var original = await VictimKit.Add(_factory, hoanKiem, VictimKit.Body(name, dob));

        var cauGiay = await CauGiayCase();
        var response = await _factory.ClientFor(Users.InvestigatorCauGiay).PostJson($"/api/v1/cases/{cauGiay}/victims", VictimKit.Body(name, dob));
        var text = await response.Content.ReadAsStringAsync();
        var added = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That((bool?)added["knownInOtherCases"], Is.True, "the child is recognised, so no second questioning");
            Assert.That(added["linkedCaseIds"]!.AsArray(), Is.Empty);
            Assert.That(text, Does.Not.Contain(hoanKiem), "no case outside the caller's scope is named in the answer");
            Assert.That(text, Does.Not.Contain((string)original["code"]!));
        });

        using var db = _factory.OpenDatabase();
        var seq = await db.ExecuteScalarAsync<long>(
            "SELECT seq FROM access_log WHERE action = 'victim.create' AND actor_id = @A AND resource_id = @R",
            new { A = Users.InvestigatorCauGiay.Sub, R = (string)added["id"]! });
        var named = (await db.QueryAsync<string>("SELECT case_id FROM access_log_cases WHERE seq = @S", new { S = seq })).ToList();
        Assert.That(named, Does.Contain(hoanKiem).And.Contain(cauGiay), "the entry names the matched case, in scope or not");

        // Hoàn Kiếm sees that its child was matched elsewhere, by whom, without what Cầu Giấy recorded.
        var timeline = await (await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/cases/{hoanKiem}/timeline")).ShouldBe(HttpStatusCode.OK);
        var linked = timeline["items"]!.AsArray().Single(e => (string?)e!["kind"] == "victim-linked-elsewhere")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)linked["actorUnit"], Is.EqualTo(Users.InvestigatorCauGiay.Unit));
            Assert.That((string?)linked["data"]!["victimId"], Is.EqualTo((string)original["id"]!));
            Assert.That(linked.ToJsonString(), Does.Not.Contain(cauGiay).And.Not.Contain((string)added["id"]!).And.Not.Contain((string)added["code"]!));
        });
        // Cầu Giấy's own timeline says nothing of Hoàn Kiếm's case.
        var own = await (await _factory.ClientFor(Users.InvestigatorCauGiay).GetAsync($"/api/v1/cases/{cauGiay}/timeline")).Content.ReadAsStringAsync();
        Assert.That(own, Does.Not.Contain(hoanKiem));
    }

    [Test]
    public async Task A_user_whose_victims_match_other_units_cases_too_often_in_a_day_is_flagged()
    {
        var flaggedUser = new TestUser("inv-cg-sweep", "investigator", "CA-P-CAUGIAY");
        var flags = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var name = $"Trẻ trùng {i} " + Guid.NewGuid().ToString("N")[..6];
            await VictimKit.Add(_factory, await VictimKit.CaseWithInvestigator(_factory), VictimKit.Body(name));
            var caseId = (string)(await Reports.Create(_factory.ClientFor(flaggedUser)))["id"]!;
            await (await _factory.ClientFor(Users.SupervisorCauGiay).PostJson($"/api/v1/cases/{caseId}/assignments",
                new { userId = flaggedUser.Sub, role = "investigator" })).ShouldBe(HttpStatusCode.Created);
            await (await _factory.ClientFor(flaggedUser).PostJson($"/api/v1/cases/{caseId}/victims", VictimKit.Body(name))).ShouldBe(HttpStatusCode.Created);
            using var db = _factory.OpenDatabase();
            flags.Add(await db.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM access_log WHERE action = 'linking.threshold-exceeded' AND actor_id = @A AND resource_id = @A",
                new { A = flaggedUser.Sub }));
        }
        Assert.That(flags, Is.EqualTo(new long[] { 0, 0, 1, 2 }), "flagged from the third match of the day (more than 2)");

        var auditor = await (await _factory.ClientFor(Users.Auditor).GetAsync($"/api/v1/audit/entries?action=linking.threshold-exceeded&actorId={flaggedUser.Sub}"))
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(auditor["items"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(auditor["items"]!.AsArray().All(e => e!["caseIds"]!.AsArray().Count == 1), Is.True, "each flag names the other unit's case");
    }
}
