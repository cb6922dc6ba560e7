using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>
/// The members a request's validator refuses to go without are <c>required</c> in the committed document, so a client
/// generated with default settings cannot leave them out (and a missing one is a 400 the document predicted).
/// </summary>
public sealed class RequiredRequestMembersTests
{
    private static readonly JsonNode Document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Of("api-spec", "openapi.json")))!;

    [TestCase("ChildAtRisk", "fullName")]
    [TestCase("ReporterContact", "name,phone")]
    [TestCase("Guardian", "name")]
    [TestCase("VictimIdentity", "fullName")]
    [TestCase("SupportPersonRequest", "role")]
    [TestCase("CoercionCheckRequest", "checkedBy,finding")]
    public void A_nested_request_object_requires_what_its_validator_requires(string name, string members)
    {
        var schema = Document["components"]!["schemas"]![name]!;
        var required = (schema["required"] as JsonArray ?? []).Select(n => (string)n!).ToArray();
        Assert.That(required, Is.EquivalentTo(members.Split(',')), name);
    }

    [TestCase("RecordInterviewRequest", "recordingRef", "required when recorded is true")]
    [TestCase("RecordEmergencyAssessmentRequest", "measures", "required when seriousRisk is true")]
    [TestCase("DeclineProceedingsRequest", "coercionCheck", "Required with reasonCode victim-withdrawal")]
    [TestCase("DismissRequest", "coercionChecked", "Only with reasonCode victim-withdrawal")]
    [TestCase("FileAppealRequest", "judgmentReceivedOn", "Only for a party absent")]
    [TestCase("Guardian", "relationship", "Required for a victim's guardian")]
    public void A_member_required_only_with_another_value_says_so(string name, string member, string says)
    {
        var schema = Document["components"]!["schemas"]![name]!;
        Assert.That((string?)schema["properties"]![member]!["description"], Does.Contain(says));
        Assert.That((schema["required"] as JsonArray ?? []).Select(n => (string)n!), Does.Not.Contain(member));
    }

    [TestCase("post", "/api/v1/cases/{id}/assignments", "userId,role")]
    [TestCase("post", "/api/v1/cases/{id}/suspects", "fullName,gender,relationshipToVictim,custody")]
    [TestCase("post", "/api/v1/victims/{id}/interviews", "startedAt,endedAt,location,interviewerUserId,recorded")]
    [TestCase("post", "/api/v1/victims/{id}/interview-requests", "justification")]
    [TestCase("post", "/api/v1/victims/{id}/emergency-assessments", "assessedAt,seriousRisk")]
    [TestCase("post", "/api/v1/victims/{id}/support-plans", "approvedOn,measures")]
    [TestCase("post", "/api/v1/victims/{id}/support-referrals", "kind,toUnit")]
    [TestCase("put", "/api/v1/victims/{id}/protective-measures", "closedHearing,videoLinkTestimony,noConfrontation,supportPersonAtHearing,identityWithheldFromJudgment")]
    [TestCase("patch", "/api/v1/support-referrals/{id}", "status")]
    [TestCase("post", "/api/v1/reports/{id}/decline", "reason")]
    [TestCase("post", "/api/v1/webhooks", "url")]
    [TestCase("post", "/api/v1/cases/{id}/victims", "gender,dateOfBirth,identity")]
    [TestCase("post", "/api/v1/reports", "whatHappened,incidentWardCode,seriousRisk,child,reporterContact")]
    public void The_members_the_validator_requires_are_required_in_the_document(string method, string path, string members)
    {
        var schema = Document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        schema = schema["allOf"] is JsonArray { Count: 1 } only ? only[0]! : schema;
        var name = ((string)schema["$ref"]!).Split('/')[^1];
        var body = Document["components"]!["schemas"]![name]!;
        var required = (body["required"] as JsonArray ?? []).Select(n => (string)n!).ToArray();
        Assert.Multiple(() =>
        {
            foreach (var member in members.Split(','))
            {
                Assert.That(required, Does.Contain(member), $"{name}.{member}");
                Assert.That((bool?)body["properties"]![member]!["nullable"], Is.Not.True, $"{name}.{member} is required, so not nullable");
            }
        });
    }
}
