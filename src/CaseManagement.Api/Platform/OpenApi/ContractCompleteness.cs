using System.Globalization;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CaseManagement.Api.Platform.OpenApi;

/// <summary>
/// What every operation can answer and which headers come with it, as the service really sends them (the test suite
/// holds each response to the document): the correlation id and Cache-Control on every answer, ETag (the case's
/// version) on every answer that carries a case's version, Location on every 201, Idempotency-Replayed on a replay;
/// 404 for a reporter (every refusal of a reporter is a 404), 415 for a body that is not JSON, 431 for headers too large;
/// If-Match required on every decision.
/// </summary>
public sealed class ContractResponsesOperationFilter : IOperationFilter
{
    public const string CorrelationHeader = CorrelationId.Header;
    public const string CacheControlHeader = "Cache-Control";
    public const string ETagHeader = "ETag";
    public const string LocationHeader = "Location";
    public const string ExportLimitHeader = "X-Export-Max-Entries";

    /// <summary>The operations whose success carries a case's version (body <c>version</c> and ETag).</summary>
    private static readonly HashSet<string> VersionedOperations = new(StringComparer.Ordinal)
    {
        "CreateCase", "GetCase", "GetCaseStatus", "AcceptIntakeReport",
    };

    /// <summary>Writes whose first answer is not kept for a replay: it carried the identity the service protects.</summary>
    private static readonly HashSet<string> AnswerNotKept = new(StringComparer.Ordinal) { "AddVictim", "AddSuspect" };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var secured = operation.Security is { Count: > 0 };
        var isPost = HttpMethods.IsPost(context.ApiDescription.HttpMethod ?? "");
        var isDecision = isPost && operation.Tags?.Any(t => t.Name == "Decisions") == true;
        if (secured)
        {
            Problem(operation, context, "404");
        }
        if (operation.RequestBody is not null)
        {
            Problem(operation, context, "415");
        }
        Problem(operation, context, "431");

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Name: "If-Match" } ifMatch && isDecision)
            {
                ifMatch.Required = true;
                ifMatch.Description = "The case's version the decision is taken on: the last answer's ETag (\"7\") or its "
                    + "version (7). A decision on another version is 412 case.version-mismatch with the current version; "
                    + "without If-Match it is 428.";
            }
        }

        // An endpoint that answers JSON or a file for one status declares both; the explorer keeps only the last.
        foreach (var produces in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>())
        {
            if (produces.Type is { } type && type != typeof(byte[]) && type != typeof(string) && produces.ContentTypes.Contains("application/json")
                && operation.Responses.TryGetValue(produces.StatusCode.ToString(CultureInfo.InvariantCulture), out var declared)
                && declared is OpenApiResponse { Content: { } content } && !content.ContainsKey("application/json"))
            {
                content["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) };
            }
        }

        ProblemCodesOf(operation, context, secured, isPost, "/" + (context.ApiDescription.RelativePath ?? "").TrimStart('/'));

        var versioned = isDecision || VersionedOperations.Contains(operation.OperationId ?? "")
            || context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Http.CaseVersionMetadata>().Any();
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[CorrelationHeader] = Shared(context.Document, CorrelationHeader);
            concrete.Headers[CacheControlHeader] = Shared(context.Document, CacheControlHeader);
            var success = status.StartsWith('2');
            if (success && versioned)
            {
                concrete.Headers[ETagHeader] = Shared(context.Document, ETagHeader);
            }
            if (status == "201")
            {
                concrete.Headers[LocationHeader] = Shared(context.Document, LocationHeader);
            }
            if (success && isPost && secured)
            {
                concrete.Headers[IdempotencyMiddleware.ReplayedHeader] = Shared(context.Document, IdempotencyMiddleware.ReplayedHeader);
            }
            if (success && operation.OperationId == "ExportAuditEntries")
            {
                concrete.Headers[ExportLimitHeader] = Shared(context.Document, ExportLimitHeader);
            }
            if (status == "201" && AnswerNotKept.Contains(operation.OperationId ?? ""))
            {
                concrete.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                concrete.Extensions["x-replay-without-body"] = new JsonNodeExtension(JsonValue.Create(true));
                concrete.Description = "Created. A replay (Idempotency-Replayed: true) of this request comes with no body: the "
                    + "first answer carried the child's or suspect's identity and was not kept; read the resource at Location.";
            }
        }
    }

    /// <summary>
    /// The problem codes an operation can answer, by status: the platform's for each status it documents (validation,
    /// authentication, idempotency, limits), and those its own code throws (<see cref="ProblemCodeScanner"/>); a status
    /// the code throws that the endpoint did not declare is documented too. <c>x-problem-codes</c> maps status → codes.
    /// </summary>
    private static void ProblemCodesOf(OpenApiOperation operation, OperationFilterContext context, bool secured, bool isPost, string path)
    {
        var scanned = context.MethodInfo is { } endpoint ? ProblemCodeScanner.Scan(endpoint) : new Dictionary<int, SortedSet<string>>();
        foreach (var status in scanned.Keys)
        {
            Problem(operation, context, status.ToString(CultureInfo.InvariantCulture));
        }
        var byStatus = new JsonObject();
        foreach (var status in operation.Responses!.Keys.Order(StringComparer.Ordinal))
        {
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            codes.UnionWith(status switch
            {
                "400" => [Errors.ProblemCodes.ValidationFailed, Errors.ProblemCodes.RequestMalformed],
                "401" => [Errors.ProblemCodes.Unauthenticated],
                "403" when secured => [Errors.ProblemCodes.Forbidden],
                "404" when path.Contains("/cases/{", StringComparison.Ordinal) => [Errors.ProblemCodes.NotFound, Errors.ProblemCodes.CaseNotFound],
                "404" => [Errors.ProblemCodes.NotFound],
                "409" when isPost && secured => [Errors.ProblemCodes.IdempotencyInProgress],
                "412" => [Errors.ProblemCodes.VersionMismatch],
                "413" => [Errors.ProblemCodes.PayloadTooLarge],
                "415" => [Errors.ProblemCodes.UnsupportedMediaType],
                "422" when isPost && secured => [Errors.ProblemCodes.IdempotencyKeyReused],
                "428" => [Errors.ProblemCodes.VersionRequired],
                "429" => [Errors.ProblemCodes.RateLimited],
                "431" => [Errors.ProblemCodes.HeadersTooLarge],
                "500" => [Errors.ProblemCodes.Internal, Errors.ProblemCodes.AuditUnavailable],
                "503" => [Errors.ProblemCodes.ServiceUnavailable],
                _ => [],
            });
            if (int.TryParse(status, CultureInfo.InvariantCulture, out var number) && scanned.TryGetValue(number, out var thrown))
            {
                codes.UnionWith(thrown);
            }
            if (codes.Count > 0)
            {
                byStatus[status] = new JsonArray(codes.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
            }
        }
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[ProblemCodesExtension] = new JsonNodeExtension(byStatus);
        const string list = "Problem codes by status: x-problem-codes, and each error response's description.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? list : operation.Description + "\n\n" + list;
    }

    public const string ProblemCodesExtension = "x-problem-codes";

    private static void Problem(OpenApiOperation operation, OperationFilterContext context, string status)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = status switch
            {
                "404" => "Absent, or outside the caller's scope (the two are not told apart); every refusal of a reporter.",
                "415" => "The body is not application/json (request.unsupported-media-type).",
                "431" => "The request's headers are too large (request.headers-too-large).",
                _ => "A problem (see its code).",
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
    }

    private static OpenApiHeaderReference Shared(OpenApiDocument document, string name)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (!document.Components.Headers.ContainsKey(name))
        {
            document.Components.Headers[name] = name switch
            {
                CorrelationHeader => new OpenApiHeader
                {
                    Description = "The request's correlation id (the caller's own X-Correlation-Id when it sent a valid one): "
                        + "the access-log entry and the service's logs of this request carry it.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^[!-~]+$" },
                },
                CacheControlHeader => new OpenApiHeader
                {
                    Description = "Always no-store: every answer may carry case data.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Enum = [JsonValue.Create("no-store")] },
                },
                ETagHeader => new OpenApiHeader
                {
                    Description = "The case's version (the body's version, quoted): send it as If-Match with the next decision.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 12, Pattern = "^\"[0-9]{1,10}\"$" },
                },
                LocationHeader => new OpenApiHeader
                {
                    Description = "Where the created resource (or the case it changed) is read.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 200, Pattern = "^/api/v1/[!-~]+$" },
                },
                IdempotencyMiddleware.ReplayedHeader => new OpenApiHeader
                {
                    Description = "true when this is the first answer to the same Idempotency-Key replayed (no second effect); "
                        + "absent on a first answer.",
                    Required = false,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 4, Enum = [JsonValue.Create("true")] },
                },
                _ => new OpenApiHeader
                {
                    Description = "The most entries one export file holds; continue with afterSeq from the last one.",
                    Required = true,
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                        Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture),
                    },
                },
            };
        }
        return new OpenApiHeaderReference(name, document);
    }
}

