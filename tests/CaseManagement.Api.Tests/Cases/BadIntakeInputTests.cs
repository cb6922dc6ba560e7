using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Cases;

/// <summary>Each kind of bad input to POST /cases: 400 with a field error, nothing written but its access-log entry.</summary>
public sealed class BadIntakeInputTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory();
        _client = _factory.ClientFor(Users.Investigator);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static string With(string field, object? value)
    {
        var body = JsonSerializer.SerializeToNode(Reports.Valid())!.AsObject();
        body[field] = value is null ? null : JsonSerializer.SerializeToNode(value);
        return body.ToJsonString();
    }

    private static string Without(string field)
    {
        var body = JsonSerializer.SerializeToNode(Reports.Valid())!.AsObject();
        body.Remove(field);
        return body.ToJsonString();
    }

    private static string Raw(string field, string rawJsonValue)
    {
        var body = JsonSerializer.SerializeToNode(Reports.Valid())!.AsObject();
        body.Remove(field);
        var json = body.ToJsonString();
        return json[..^1] + $",\"{field}\":{rawJsonValue}}}";
    }

    private static readonly string Future = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, string json, string field) => new TestCaseData(json, field).SetArgDisplayNames(name);

        // Missing fields.
        yield return Case("no source", Without("source"), "source");
        yield return Case("no receivedAt", Without("receivedAt"), "receivedAt");
        yield return Case("no summary", Without("summary"), "summary");
        yield return Case("no ward", Without("incidentWardCode"), "incidentWardCode");
        yield return Case("no offences", Without("offenceArticles"), "offenceArticles");
        // Nulls and blanks.
        yield return Case("null source", With("source", null), "source");
        yield return Case("null receivedAt", With("receivedAt", null), "receivedAt");
        yield return Case("null summary", With("summary", null), "summary");
        yield return Case("blank summary", With("summary", "   "), "summary");
        yield return Case("empty summary", With("summary", ""), "summary");
        yield return Case("null ward", With("incidentWardCode", null), "incidentWardCode");
        yield return Case("null offences", With("offenceArticles", null), "offenceArticles");
        // Unknown enum values and wrong enum spellings.
        yield return Case("unknown source", With("source", "telegram"), "source");
        yield return Case("PascalCase source", With("source", "Hotline111"), "source");
        yield return Case("numeric source", Raw("source", "0"), "source");
        yield return Case("upper-case source", With("source", "SCHOOL"), "source");
        yield return Case("source as array", Raw("source", "[\"school\"]"), "source");
        // Instants.
        yield return Case("receivedAt in the future", With("receivedAt", Future), "receivedAt");
        yield return Case("receivedAt without offset", With("receivedAt", "2026-01-10T10:00:00"), "receivedAt");
        yield return Case("receivedAt not a date", With("receivedAt", "yesterday"), "receivedAt");
        yield return Case("receivedAt as number", Raw("receivedAt", "1767225600"), "receivedAt");
        yield return Case("receivedAt impossible day", With("receivedAt", "2026-02-30T10:00:00Z"), "receivedAt");
        yield return Case("receivedAt before 2000", With("receivedAt", "1999-12-31T10:00:00Z"), "receivedAt");
        yield return Case("receivedAt date only", With("receivedAt", "2026-01-10"), "receivedAt");
        // Calendar dates.
        yield return Case("incidentDate in the future", With("incidentDate", DateTimeOffset.UtcNow.AddDays(5).ToString("yyyy-MM-dd")), "incidentDate");
        yield return Case("incidentDate after receipt", With("incidentDate", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd")) is var s ? s.Replace(
            JsonSerializer.Serialize(Reports.Valid()["receivedAt"]), "\"2025-01-01T00:00:00Z\"", StringComparison.Ordinal) : "", "incidentDate");
        yield return Case("incidentDate not a date", With("incidentDate", "13/01/2026"), "incidentDate");
        yield return Case("incidentDate as instant", With("incidentDate", "2026-01-10T10:00:00Z"), "incidentDate");
        yield return Case("incidentDate impossible", With("incidentDate", "2025-13-01"), "incidentDate");
        yield return Case("incidentDate ancient", With("incidentDate", "1900-01-01"), "incidentDate");
        yield return Case("incidentDate as number", Raw("incidentDate", "20260110"), "incidentDate");
        // Strings too long or of the wrong type.
        yield return Case("summary too long", With("summary", new string('x', 4001)), "summary");
        yield return Case("summary as number", Raw("summary", "42"), "summary");
        yield return Case("summary as object", Raw("summary", "{\"text\":\"x\"}"), "summary");
        yield return Case("summary with control characters", With("summary", "tin báo\u0000\u0007"), "summary");
        yield return Case("ward unknown", With("incidentWardCode", "HN-W-999"), "incidentWardCode");
        yield return Case("ward as number", Raw("incidentWardCode", "1"), "incidentWardCode");
        yield return Case("ward blank", With("incidentWardCode", ""), "incidentWardCode");
        // Offences.
        yield return Case("offences empty", With("offenceArticles", Array.Empty<string>()), "offenceArticles");
        yield return Case("offence unknown", With("offenceArticles", new[] { "BLHS-999-1" }), "offenceArticles[0]");
        yield return Case("offence not of this catalogue", With("offenceArticles", new[] { "BLHS-141-3" }), "offenceArticles[0]");
        yield return Case("offence lower-case", With("offenceArticles", new[] { "blhs-142-1" }), "offenceArticles[0]");
        yield return Case("offence duplicated", With("offenceArticles", new[] { "BLHS-142-1", "BLHS-142-1" }), "offenceArticles");
        yield return Case("offences as string", With("offenceArticles", "BLHS-142-1"), "offenceArticles");
        yield return Case("offences too many", With("offenceArticles", Enumerable.Repeat("BLHS-142-1", 11).ToArray()), "offenceArticles");
        yield return Case("offence null item", Raw("offenceArticles", "[null]"), "offenceArticles[0]");
        yield return Case("offence number item", Raw("offenceArticles", "[142]"), "offenceArticles[0]");
        // Units.
        yield return Case("handling unit unknown", With("handlingUnit", "CA-P-NOWHERE"), "handlingUnit");
        yield return Case("handling unit is a procuracy", With("handlingUnit", "VKS-KV1"), "handlingUnit");
        yield return Case("handling unit of another ward", With("handlingUnit", "CA-P-CAUGIAY"), "handlingUnit");
        yield return Case("handling unit no longer exists", With("handlingUnit", "CA-Q-HOANKIEM"), "handlingUnit");
        yield return Case("procuracy unit unknown", With("procuracyUnit", "VKS-NOWHERE"), "procuracyUnit");
        yield return Case("procuracy unit is a court", With("procuracyUnit", "TA-KV1"), "procuracyUnit");
        // Shape of the body.
        yield return Case("unknown field", With("victimName", "Nguyễn Văn A"), "victimName");
        yield return Case("duplicate field", Raw("summary", "\"a\",\"summary\":\"b\""), "summary");
        yield return Case("not JSON", "this is not json", "body");
        yield return Case("truncated JSON", "{\"source\":\"school\",", "body");
        yield return Case("JSON array", "[]", "body");
        yield return Case("JSON string", "\"hello\"", "body");
        yield return Case("empty object", "{}", "source");
        yield return Case("trailing comma", Reports.Valid().Count > 0 ? JsonSerializer.Serialize(Reports.Valid())[..^1] + ",}" : "", "body");
        yield return Case("comment in JSON", "/* c */" + JsonSerializer.Serialize(Reports.Valid()), "body");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Bad_input_gets_400_with_a_field_error_and_changes_nothing_but_the_access_log(string json, string field)
    {
        long casesBefore, logBefore, counterBefore;
        using (var db = _factory.OpenDatabase())
        {
            casesBefore = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases");
            logBefore = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log");
            counterBefore = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_value), 0) FROM case_number_counters");
        }

        var response = await _client.PostJson("/api/v1/cases", json);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var problem = JsonNode.Parse(text)!;
        Assert.That((string?)problem["code"], Is.AnyOf("validation.failed", "request.malformed"), text);
        Assert.That(problem["errors"]?.AsObject().Select(e => e.Key), Does.Contain(field), text);
        Assert.That(text, Does.Not.Contain("Nguyễn Văn A"), "an error never echoes the value it refused");

        using var after = _factory.OpenDatabase();
        Assert.Multiple(async () =>
        {
            Assert.That(await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore));
            Assert.That(await after.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_value), 0) FROM case_number_counters"), Is.EqualTo(counterBefore));
            Assert.That(await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log"), Is.EqualTo(logBefore + 1));
            Assert.That(await after.ExecuteScalarAsync<string>("SELECT outcome FROM access_log ORDER BY seq DESC " + (_factory.IsSqlServer ? "OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY" : "LIMIT 1")), Is.EqualTo("failed"));
        });
    }

    [Test]
    public void There_are_at_least_fifty_kinds_of_bad_input() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(50));

    [Test]
    public async Task A_body_over_the_size_limit_is_refused_without_reading_it()
    {
        var response = await _client.PostJson("/api/v1/cases", With("summary", new string('x', 2 * 1024 * 1024)));
        Assert.That((int)response.StatusCode, Is.EqualTo(400).Or.EqualTo(413));
    }

    [Test]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var response = await _client.PostAsync("/api/v1/cases", new StringContent("source=school", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type");
    }
}
