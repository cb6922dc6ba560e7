using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace CaseManagement.Api.Tests.Infrastructure.Contract;

/// <summary>One way a response differs from the committed document: the operation, the status and where.</summary>
public sealed record ContractViolation(string Operation, int Status, string Where, string Message)
{
    public override string ToString() => $"{Operation} → {Status}: {Where}: {Message}";
}

/// <summary>
/// The committed api-spec/openapi.json as a checker of responses: finds the operation of a request, and says how a
/// response differs from what the document promises — an undocumented status, a body that does not match its schema
/// (OpenAPI 3.0 translated to JSON Schema 2020-12: <c>nullable</c> becomes a null alternative, <c>$ref</c> siblings are
/// ignored as 3.0 says), a required header missing, or a header the service sends that the document does not name.
/// Schemas are translated and compiled once per document and kept.
/// </summary>
public sealed class OpenApiContract
{
    private const string BaseUri = "https://contract.casemanagement.test/openapi.json";

    /// <summary>Headers that carry meaning for a client: when the service sends one, the document must name it.</summary>
    private static readonly string[] MeaningfulHeaders =
    [
        "ETag", "Location", "Idempotency-Replayed", "X-Correlation-Id", "Cache-Control", "Retry-After",
        "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Export-Max-Entries",
    ];

    private static readonly Lazy<OpenApiContract> CommittedDocument =
        new(() => new OpenApiContract(JsonNode.Parse(File.ReadAllText(RepositoryPaths.Of("api-spec", "openapi.json")))!.AsObject()));

    private readonly JsonObject _document;
    private readonly List<(string Method, Regex Path, int Templates, string Template, JsonObject Operation)> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _options;
    private readonly Lock _evaluation = new();

