using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Infrastructure.Contract;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>
/// The checker every test client carries (<see cref="ConformanceHandler"/>) refuses what api-spec/openapi.json does
/// not describe: these send such responses through it and read what it reports.
/// </summary>
public sealed class ContractConformanceTests
{
    private const string CaseStatus = "/api/v1/cases/6a1f4c9e-2b7d-4e55-9a0c-3f8e2d1b7c40/status";

    [Test]
    public async Task An_undocumented_status_is_a_violation_naming_operation_and_status()
    {
        var violations = await Through(HttpMethod.Get, CaseStatus, (HttpStatusCode)418, "application/problem+json",
            """{"type":"https://casemanagement.hanoi.gov.vn/problems/teapot","title":"Teapot","status":418,"code":"teapot","traceId":"t-1"}""");

        Assert.That(violations, Has.Count.EqualTo(1));
        Assert.That(violations[0].Operation, Does.Contain("GET /api/v1/cases/{id}/status").And.Contain("GetCaseStatus"));
        Assert.That(violations[0].Status, Is.EqualTo(418));
        Assert.That(violations[0].Message, Does.Contain("not documented"));
    }

    [Test]
    public async Task A_problem_without_its_required_code_is_a_violation_at_its_path()
    {
        var violations = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "application/problem+json",
            """{"type":"https://casemanagement.hanoi.gov.vn/problems/case.not-found","title":"Not found","status":404,"traceId":"t-1"}""");