/// <summary>
/// Every schema says which members are always there: a response writes every member (null included), so all are
/// required; a request body requires the members that cannot be null. Runs after the limits filter, on the whole
/// document, so it knows which schemas are request bodies.
/// </summary>
public sealed class RequiredMembersDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var requests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                Reach(media.Schema, schemas, requests);
            }
        }
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var (name, property) in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToList())
            {
                if (property is OpenApiSchema wrapper && Typed(wrapper, schemas) is { } replacement)
                {
                    schema.Properties![name] = replacement;
                }
            }
        }
        foreach (var (name, schema) in schemas)
        {
            if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || name == "ProblemDetails")
            {
                continue;
            }
            if (!requests.Contains(name))
            {
                concrete.Required = concrete.Properties.Keys.ToHashSet(StringComparer.Ordinal);
                continue;
            }
            // A request member the validator requires ([Required]) must be sent and not null, whatever its C# type.
            var required = (concrete.Required ?? new HashSet<string>()).Where(concrete.Properties.ContainsKey).ToHashSet(StringComparer.Ordinal);
            foreach (var member in required)
            {
                if (concrete.Properties[member] is OpenApiSchema field && IsNullable(field))
                {
                    if (field.OneOf is { Count: 1 } && field.Properties is null && field.Enum is null)
                    {
                        concrete.Properties[member] = field.OneOf[0];
                    }
                    else
                    {
                        field.Type &= ~JsonSchemaType.Null;
                    }
                }
            }
            required.UnionWith(concrete.Properties.Where(p => !IsNullable(p.Value)).Select(p => p.Key));
            concrete.Required = required;
        }
    }

    /// <summary>
    /// A member's allOf wrapper of a reference: a member that cannot be null is the plain reference (generators then
    /// use the referenced type, an enum stays an enum); a nullable one is <c>nullable</c> + <c>oneOf</c> with the
    /// reference, with the referenced type beside it (object, or string and its bound for an enum), as OpenAPI 3.0
    /// tools expect beside nullable.
    /// </summary>
    private static IOpenApiSchema? Typed(OpenApiSchema wrapper, IDictionary<string, IOpenApiSchema> schemas)
    {
        if (wrapper.AllOf is not { Count: 1 } || wrapper.AllOf[0] is not OpenApiSchemaReference { Reference.Id: { } id } reference
            || !schemas.TryGetValue(id, out var target) || target is not OpenApiSchema { Type: { } type })
        {
            return null;
        }
        if (!IsNullable(wrapper))
        {
            return reference;
        }
        wrapper.OneOf = [reference];
        wrapper.AllOf = null;
        wrapper.Enum = null;
        wrapper.Type = (type & ~JsonSchemaType.Null) | JsonSchemaType.Null;
        if (type.HasFlag(JsonSchemaType.String) && target is OpenApiSchema text)
        {
            // The bound of the enum's longest value, for tools that do not follow oneOf.
            wrapper.MaxLength = text.MaxLength ?? text.Enum?.Select(v => v?.ToString().Length ?? 0).DefaultIfEmpty(0).Max();
        }
        return null;
    }

    public static bool IsNullable(IOpenApiSchema schema) =>
        schema is OpenApiSchema concrete && (concrete.Type ?? 0).HasFlag(JsonSchemaType.Null);

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> seen)
    {
        switch (schema)
        {
            case OpenApiSchemaReference reference when reference.Reference.Id is { } id:
                if (seen.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    Reach(target, schemas, seen);
                }
                break;
            case OpenApiSchema concrete:
                foreach (var property in concrete.Properties?.Values ?? [])
                {
                    Reach(property, schemas, seen);
                }
                Reach(concrete.Items, schemas, seen);
                foreach (var part in (concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? []))
                {
                    Reach(part, schemas, seen);
                }
                break;
        }
    }
}