    public OpenApiContract(JsonObject document)
    {
        _document = document;
        var definitions = new JsonObject();
        var components = document["components"]?["schemas"]?.AsObject() ?? [];
        var bases = components.Where(c => c.Value?["discriminator"]?["mapping"] is JsonObject).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, schema) in components)
        {
            if (bases.Contains(name))
            {
                // A discriminator's schema: its own members, and the schema its mapping names for the value of its
                // property (what a generated client deserializes the object as) — which includes those members (allOf).
                definitions[name + MembersSuffix] = Translate(schema!, bases);
                definitions[name] = Dispatch(name, schema!["discriminator"]!);
                continue;
            }
            definitions[name] = Translate(schema!, bases);
        }
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = BaseUri,
            ["$defs"] = definitions,
        };
        _options = new EvaluationOptions
        {
            OutputFormat = OutputFormat.Hierarchical,
            RequireFormatValidation = true,
        };
        _options.SchemaRegistry.Register(JsonSchema.FromText(root.ToJsonString()));

        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject concrete || method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }
                var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "$";
                _operations.Add((method.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
                    template.Count(c => c == '{'), template, concrete));
            }
        }
        // A literal segment wins over a template (/reports/received before /reports/{id}).
        _operations.Sort((a, b) => a.Templates.CompareTo(b.Templates));
    }

    public static OpenApiContract Committed => CommittedDocument.Value;

    /// <summary>Whether the document describes paths of this shape at all (the API under /api/v1).</summary>
    public static bool IsContractPath(string path) => path.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>The violations of one response; none when the document describes it.</summary>
    public IReadOnlyList<ContractViolation> Check(
        string method, string path, int status, IReadOnlyDictionary<string, string> headers, string? mediaType, string body)
    {
        var violations = new List<ContractViolation>();
        if (method == "OPTIONS")
        {
            // A CORS preflight is answered by the CORS layer for every route; it is no operation of the API.
            return violations;
        }
        // Routing ignores case and a trailing slash; so does the match.
        var routed = path.Length > 1 ? path.TrimEnd('/') : path;
        var match = _operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(routed));
        if (match.Operation is null)
        {
            // An unknown route answers 404/405 from routing: nothing to hold to the document. A success is a gap.
            if (status is not (404 or 405))
            {
                violations.Add(new ContractViolation($"{method} {path}", status, "operation", "no operation of the document matches this request"));
            }
            return violations;
        }
        var operationName = $"{method} {match.Template} ({(string?)match.Operation["operationId"] ?? "no operationId"})";
        var responses = match.Operation["responses"]?.AsObject();
        var key = status.ToString(CultureInfo.InvariantCulture);
        var response = responses?[key] ?? responses?[$"{key[0]}XX"] ?? responses?["default"];
        if (response is null)
        {
            violations.Add(new ContractViolation(operationName, status, "responses",
                $"status {status} is not documented (documented: {string.Join(", ", responses?.Select(r => r.Key) ?? [])})"));
            return violations;
        }
        response = Resolve(response);
        CheckHeaders(operationName, status, response, headers, violations);
        CheckBody(operationName, status, key, match.Template, method, response, headers, mediaType, body, violations);
        CheckProblemCode(operationName, status, key, match.Operation, mediaType, body, violations);
        return violations;
    }

    private void CheckHeaders(string operation, int status, JsonNode response, IReadOnlyDictionary<string, string> headers, List<ContractViolation> violations)
    {
        var documented = response["headers"]?.AsObject() ?? [];
        var names = new HashSet<string>(documented.Select(h => h.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in documented)
        {
            var header = Resolve(value!);
            var present = headers.TryGetValue(name, out var sent);
            if (!present)
            {
                if ((bool?)header["required"] == true)
                {
                    violations.Add(new ContractViolation(operation, status, $"header {name}", "required header is missing"));
                }
                continue;
            }
            if (header["schema"] is { } schema)
            {
                JsonNode? instance = (string?)Resolve(schema)["type"] is "integer" or "number" && decimal.TryParse(sent, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(sent);
                foreach (var error in Evaluate($"header:{operation}:{status}:{name}", schema, instance))
                {
                    violations.Add(new ContractViolation(operation, status, $"header {name}", error));
                }
            }
        }
        foreach (var name in MeaningfulHeaders)
        {
            if (headers.ContainsKey(name) && !names.Contains(name))
            {
                violations.Add(new ContractViolation(operation, status, $"header {name}", "sent but not documented for this response"));
            }
        }
    }

    private void CheckBody(
        string operation, int status, string key, string template, string method, JsonNode response,
        IReadOnlyDictionary<string, string> headers, string? mediaType, string body, List<ContractViolation> violations)
    {
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            if (body.Length > 0)
            {
                violations.Add(new ContractViolation(operation, status, "body", "a body was sent where the document describes none"));
            }
            return;
        }
        if (body.Length == 0)
        {
            // The document may say that a replayed answer comes without its body (identity-bearing writes).
            var replayed = headers.TryGetValue("Idempotency-Replayed", out var flag) && flag == "true";
            if (!(replayed && (bool?)response["x-replay-without-body"] == true))
            {
                violations.Add(new ContractViolation(operation, status, "body", "no body, where the document describes one"));
            }
            return;
        }
        if (mediaType is null || !content.ContainsKey(mediaType))
        {
            violations.Add(new ContractViolation(operation, status, "content-type",
                $"'{mediaType}' is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})"));
            return;
        }
        var json = mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);
        if (!json || content[mediaType]?["schema"] is not { } schema)
        {
            return;
        }
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            violations.Add(new ContractViolation(operation, status, "body", $"not JSON: {ex.Message}"));
            return;
        }
        foreach (var error in Evaluate($"body:{method}:{template}:{key}:{mediaType}", schema, instance))
        {
            violations.Add(new ContractViolation(operation, status, "body", error));
        }
    }

    /// <summary>A problem's code must be one its operation lists for that status (x-problem-codes: status → codes).</summary>
    private static void CheckProblemCode(
        string operation, int status, string key, JsonObject documented, string? mediaType, string body, List<ContractViolation> violations)
    {
        if (mediaType != "application/problem+json" || body.Length == 0)
        {
            return;
        }
        string? code;
        try
        {
            code = (string?)JsonNode.Parse(body)?["code"];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return;
        }
        if (code is null)
        {
            return;
        }
        var listed = documented["x-problem-codes"]?[key]?.AsArray().Select(c => (string?)c).ToList() ?? [];
        if (!listed.Contains(code))
        {
            violations.Add(new ContractViolation(operation, status, "x-problem-codes",
                $"code '{code}' is not listed for {key} (listed: {string.Join(", ", listed)})"));
        }
    }

    private IEnumerable<string> Evaluate(string cacheKey, JsonNode openApiSchema, JsonNode? instance)
    {
        var schema = _compiled.GetOrAdd(cacheKey, _ => JsonSchema.FromText(Translate(openApiSchema).ToJsonString()));
        EvaluationResults results;
        lock (_evaluation)
        {
            results = schema.Evaluate(instance, _options);
        }
        if (results.IsValid)
        {
            return [];
        }
        var errors = new List<string>();
        Collect(results, errors);
        return errors.Count == 0 ? ["does not match its schema"] : errors.Take(12).ToList();
    }

    /// <summary>
    /// The errors of the failing branches only: a valid anyOf/oneOf's failed alternative (the null one of a nullable
    /// value) is no error.
    /// </summary>
    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid)
        {
            return;
        }
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            errors.Add($"at '{node.InstanceLocation}' ({node.EvaluationPath}): {keyword}: {message}");
        }
        foreach (var child in node.Details)
        {
            Collect(child, errors);
        }
    }

    /// <summary>A response or header given as a $ref to components is read from there.</summary>
    private JsonNode Resolve(JsonNode node)
    {
        while ((string?)node["$ref"] is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            var target = (JsonNode?)_document;
            foreach (var part in reference[2..].Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }
            node = target ?? throw new InvalidOperationException($"{reference} is not in the document");
        }
        return node;
    }

    private const string MembersSuffix = "_members";

    private static string Definition(string reference) =>
        reference.Replace("#/components/schemas/", BaseUri + "#/$defs/", StringComparison.Ordinal);

    /// <summary>
    /// OpenAPI 3.0 discriminator → JSON Schema: the object must carry the property with a value of the mapping, and
    /// match the schema the mapping names for that value (JSON Schema has no discriminator; if/then says it).
    /// </summary>
    private static JsonObject Dispatch(string name, JsonNode discriminator)
    {
        var property = (string)discriminator["propertyName"]!;
        var mapping = discriminator["mapping"]!.AsObject();
        var parts = new JsonArray(new JsonObject
        {
            ["$ref"] = Definition("#/components/schemas/" + name + MembersSuffix),
        }, new JsonObject
        {
            ["required"] = new JsonArray(property),
            ["properties"] = new JsonObject
            {
                [property] = new JsonObject { ["enum"] = new JsonArray(mapping.Select(m => (JsonNode?)JsonValue.Create(m.Key)).ToArray()) },
            },
        });
        foreach (var (value, target) in mapping)
        {
            parts.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["required"] = new JsonArray(property),
                    ["properties"] = new JsonObject { [property] = new JsonObject { ["const"] = value } },
                },
                ["then"] = new JsonObject { ["$ref"] = Definition((string)target!) },
            });
        }
        return new JsonObject { ["allOf"] = parts };
    }

    /// <summary>OpenAPI 3.0 schema object → JSON Schema 2020-12.</summary>
    public static JsonNode Translate(JsonNode schema) => Translate(schema, new HashSet<string>());

    /// <summary>
    /// <paramref name="bases"/>: the schemas with a discriminator. A schema that extends one (allOf with its $ref, as
    /// the mapping's targets do) takes its members, not its dispatch (which would lead back to itself), and is closed:
    /// no member beyond the base's and its own.
    /// </summary>
    private static JsonNode Translate(JsonNode schema, IReadOnlySet<string> bases)
    {
        if (schema is not JsonObject source)
        {
            return schema.DeepClone();
        }
        if ((string?)source["$ref"] is { } reference)
        {
            // OpenAPI 3.0: a $ref's siblings are ignored.
            return new JsonObject { ["$ref"] = Definition(reference) };
        }
        var target = new JsonObject();
        foreach (var (name, value) in source)
        {
            switch (name)
            {
                case "nullable" or "discriminator" or "example" or "xml" or "externalDocs" or "deprecated":
                    break;
                case "properties" or "patternProperties":
                    var properties = new JsonObject();
                    foreach (var (property, propertySchema) in value!.AsObject())
                    {
                        properties[property] = Translate(propertySchema!, bases);
                    }
                    target[name] = properties;
                    break;
                case "items" or "additionalProperties" or "not":
                    target[name] = value is JsonObject ? Translate(value, bases) : value?.DeepClone();
                    break;
                case "allOf" when value!.AsArray().Any(s => (string?)s?["$ref"] is { } r && bases.Contains(r.Split('/')[^1])):
                    target[name] = new JsonArray(value.AsArray().Select(s => (string?)s?["$ref"] is { } r && bases.Contains(r.Split('/')[^1])
                        ? new JsonObject { ["$ref"] = Definition(r + MembersSuffix) }
                        : (JsonNode?)Translate(s!, bases)).ToArray());
                    target["unevaluatedProperties"] = false;
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    target[name] = new JsonArray(value!.AsArray().Select(s => (JsonNode?)Translate(s!, bases)).ToArray());
                    break;
                case "exclusiveMinimum" or "exclusiveMaximum" when value is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    break;
                default:
                    if (!name.StartsWith("x-", StringComparison.Ordinal))
                    {
                        target[name] = value?.DeepClone();
                    }
                    break;
            }
        }
        foreach (var (flag, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (source[flag] is JsonValue exclusive && exclusive.GetValueKind() == JsonValueKind.True && target[bound] is { } limit)
            {
                target.Remove(bound);
                target[flag] = limit.DeepClone();
            }
        }
        if ((bool?)source["nullable"] == true)
        {
            if (target["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }
            return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, target) };
        }
        return target;
    }
}
