using System.Text.Json.Nodes;

namespace CaseManagement.Client.Tests;

/// <summary>The client against the committed document: a drift between the two fails here, saying what drifted.</summary>
public sealed class ContractDriftTests
{
    private static JsonNode Document()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManagement.sln")))
        {
            directory = directory.Parent;
        }
        var path = Path.Combine(directory?.FullName ?? throw new FileNotFoundException("CaseManagement.sln above the test directory"), "api-spec", "openapi.json");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    [Test]
    public void Every_operation_the_client_calls_matches_the_committed_document()
    {
        var findings = ContractDrift.Check(Document(), ClientOperations.All);
        Assert.That(findings, Is.Empty, "The client and api-spec/openapi.json differ:\n" + string.Join("\n", findings));
    }

    // The checks below break a copy of the document the way a change of the service could, and expect the check to
    // name exactly that. They find schemas through the operation (as the check does), not by a schema name.

    [Test]
    public void A_missing_operation_is_named()
    {
        var document = Document();
        document["paths"]!.AsObject().Remove("/api/v1/cases/{id}/timeline");
        Assert.That(ContractDrift.Check(document, ClientOperations.All),
            Is.EqualTo(new[] { "GET /api/v1/cases/{id}/timeline: the client calls it, the document has no such operation." }));
    }

    [Test]
    public void A_renamed_path_parameter_or_schema_is_no_drift()
    {
        var document = Document();
        var paths = document["paths"]!.AsObject();
        var status = paths["/api/v1/cases/{id}/status"]!;
        paths.Remove("/api/v1/cases/{id}/status");
        paths["/api/v1/cases/{caseId}/status"] = status;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var renamed = schemas["CaseStatusView"]!.DeepClone();
        schemas["CaseStatus"] = renamed;
        var text = document.ToJsonString().Replace("#/components/schemas/CaseStatusView\"", "#/components/schemas/CaseStatus\"", StringComparison.Ordinal);
        Assert.That(ContractDrift.Check(JsonNode.Parse(text)!, ClientOperations.All), Is.Empty);
    }

    [Test]
    public void A_response_member_that_may_be_null_where_the_client_cannot_hold_null_is_named()
    {
        var document = Document();
        var schema = Schema(document, "/api/v1/cases/{id}/status", "get", request: false);
        schema["properties"]!["stageSince"]!["nullable"] = true;
        Assert.That(ContractDrift.Check(document, [ClientOperations.GetStatus]),
            Is.EqualTo(new[] { "GET /api/v1/cases/{id}/status response: stageSince: the document says it may be null, the client's DateTimeOffset cannot hold null." }));
    }

    [Test]
    public void A_member_the_document_dropped_or_retyped_is_named()
    {
        var document = Document();
        var schema = Schema(document, "/api/v1/cases/{id}/decisions/accept-report", "post", request: true);
        schema["properties"]!.AsObject().Remove("reason");
        schema["properties"]!["decidedOn"]!["format"] = "date-time";
        Assert.That(ContractDrift.Check(document, [ClientOperations.Decisions[typeof(AcceptReportRequest)]]), Is.EquivalentTo(new[]
        {
            "POST /api/v1/cases/{id}/decisions/accept-report request: reason is in the client's AcceptReportRequest, not in the document's schema.",
            "POST /api/v1/cases/{id}/decisions/accept-report request: decidedOn: the client has DateOnly (string, date), the document says string (date-time).",
        }));
    }

    [Test]
    public void A_required_request_member_the_client_may_leave_out_is_named()
    {
        var document = Document();
        var schema = Schema(document, "/api/v1/cases", "post", request: true);
        schema["required"] = new JsonArray("source", "incidentDate", "priority");
        Assert.That(ContractDrift.Check(document, [ClientOperations.CreateCase]), Is.EquivalentTo(new[]
        {
            "POST /api/v1/cases request: incidentDate is required by the document, the client's CreateCaseRequest.IncidentDate is optional (left out when null).",
            "POST /api/v1/cases request: priority is required by the document, the client's CreateCaseRequest never sends it.",
        }));
    }

    [Test]
    public void A_response_member_the_service_may_leave_out_where_the_client_expects_it_is_named()
    {
        var document = Document();
        var schema = Schema(document, "/api/v1/cases/{id}/status", "get", request: false);
        var everyone = schema["properties"]!.AsObject().Select(p => p.Key).Where(name => name != "version").Select(name => (JsonNode?)name).ToArray();
        schema["required"] = new JsonArray(everyone);
        Assert.That(ContractDrift.Check(document, [ClientOperations.GetStatus]), Is.EqualTo(new[]
        {
            "GET /api/v1/cases/{id}/status response: version is not required by the document (the service may leave it out), but the client's CaseStatusView.Version cannot be missing.",
        }));
    }

    [Test]
    public void An_enum_value_the_client_sends_and_the_document_does_not_list_is_named()
    {
        var document = Document();
        var schema = Schema(document, "/api/v1/cases", "post", request: true);
        var source = Resolve(document, schema["properties"]!["source"]!);
        source["enum"]!.AsArray().RemoveAt(0);
        Assert.That(ContractDrift.Check(document, [ClientOperations.CreateCase]),
            Is.EqualTo(new[] { "POST /api/v1/cases request: source: the client has the enum ReportSource with hotline-111, which the document does not list." }));
    }

    [Test]
    public void Nullable_written_as_allOf_or_a_null_type_is_understood()
    {
        var document = Document();
        var schema = Schema(document, "/api/v1/cases/{id}/status", "get", request: false);
        var properties = schema["properties"]!.AsObject();
        properties["lastDecision"] = new JsonObject { ["allOf"] = new JsonArray(properties["lastDecision"]!.DeepClone()), ["nullable"] = true };
        properties["courtUnit"] = new JsonObject { ["type"] = new JsonArray("string", "null") };
        properties["caseNumber"] = new JsonObject { ["type"] = new JsonArray("string", "null") };
        Assert.That(ContractDrift.Check(document, [ClientOperations.GetStatus]),
            Is.EqualTo(new[] { "GET /api/v1/cases/{id}/status response: caseNumber: the document says it may be null, the client's String cannot hold null." }));
    }

    private static JsonObject Schema(JsonNode document, string path, string method, bool request)
    {
        var operation = document["paths"]![path]![method]!;
        var schema = request
            ? operation["requestBody"]!["content"]!["application/json"]!["schema"]!
            : operation["responses"]!.AsObject().First(r => r.Key.StartsWith('2')).Value!["content"]!["application/json"]!["schema"]!;
        return Resolve(document, schema).AsObject();
    }

    private static JsonNode Resolve(JsonNode document, JsonNode node) =>
        node["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!
        // A request body is written as allOf around its one reference (Swashbuckle's form for a [FromBody] parameter).
        : node["allOf"] is JsonArray { Count: 1 } only ? Resolve(document, only[0]!)
        : node;
}
