using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Operations;

public sealed class HealthAndErrorsTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task Liveness_answers_without_a_token()
    {
        var response = await _factory.CreateClient().GetAsync("/health/live");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readiness_answers_without_a_token_and_names_the_store()
    {
        var response = await _factory.CreateClient().GetAsync("/health/ready");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)body["status"], Is.EqualTo("Healthy"));
        var details = body["checks"]!["database"]!["details"]!;
        Assert.That((string?)details["provider"], Is.EqualTo(_factory.IsSqlServer ? "SqlServer" : "Sqlite"));
        if (_factory.IsSqlServer)
        {
            Assert.That((string?)details["accessLogProtection"], Is.AnyOf("Ledger", "Trigger"));
        }
        else
        {
            Assert.That(details["accessLogProtection"], Is.Null, "SQLite's access log is guarded by its triggers alone");
        }
    }

    [Test]
    public async Task An_unknown_path_gets_a_problem_body()
    {
        var response = await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/nothing-here");
        await response.ShouldBeProblem(HttpStatusCode.NotFound, "resource.not-found");
    }

    [Test]
    public async Task A_wrong_method_gets_a_problem_body()
    {
        var response = await _factory.ClientFor(Users.Investigator).DeleteAsync("/api/v1/cases");
        await response.ShouldBeProblem(HttpStatusCode.MethodNotAllowed, "request.method-not-allowed");
    }

    [Test]
    public async Task A_malformed_case_id_is_not_a_case()
    {
        var response = await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/cases/not-a-guid");
        await response.ShouldBeProblem(HttpStatusCode.NotFound, "resource.not-found");
    }

    [Test]
    public async Task Accept_Language_vi_gives_Vietnamese_titles()
    {
        var client = _factory.ClientFor(Users.ProsecutorKv2);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi-VN");
        var body = await (await client.GetAsync($"/api/v1/cases/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        Assert.That((string?)body["title"], Is.EqualTo("Không tìm thấy vụ việc"));

        var english = await (await _factory.ClientFor(Users.ProsecutorKv2).GetAsync($"/api/v1/cases/{Guid.CreateVersion7()}")).ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        Assert.That((string?)english["title"], Is.EqualTo("Case not found"));
    }

    [Test]
    public async Task Errors_are_not_cached_and_carry_the_correlation_id()
    {
        var response = await _factory.ClientFor(Users.Auditor).GetAsync("/api/v1/cases");
        await response.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.That(response.Headers.CacheControl?.NoStore == true || response.Headers.CacheControl?.NoCache == true, Is.True);
        Assert.That(response.Headers.Contains("X-Correlation-Id"));
    }
}
