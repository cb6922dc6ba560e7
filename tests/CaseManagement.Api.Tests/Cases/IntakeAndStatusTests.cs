using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Cases;

public sealed class IntakeAndStatusTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task An_investigator_records_a_report_and_the_supervising_procuracy_reads_its_status()
    {
        var created = await Reports.Create(_factory.ClientFor(Users.Investigator));
        var id = (string)created["id"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)created["stage"], Is.EqualTo("reported"));
            Assert.That((string?)created["caseNumber"], Does.Match(@"^HN-\d{4}-\d{6}$"));
            Assert.That((string?)created["handlingUnit"], Is.EqualTo("CA-P-HOANKIEM"));
            Assert.That((string?)created["procuracyUnit"], Is.EqualTo("VKS-KV1"));
            Assert.That((int?)created["version"], Is.EqualTo(1));
            Assert.That((string?)created["nextDeadline"]?["kind"], Is.EqualTo("verification"));
        });

        var asInvestigator = await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/cases/{id}/status");
        var status = await asInvestigator.ShouldBe(HttpStatusCode.OK);
        Assert.That(asInvestigator.Headers.ETag?.Tag, Is.EqualTo("\"1\""));

        var asProsecutor = await _factory.ClientFor(Users.ProsecutorKv1).GetAsync($"/api/v1/cases/{id}/status");
        var prosecutorView = await asProsecutor.ShouldBe(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That((string?)prosecutorView["caseNumber"], Is.EqualTo((string?)created["caseNumber"]));
            Assert.That((string?)prosecutorView["stage"], Is.EqualTo("reported"));
            Assert.That((int?)prosecutorView["victimCount"], Is.EqualTo(0));
            Assert.That((int?)status["version"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_prosecutor_of_another_region_gets_404_exactly_as_for_a_case_that_does_not_exist()
    {
        var created = await Reports.Create(_factory.ClientFor(Users.Investigator));
        var other = _factory.ClientFor(Users.ProsecutorKv2);

        var outOfScope = await other.GetAsync($"/api/v1/cases/{created["id"]}/status");
        var missing = await other.GetAsync($"/api/v1/cases/{Guid.CreateVersion7()}/status");

        var a = await outOfScope.ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        var b = await missing.ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        Assert.That((string?)a["detail"], Is.EqualTo((string?)b["detail"]));
    }

    [Test]
    public async Task City_level_sees_the_cases_of_its_sub_units_and_a_sibling_ward_does_not()
    {
        var created = await Reports.Create(_factory.ClientFor(Users.Investigator));
        var url = $"/api/v1/cases/{created["id"]}";

        await (await _factory.ClientFor(Users.ProsecutorCity).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        await (await _factory.ClientFor(Users.SupervisorCity).GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        await (await _factory.ClientFor(Users.InvestigatorCauGiay).GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        // No court holds the case before an indictment.
        await (await _factory.ClientFor(Users.JudgeKv1).GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
    }

    [Test]
    public async Task The_case_reads_back_with_its_offences_category_and_Vietnamese_text_unchanged()
    {
        var body = Reports.Valid();
        body["summary"] = "Cháu bé kể lại với cô giáo chủ nhiệm; gia đình đề nghị giữ bí mật. Ưu tiên xử lý.";
        body["offenceArticles"] = new[] { "BLHS-146-1", "BLHS-142-1" };
        var created = await Reports.Create(_factory.ClientFor(Users.Investigator), body);

        var read = await (await _factory.ClientFor(Users.Investigator).GetAsync($"/api/v1/cases/{created["id"]}")).ShouldBe(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That((string?)read["summary"], Is.EqualTo(body["summary"]));
            Assert.That((string?)read["category"], Is.EqualTo("very-serious"), "the gravest offence sets the category");
            Assert.That(read["offences"]!.AsArray().Select(o => (string?)o!["code"]), Is.EquivalentTo(new[] { "BLHS-142-1", "BLHS-146-1" }));
        });
    }

    [Test]
    public async Task The_social_worker_view_leaves_out_the_confidential_summary()
    {
        var created = await Reports.Create(_factory.ClientFor(Users.Investigator));
        var read = await (await _factory.ClientFor(Users.VictimSupport).GetAsync($"/api/v1/cases/{created["id"]}")).ShouldBe(HttpStatusCode.OK);
        Assert.That(read["summary"], Is.Null);
    }

    [Test]
    public async Task Created_answers_with_the_location_of_the_case_and_its_etag()
    {
        var response = await _factory.ClientFor(Users.Supervisor).PostJson("/api/v1/cases", Reports.Valid());
        var created = await response.ShouldBe(HttpStatusCode.Created);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/cases/{created["id"]}"));
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));

        using var db = _factory.OpenDatabase();
        var events = await db.QueryAsync<string>("SELECT kind FROM case_events WHERE case_id = @Id", new { Id = (string)created["id"]! });
        Assert.That(events, Is.EqualTo(new[] { "case-reported" }));
    }
}