        Assert.That(violations.Select(v => v.ToString()), Has.Some.Contains("required").And.Some.Contains("code"));
    }

    [Test]
    public async Task A_member_of_the_wrong_type_or_an_undocumented_member_is_a_violation_at_its_json_path()
    {
        var violations = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "application/problem+json",
            """{"type":"https://casemanagement.hanoi.gov.vn/problems/x","title":"T","status":"404","code":"x","traceId":"t-1","victimName":"A"}""");

        var text = string.Join("\n", violations);
        Assert.That(text, Does.Contain("at '/status'"), text);
        Assert.That(text, Does.Contain("victimName").Or.Contain("additionalProperties"), text);
    }

    [Test]
    public async Task A_body_of_an_undocumented_media_type_and_a_missing_body_are_violations()
    {
        var wrongType = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "text/html", "<p>not found</p>");
        var noBody = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "application/problem+json", "");

        Assert.That(wrongType.Select(v => v.Where), Has.Member("content-type"), string.Join("\n", wrongType));
        Assert.That(noBody.Select(v => v.Message), Has.Some.Contains("no body"), string.Join("\n", noBody));
    }

    [Test]
    public async Task A_success_on_a_path_the_document_does_not_have_is_a_violation()
    {
        var violations = await Through(HttpMethod.Get, "/api/v1/not-a-resource", HttpStatusCode.OK, "application/json", "{}");

        Assert.That(violations.Single().Message, Does.Contain("no operation"));
    }

    [Test]
    public async Task A_meaningful_header_the_document_does_not_name_is_a_violation()
    {
        var violations = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "application/problem+json",
            """{"type":"https://casemanagement.hanoi.gov.vn/problems/case.not-found","title":"Not found","status":404,"code":"case.not-found","traceId":"t-1"}""",
            ("Location", "/elsewhere"));

        Assert.That(violations.Select(v => v.Where), Has.Member("header Location"));
    }

    [Test]
    public void Nullable_translates_to_a_null_alternative_and_ref_siblings_are_ignored()
    {
        var nullable = OpenApiContract.Translate(JsonNode.Parse("""{"type":"string","enum":["a"],"nullable":true}""")!);
        var reference = OpenApiContract.Translate(JsonNode.Parse("""{"$ref":"#/components/schemas/X","nullable":true}""")!);

        Assert.That(nullable.ToJsonString(), Is.EqualTo("""{"anyOf":[{"type":"null"},{"type":"string","enum":["a",null]}]}"""));
        Assert.That(reference.ToJsonString(), Does.Not.Contain("null").And.Contain("$defs/X"));
    }

    [Test]
    public async Task A_timeline_event_whose_data_does_not_match_its_kind_is_a_violation()
    {
        const string timeline = "/api/v1/cases/6a1f4c9e-2b7d-4e55-9a0c-3f8e2d1b7c40/timeline";
        static string Page(string kind, string data) =>
            $$"""{"items":[{"version":2,"kind":"{{kind}}","occurredAt":"2026-03-01T00:00:00Z","actorRole":"investigator","actorUnit":"CA-HN","decision":null,"data":{{data}}}],"nextCursor":null}""";
        const string suspendData = """{"fromStage":"investigating","toStage":"suspended","ground":"suspect-unidentified","article":1}""";

        var valid = await Through(HttpMethod.Get, timeline, HttpStatusCode.OK, "application/json",
            Page("victim-added", """{"victimId":"0193a0c4-1111-7000-8000-000000000001","code":"V1","ageBand":"12-15"}"""));
        var otherKindsData = await Through(HttpMethod.Get, timeline, HttpStatusCode.OK, "application/json", Page("victim-added", suspendData));
        var unknownKind = await Through(HttpMethod.Get, timeline, HttpStatusCode.OK, "application/json", Page("case-deleted", "{}"));
        var extraMember = await Through(HttpMethod.Get, timeline, HttpStatusCode.OK, "application/json",
            Page("victim-added", """{"victimId":"0193a0c4-1111-7000-8000-000000000001","code":"V1","ageBand":"12-15","fullName":"A"}"""));

        Assert.That(valid, Is.Empty, string.Join("\n", valid));
        Assert.That(string.Join("\n", otherKindsData), Does.Contain("/items/0/data"));
        Assert.That(unknownKind, Is.Not.Empty);
        Assert.That(string.Join("\n", extraMember), Does.Contain("/items/0/data"));
    }

    [Test]
    public async Task A_problem_code_its_operation_does_not_list_for_that_status_is_a_violation()
    {
        const string problem = """{"type":"https://casemanagement.hanoi.gov.vn/problems/{0}","title":"T","status":{1},"code":"{0}","traceId":"t-1"}""";
        var listed = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "application/problem+json",
            problem.Replace("{0}", "case.not-found").Replace("{1}", "404"));
        var otherOperations = await Through(HttpMethod.Get, CaseStatus, HttpStatusCode.NotFound, "application/problem+json",
            problem.Replace("{0}", "interview.repeat-requires-approval").Replace("{1}", "404"));

        Assert.That(listed, Is.Empty, string.Join("\n", listed));
        Assert.That(otherOperations.Select(v => v.Where), Has.Member("x-problem-codes"), string.Join("\n", otherOperations));
    }

    [Test]
    public async Task Every_client_of_the_factory_checks_what_it_receives()
    {
        using var factory = new ApiFactory();
        var before = ContractConformance.Checked;

        var response = await factory.ClientFor(Users.Investigator).GetAsync("/api/v1/units");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ContractConformance.Checked, Is.GreaterThan(before));
    }

    private static async Task<IReadOnlyList<ContractViolation>> Through(
        HttpMethod method, string path, HttpStatusCode status, string mediaType, string body, params (string Name, string Value)[] headers)
    {
        var found = new List<ContractViolation>();
        using var client = new HttpClient(new ConformanceHandler(found.AddRange) { InnerHandler = new Answer(status, mediaType, body, headers) })
        {
            BaseAddress = new Uri("http://localhost"),
        };
        await client.SendAsync(new HttpRequestMessage(method, path));
        return found;
    }

    /// <summary>Stands in for the service: answers one fixed response, whatever the request.</summary>
    private sealed class Answer(HttpStatusCode status, string mediaType, string body, (string Name, string Value)[] headers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status)
            {
                RequestMessage = request,
                Content = body.Length == 0 ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, mediaType),
            };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
            response.Headers.TryAddWithoutValidation("RateLimit-Limit", "10");
            response.Headers.TryAddWithoutValidation("RateLimit-Remaining", "9");
            response.Headers.TryAddWithoutValidation("RateLimit-Reset", "1");
            response.Headers.TryAddWithoutValidation("X-Correlation-Id", "c-1");
            response.Headers.TryAddWithoutValidation("Cache-Control", "no-store");
            return Task.FromResult(response);
        }
    }
}
