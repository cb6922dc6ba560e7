using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Victims;

public sealed class VictimIdentityTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task A_victim_is_recorded_with_a_code_and_age_band_and_the_identity_is_stored_encrypted()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victim = await VictimKit.Add(_factory, caseId);
        var text = victim.ToJsonString();
        Assert.Multiple(() =>
        {
            Assert.That((string?)victim["code"], Does.Match("^V-[A-Z2-9]{8}$"));
            Assert.That((string?)victim["ageBand"], Is.Not.Null);
            Assert.That((bool?)victim["knownInOtherCases"], Is.False);
            Assert.That(text, Does.Not.Contain("Zyxwvu").And.Not.Contain("2014-03-05").And.Not.Contain(VictimKit.PlantedPhone));
        });

        var status = await (await _factory.ClientFor(Users.ProsecutorKv1).GetAsync($"/api/v1/cases/{caseId}/status")).ShouldBe(HttpStatusCode.OK);
        Assert.That((int?)status["victimCount"], Is.EqualTo(1));

        using var db = _factory.OpenDatabase();
        var blob = db.ExecuteScalar<byte[]>("SELECT identity_ciphertext FROM victims WHERE code = @Code", new { Code = (string)victim["code"]! });
        Assert.That(blob, Is.Not.Null);
        Assert.That(System.Text.Encoding.UTF8.GetString(blob!), Does.Not.Contain("Zyxwvu"));
    }

    [Test]
    public async Task The_prosecutor_discloses_the_identity_with_a_purpose_and_the_access_log_shows_who_and_why()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var victim = await VictimKit.Add(_factory, caseId);
        var id = (string)victim["id"]!;
        await VictimKit.SelfAssign(_factory, caseId, Users.ProsecutorKv1);
        var response = await _factory.ClientFor(Users.ProsecutorKv1).PostJson($"/api/v1/victims/{id}/identity-disclosures",
            new { purpose = "Lập cáo trạng: cần họ tên bị hại theo quy định" });
        var disclosure = await response.ShouldBe(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That((string?)disclosure["identity"]?["fullName"], Is.EqualTo(VictimKit.PlantedName));
            Assert.That((string?)disclosure["dateOfBirth"], Is.EqualTo("2014-03-05"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });

        using var db = _factory.OpenDatabase();
        var entry = db.QuerySingle<(string ActorId, string Purpose, string Outcome)>(
            "SELECT actor_id AS ActorId, purpose AS Purpose, outcome AS Outcome FROM access_log WHERE action = 'victim.identity.disclose' AND victim_id = @Id",
            new { Id = id });
        Assert.Multiple(() =>
        {
            Assert.That(entry.ActorId, Is.EqualTo(Users.ProsecutorKv1.Sub));
            Assert.That(entry.Purpose, Is.EqualTo("Lập cáo trạng: cần họ tên bị hại theo quy định"));
            Assert.That(entry.Outcome, Is.EqualTo("allowed"));
        });
    }
}