/// <summary>A member of a base request type that only some derived types take: the others refuse it, so their schemas omit it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MemberOnlyForAttribute(params Type[] types) : Attribute
{
    public IReadOnlyList<Type> Types { get; } = types;
}

public sealed class MemberOnlyForSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.Type is not { IsClass: true } type)
        {
            return;
        }
        foreach (var property in type.GetProperties())
        {
            if (property.GetCustomAttributes(typeof(MemberOnlyForAttribute), true).FirstOrDefault() is MemberOnlyForAttribute only
                && !only.Types.Any(t => t.IsAssignableFrom(type)))
            {
                concrete.Properties.Remove(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            }
        }
    }
}

/// <summary>
/// Query parameters bound as text are documented as what they are: an enum (a reference to the enum's schema, or the
/// alternatives of their pattern), a calendar date (Hanoi) or an instant.
/// </summary>
public sealed class QueryParameterTypesOperationFilter : IOperationFilter
{
    private static readonly System.Text.RegularExpressions.Regex Alternatives =
        new(@"^\^\(([a-z0-9-]+(\|[a-z0-9-]+)+)\)\$$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = "/" + (context.ApiDescription.RelativePath ?? "").TrimStart('/');
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            if (parameter.Schema is not OpenApiSchema schema)
            {
                continue;
            }
            var enumSchema = (parameter.Name, path) switch
            {
                ("stage", _) => "CaseStage",
                ("groupBy", _) => "StatisticsGroupBy",
                ("state", var p) when p.Contains("reports", StringComparison.Ordinal) => "ReportState",
                _ => null,
            };
            if (enumSchema is not null && context.Document.Components?.Schemas?.ContainsKey(enumSchema) == true)
            {
                parameter.Schema = new OpenApiSchemaReference(enumSchema, context.Document);
                continue;
            }
            if (parameter.Name == "state" && path.Contains("deadlines", StringComparison.Ordinal))
            {
                Enum(schema, "overdue", "due-soon", "all");
                parameter.Description ??= "overdue, due-soon or all (the default).";
                continue;
            }
            if (schema.Pattern is { } pattern && Alternatives.Match(pattern) is { Success: true } match)
            {
                Enum(schema, match.Groups[1].Value.Split('|'));
                continue;
            }
            if (parameter.Name is "from" or "to" && schema.Format is null)
            {
                var instant = schema.Pattern?.Contains('T', StringComparison.Ordinal) == true;
                schema.Format = instant ? "date-time" : "date";
                parameter.Description ??= instant
                    ? "An instant in UTC (ISO 8601 with Z)."
                    : "A calendar date (YYYY-MM-DD) in Hanoi (UTC+7).";
            }
        }
    }

    private static void Enum(OpenApiSchema schema, params string[] values)
    {
        schema.Pattern = null;
        schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
    }
}

/// <summary>Each error response names the problem codes it can carry (from x-problem-codes), after its description.</summary>
public sealed class ProblemCodesDescriptionOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Extensions?.TryGetValue(ContractResponsesOperationFilter.ProblemCodesExtension, out var extension) != true
            || extension is not JsonNodeExtension { Node: JsonObject byStatus } || operation.Responses is null)
        {
            return;
        }
        foreach (var (status, response) in operation.Responses)
        {
            if (response is OpenApiResponse concrete && byStatus[status] is JsonArray codes)
            {
                concrete.Description = $"{concrete.Description} Codes: {string.Join(", ", codes.Select(c => (string)c!))}.";
            }
        }
    }
}
