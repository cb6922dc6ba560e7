using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>
/// The committed document names its schemas by one rule (README "Client developers"): an operation's body is
/// {operationId}Request, an object only sent is …Request, an object only answered is …View, a page PageOf…; an
/// object both sent and answered keeps its type's name, as do enums and ProblemDetails.
/// </summary>
public sealed class SchemaNamesTests
{
    private static readonly JsonObject Document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Of("api-spec", "openapi.json")))!.AsObject();

    private static JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    [Test]
    public void Every_request_body_is_named_after_its_operation()
    {
        Assert.Multiple(() =>
        {
            foreach (var (_, operation) in Operations())
            {
                if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }
                var reference = (string?)(schema["allOf"]?[0] ?? schema)["$ref"];
                Assert.That(reference?.Split('/')[^1], Is.EqualTo((string)operation["operationId"]! + "Request"));
            }
        });
    }

    [Test]
    public void Sent_objects_end_in_Request_answered_ones_in_View_and_pages_start_with_PageOf()
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, operation) in Operations())
        {
            Reach(operation["requestBody"], sent);
            Reach(operation["parameters"], sent);
            Reach(operation["responses"], answered);
        }
        Assert.Multiple(() =>
        {
            foreach (var (name, schema) in Schemas)
            {
                Assert.That(sent.Contains(name) || answered.Contains(name), Is.True, $"{name} is used");
                if (schema!["enum"] is not null || name == "ProblemDetails")
                {
                    continue;
                }
                var expected = (sent.Contains(name), answered.Contains(name)) switch
                {
                    (true, true) => "sent and answered: its type's name",
                    (true, false) => "…Request",
                    _ => name.StartsWith("PageOf", StringComparison.Ordinal) ? "PageOf…" : "…View",
                };
                var follows = expected switch
                {
                    "…Request" => name.EndsWith("Request", StringComparison.Ordinal),
                    "…View" => name.EndsWith("View", StringComparison.Ordinal),
                    "PageOf…" => Schemas[name]!["properties"]?["items"] is not null,
                    _ => !name.EndsWith("Request", StringComparison.Ordinal) && !name.EndsWith("View", StringComparison.Ordinal),
                };
                Assert.That(follows, Is.True, $"{name}: {expected}");
            }
        });
    }

    private static IEnumerable<(string Path, JsonObject Operation)> Operations() =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Value is JsonObject op && op["responses"] is not null)
            .Select(o => (p.Key, o.Value!.AsObject())));

    private static void Reach(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "$ref" && (string?)value is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        var name = r.Split('/')[^1];
                        if (names.Add(name))
                        {
                            Reach(Schemas[name], names);
                        }
                    }
                    else if (key == "mapping" && value is JsonObject mapping)
                    {
                        foreach (var (_, target) in mapping)
                        {
                            Reach(new JsonObject { ["$ref"] = (string)target! }, names);
                        }
                    }
                    else
                    {
                        Reach(value, names);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Reach(item, names);
                }
                break;
        }
    }
}
