using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.OpenApi;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain;
using CaseManagement.Domain.Cases;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>The committed document types every timeline event kind's data: the kind enum and the mapping agree.</summary>
public sealed class TimelineEventKindsTests
{
    private static JsonObject Schemas =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.Of("api-spec", "openapi.json")))!["components"]!["schemas"]!.AsObject();

    [Test]
    public void Every_decision_kind_is_a_timeline_event_kind_with_its_own_schema()
    {
        var schemas = Schemas;
        var kinds = schemas[TimelineEventSchemas.KindSchema]!["enum"]!.AsArray().Select(k => (string)k!).ToList();
        var mapping = schemas[TimelineEventSchemas.EventSchema]!["discriminator"]!["mapping"]!.AsObject();

        Assert.That(kinds, Is.SupersetOf(Enum.GetValues<DecisionKind>().Select(k => Wire.Name(k))));
        Assert.That(mapping.Select(m => m.Key), Is.EquivalentTo(kinds), "every kind listed has its schema, and no other");
        foreach (var (kind, target) in mapping)
        {
            var name = ((string)target!).Split('/')[^1];
            var data = schemas[name]?["allOf"]?[1]?["properties"]?["data"]?["$ref"];
            Assert.That(data, Is.Not.Null, $"{kind}: {name} types its data");
        }
    }
}
