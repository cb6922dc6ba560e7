using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CaseManagement.Client.Tests;

/// <summary>
/// Holds the client's operation table against the OpenAPI document: each operation exists (method and path, path
/// parameters compared by position, not by name); each property of the body the client sends and of the body it
/// reads exists in that operation's schema (found through the operation, never by schema name; <c>$ref</c>,
/// <c>allOf</c>, <c>oneOf</c>/<c>anyOf</c> with null resolved), with a compatible type and nullability; every required
/// member of a request schema is always sent. Each finding names the operation and the member.
/// </summary>
public static class ContractDrift
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static List<string> Check(JsonNode document, IEnumerable<ClientOperation> operations)
    {
        var findings = new List<string>();
        var paths = document["paths"]?.AsObject() ?? throw new InvalidDataException("The document has no paths.");
        foreach (var operation in operations)
        {
            var at = $"{operation.Method} {operation.PathTemplate}";
            var path = paths.FirstOrDefault(p => Normalise(p.Key) == Normalise(operation.PathTemplate));
            var node = path.Value?[operation.Method.ToLowerInvariant()];
            if (node is null)
            {
                findings.Add($"{at}: the client calls it, the document has no such operation.");
                continue;
            }
            if (operation.RequestBody is { } requestType)
            {
                var schema = JsonContent(node["requestBody"]?["content"]);
                if (schema is null)
                {
                    findings.Add($"{at}: the client sends a {requestType.Name} body, the document declares no JSON request body.");
                }
                else
                {
                    CompareObject(document, requestType, schema, $"{at} request", Direction.Request, findings);
                }
            }
            if (operation.Response is { } responseType)
            {
                var success = node["responses"]?.AsObject().Where(r => r.Key.StartsWith('2')).ToList() ?? [];
                var schema = success.Select(r => JsonContent(r.Value?["content"])).FirstOrDefault(s => s is not null);
                if (schema is null)
                {
                    findings.Add($"{at}: the client reads a {responseType.Name}, the document declares no JSON success response.");
                }
                else
                {
                    CompareObject(document, responseType, schema, $"{at} response", Direction.Response, findings);
                }
            }
            if (operation.Name.StartsWith("decision:", StringComparison.Ordinal)
                && node["parameters"]?.AsArray().Any(p => string.Equals((string?)Resolve(document, p!)["name"], "If-Match", StringComparison.OrdinalIgnoreCase)) != true)
            {
                findings.Add($"{at}: the client sends If-Match, the document declares no If-Match header.");
            }
        }
        return findings;
    }

    private enum Direction
    {
        Request,
        Response,
    }

    /// <summary>A schema with its references and compositions folded into one shape.</summary>
    private sealed class Shape
    {
        public HashSet<string> Types { get; } = [];
        public string? Format { get; set; }
        public bool Nullable { get; set; }
        public Dictionary<string, JsonNode> Properties { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Required { get; } = new(StringComparer.Ordinal);
        public bool HasRequiredList { get; set; }
        public JsonNode? Items { get; set; }
        public List<string>? Enum { get; set; }
        public bool Any => Types.Count == 0 && Properties.Count == 0 && Items is null && Enum is null;
    }

    private static string Normalise(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template.TrimEnd('/'), "\\{[^}]+\\}", "{}").ToLowerInvariant();

    private static JsonNode? JsonContent(JsonNode? content) =>
        content?.AsObject().FirstOrDefault(c => c.Key.StartsWith("application/json", StringComparison.Ordinal) || c.Key.EndsWith("+json", StringComparison.Ordinal)).Value?["schema"];

    private static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        var seen = 0;
        while (node["$ref"] is { } reference && seen++ < 32)
        {
            var target = document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
            {
                target = target?[part.Replace("~1", "/").Replace("~0", "~")]!;
            }
            node = target ?? throw new InvalidDataException($"Unresolved $ref {reference}.");
        }
        return node;
    }

    private static Shape Fold(JsonNode document, JsonNode schema)
    {
        var shape = new Shape();
        Fold(document, schema, shape, 0);
        return shape;
    }

    private static void Fold(JsonNode document, JsonNode schema, Shape shape, int depth)
    {
        if (depth > 16)
        {
            return;
        }
        if (schema["nullable"] is { } nullable && (bool)nullable!)
        {
            shape.Nullable = true;
        }
        if (schema["$ref"] is not null)
        {
            Fold(document, Resolve(document, schema), shape, depth + 1);
        }
        switch (schema["type"])
        {
            case JsonValue value:
                AddType((string)value!);
                break;
            case JsonArray types:
                foreach (var type in types)
                {
                    AddType((string)type!);
                }
                break;
        }
        if (schema["format"] is { } format)
        {
            shape.Format = (string?)format;
        }
        if (schema["enum"] is JsonArray values)
        {
            var names = values.Where(v => v is not null).Select(v => v!.ToString()).ToList();
            shape.Enum = shape.Enum is null ? names : shape.Enum.Intersect(names).ToList();
            if (values.Any(v => v is null))
            {
                shape.Nullable = true;
            }
        }
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                shape.Properties[name] = property!;
            }
        }
        if (schema["required"] is JsonArray required)
        {
            shape.HasRequiredList = true;
            foreach (var name in required)
            {
                shape.Required.Add((string)name!);
            }
        }
        if (schema["items"] is { } items)
        {
            shape.Items = items;
        }
        if (schema["discriminator"]?["mapping"] is JsonObject mapping)
        {
            // A discriminated object: the members the schemas of its mapping add to it (the timeline's data, by kind)
            // are members of it too, of any shape, since each kind gives them its own.
            foreach (var (_, target) in mapping)
            {
                foreach (var part in Resolve(document, JsonNode.Parse($$"""{"$ref":"{{(string)target!}}"}""")!)["allOf"]?.AsArray() ?? [])
                {
                    foreach (var (name, _) in part?["properties"]?.AsObject() ?? [])
                    {
                        shape.Properties.TryAdd(name, new JsonObject());
                    }
                }
            }
        }
        if (schema["allOf"] is JsonArray all)
        {
            foreach (var part in all)
            {
                Fold(document, part!, shape, depth + 1);
            }
        }
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is JsonArray choices)
            {
                foreach (var choice in choices)
                {
                    var resolved = Resolve(document, choice!);
                    if ((string?)resolved["type"] == "null")
                    {
                        shape.Nullable = true;
                    }
                    else
                    {
                        Fold(document, choice!, shape, depth + 1);
                    }
                }
            }
        }

        void AddType(string type)
        {
            if (type == "null")
            {
                shape.Nullable = true;
            }
            else
            {
                shape.Types.Add(type);
            }
        }
    }

    private static void CompareObject(JsonNode document, Type type, JsonNode schema, string at, Direction direction, List<string> findings)
    {
        var shape = Fold(document, schema);
        if (!shape.Types.Contains("object") && shape.Properties.Count == 0)
        {
            findings.Add($"{at}: the client has an object ({type.Name}), the document says {Describe(shape)}.");
            return;
        }
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        foreach (var (name, property) in members)
        {
            var nullability = Nullability.Create(property);
            var clientNullable = nullability.ReadState == NullabilityState.Nullable || System.Nullable.GetUnderlyingType(property.PropertyType) is not null;
            if (!shape.Properties.TryGetValue(name, out var member))
            {
                findings.Add($"{at}: {name} is in the client's {type.Name}, not in the document's schema.");
                continue;
            }
            if (direction == Direction.Response && shape.HasRequiredList && !shape.Required.Contains(name) && !clientNullable && !IsCollection(property.PropertyType))
            {
                findings.Add($"{at}: {name} is not required by the document (the service may leave it out), but the client's {type.Name}.{property.Name} cannot be missing.");
            }
            CompareValue(document, property.PropertyType, nullability, clientNullable, member, $"{at}: {name}", direction, findings);
        }
        if (direction == Direction.Request)
        {
            foreach (var required in shape.Required)
            {
                if (!members.TryGetValue(required, out var property))
                {
                    findings.Add($"{at}: {required} is required by the document, the client's {type.Name} never sends it.");
                }
                else if (Nullability.Create(property).WriteState == NullabilityState.Nullable || System.Nullable.GetUnderlyingType(property.PropertyType) is not null)
                {
                    findings.Add($"{at}: {required} is required by the document, the client's {type.Name}.{property.Name} is optional (left out when null).");
                }
            }
        }
    }

    private static void CompareValue(JsonNode document, Type type, NullabilityInfo nullability, bool clientNullable, JsonNode schema, string at,
        Direction direction, List<string> findings)
    {
        var shape = Fold(document, schema);
        if (direction == Direction.Response && shape.Nullable && !clientNullable)
        {
            findings.Add($"{at}: the document says it may be null, the client's {Name(type)} cannot hold null.");
        }
        // A request leaves a null member out (WhenWritingNull): sending null never happens; leaving out a required member is checked per object.
        if (shape.Any)
        {
            return;
        }
        var bare = System.Nullable.GetUnderlyingType(type) ?? type;
        string? expected = bare switch
        {
            _ when bare == typeof(string) => Expect("string", null),
            _ when bare == typeof(Guid) => Expect("string", "uuid"),
            _ when bare == typeof(DateOnly) => Expect("string", "date"),
            _ when bare == typeof(DateTimeOffset) || bare == typeof(DateTime) => Expect("string", "date-time"),
            _ when bare == typeof(int) || bare == typeof(long) => Expect("integer", null),
            _ when bare == typeof(double) || bare == typeof(decimal) => shape.Types.Overlaps(["number", "integer"]) ? null : $"a number, the document says {Describe(shape)}",
            _ when bare == typeof(bool) => Expect("boolean", null),
            _ when bare == typeof(JsonElement) => null,
            _ when bare.IsEnum => CompareEnum(bare, shape, direction),
            _ when IsCollection(bare) => CompareItems(document, bare, nullability, shape, at, direction, findings),
            _ => Nested(),
        };
        if (expected is not null)
        {
            findings.Add($"{at}: the client has {expected}.");
        }

        string? Expect(string jsonType, string? format)
        {
            if (!shape.Types.Contains(jsonType) || (format is not null && shape.Format is not null && shape.Format != format)
                || (format is "date" or "date-time" && shape.Format != format))
            {
                return $"{Name(bare)} ({jsonType}{(format is null ? "" : ", " + format)}), the document says {Describe(shape)}";
            }
            return null;
        }

        string? Nested()
        {
            CompareObject(document, bare, schema, at, direction, findings);
            return null;
        }
    }

    private static string? CompareEnum(Type type, Shape shape, Direction direction)
    {
        if (!shape.Types.Contains("string"))
        {
            return $"the enum {type.Name} (string), the document says {Describe(shape)}";
        }
        if (shape.Enum is null)
        {
            return null;
        }
        var wire = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, CaseManagementClient.Json).Trim('"')).ToList();
        var unknown = direction == Direction.Request ? wire.Except(shape.Enum).ToList() : shape.Enum.Except(wire).ToList();
        return unknown.Count == 0 ? null
            : direction == Direction.Request
                ? $"the enum {type.Name} with {string.Join(", ", unknown)}, which the document does not list"
                : $"the enum {type.Name} without {string.Join(", ", unknown)}, which the document says the service may send";
    }

    private static string? CompareItems(JsonNode document, Type type, NullabilityInfo nullability, Shape shape, string at, Direction direction, List<string> findings)
    {
        if (!shape.Types.Contains("array"))
        {
            return $"a list, the document says {Describe(shape)}";
        }
        var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
        var elementNullability = type.IsArray ? nullability.ElementType : nullability.GenericTypeArguments.FirstOrDefault();
        var elementNullable = elementNullability?.ReadState == NullabilityState.Nullable || System.Nullable.GetUnderlyingType(element) is not null;
        if (shape.Items is { } items && elementNullability is not null)
        {
            CompareValue(document, element, elementNullability, elementNullable, items, at + "[]", direction, findings);
        }
        return null;
    }

    private static bool IsCollection(Type type) =>
        type != typeof(string) && (type.IsArray || (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)));

    private static string Name(Type type) => System.Nullable.GetUnderlyingType(type) is { } inner ? inner.Name + "?" : type.Name;

    private static string Describe(Shape shape) =>
        shape.Types.Count == 0 ? "no type" : string.Join("|", shape.Types) + (shape.Format is null ? "" : $" ({shape.Format})");
}
