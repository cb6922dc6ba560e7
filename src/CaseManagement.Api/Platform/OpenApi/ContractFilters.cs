using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Hosting;
using CaseManagement.Api.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CaseManagement.Api.Platform.OpenApi;

/// <summary>Patterns of text parameters that carry typed values.</summary>
public static class ContractPatterns
{
    public const string Guid = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /// <summary>A UTC instant such as 2026-03-01T00:00:00Z.</summary>
    public const string UtcInstant = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$";

    public const string Date = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
}

/// <summary>The limits the OpenAPI document states; each one is enforced by a validator, the JSON layer or the store.</summary>
public static class ContractLimits
{
    /// <summary>Longest title and detail the problem catalogue may hold (a test checks every entry).</summary>
    public const int ProblemTitleMaxLength = 200;

    public const int ProblemDetailMaxLength = 1000;

    public const int ProblemTypeMaxLength = 200;

    public const int ProblemCodeMaxLength = 64;

    public const int TraceIdMaxLength = 128;

    /// <summary>Retry-After never exceeds a day: the limiters' windows and the breaker's pause are minutes at most.</summary>
    public const int RetryAfterMaxSeconds = 86_400;

    /// <summary>
    /// Maximum lengths of response strings, by property name, from the store's column widths (NVARCHAR(n)) or the
    /// validator that admitted the value. Request bodies carry their own annotations, which these never override.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> ResponseStringMaxLength = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["caseNumber"] = 32,
        // The period report: "2026-H1", "2026", "2026-01..2026-03"; a month "2026-01".
        ["period"] = 32,
        ["month"] = 7,
        ["code"] = ReferenceCode.MaxLength,
        ["handlingUnit"] = ReferenceCode.MaxLength,
        ["procuracyUnit"] = ReferenceCode.MaxLength,
        ["courtUnit"] = ReferenceCode.MaxLength,
        ["incidentWardCode"] = ReferenceCode.MaxLength,
        ["unit"] = ReferenceCode.MaxLength,
        ["toUnit"] = ReferenceCode.MaxLength,
        ["actorUnit"] = ReferenceCode.MaxLength,
        ["parentCode"] = ReferenceCode.MaxLength,
        ["supervisingProcuracyCode"] = ReferenceCode.MaxLength,
        ["role"] = 32,
        ["actorRole"] = 32,
        ["fromStage"] = 32,
        ["toStage"] = 32,
        ["outcome"] = 32,
        ["kind"] = 40,
        ["reasonCode"] = 40,
        ["ageBand"] = 16,
        ["number"] = 64,
        ["userId"] = 128,
        ["interviewerUserId"] = 128,
        ["requestedBy"] = 128,
        ["decidedBy"] = 128,
        ["fullName"] = 200,
        ["name"] = 200,
        ["recordingRef"] = 200,
        ["school"] = 200,
        ["title"] = 300,
        ["purpose"] = 500,
        ["address"] = 500,
        ["sentence"] = 500,
        ["specialNeeds"] = 1000,
        ["reason"] = 2000,
        ["note"] = 2000,
        ["justification"] = 2000,
        ["summary"] = 4000,
        ["nextCursor"] = Paging.MaxCursorLength,
        ["actorId"] = 128,
        ["action"] = 64,
        ["resourceType"] = 32,
        ["resourceId"] = 64,
        ["victimId"] = 64,
        ["caseIds"] = 64,
        ["clientIp"] = 64,
        ["correlationId"] = 64,
        ["merkleRoot"] = 64,
        ["previousHash"] = 64,
        ["hash"] = 64,
        ["keyId"] = 64,
        ["publicKey"] = 400,
        ["signature"] = 128,
        ["algorithm"] = 32,
        ["group"] = 32,
        ["wardCode"] = ReferenceCode.MaxLength,
        ["wardName"] = 200,
        ["unitCode"] = ReferenceCode.MaxLength,
        ["unitName"] = 200,
        ["policeUnitCode"] = ReferenceCode.MaxLength,
        ["procuracyCode"] = ReferenceCode.MaxLength,
        ["courtCode"] = ReferenceCode.MaxLength,
        ["regionBasis"] = 64,
        ["offenceArticles"] = ReferenceCode.MaxLength,
        ["offencesNotFittingAge"] = ReferenceCode.MaxLength,
        ["cursor"] = Paging.MaxCursorLength,
        ["reportNumber"] = 32,
        ["whatHappened"] = 4000,
        ["reporterUnit"] = ReferenceCode.MaxLength,
        ["routedUnit"] = ReferenceCode.MaxLength,
        ["secret"] = 64,
        ["url"] = 2000,
        ["state"] = 32,
    };

    /// <summary>kebab-case wire names (Wire.Name) of enums and roles stored as text.</summary>
    public const string WireNamePattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    /// <summary>Patterns of response strings, by property name, where the value is a code or a wire name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ResponseStringPattern = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["caseNumber"] = Domain.Cases.CaseNumber.PatternText,
        ["code"] = ReferenceCode.Pattern,
        ["handlingUnit"] = ReferenceCode.Pattern,
        ["procuracyUnit"] = ReferenceCode.Pattern,
        ["courtUnit"] = ReferenceCode.Pattern,
        ["incidentWardCode"] = ReferenceCode.Pattern,
        ["unit"] = ReferenceCode.Pattern,
        ["toUnit"] = ReferenceCode.Pattern,
        ["actorUnit"] = ReferenceCode.Pattern,
        ["parentCode"] = ReferenceCode.Pattern,
        ["supervisingProcuracyCode"] = ReferenceCode.Pattern,
        ["role"] = WireNamePattern,
        ["actorRole"] = WireNamePattern,
        ["fromStage"] = WireNamePattern,
        ["toStage"] = WireNamePattern,
        ["outcome"] = WireNamePattern,
        ["kind"] = WireNamePattern,
        ["reasonCode"] = WireNamePattern,
        ["ageBand"] = WireNamePattern,
        ["nextCursor"] = Paging.CursorPattern,
        ["action"] = "^[a-z0-9._-]+$",
        ["resourceType"] = WireNamePattern,
        ["merkleRoot"] = "^[0-9a-f]{64}$",
        ["previousHash"] = "^[0-9a-f]{64}$",
        ["hash"] = "^[0-9a-f]{64}$",
        ["signature"] = "^[A-Za-z0-9+/]+={0,2}$",
        ["algorithm"] = WireNamePattern,
        ["group"] = ReferenceCode.Pattern,
    };

    /// <summary>Integers that are never negative (counts, ages) or start at 1 (versions, article and clause numbers).</summary>
    public static readonly IReadOnlyDictionary<string, int> IntegerMinimum = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["version"] = 1,
        ["caseVersion"] = 1,
        ["article"] = 1,
        ["clause"] = 1,
        ["victimCount"] = 0,
        ["interviewCount"] = 0,
        ["ageAtReport"] = 0,
        ["ageAtOffence"] = 0,
    };
}

/// <summary>
/// Every error is application/problem+json written by ProblemWriter: the RFC 9457 members plus code and traceId,
/// errors for field errors, and the earlier session of a repeat interview. Nothing else.
/// </summary>
public sealed class ProblemDetailsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ProblemDetails) || schema is not OpenApiSchema concrete)
        {
            return;
        }
        concrete.Description = "An error (RFC 9457). code is stable; title and detail follow Accept-Language (en or vi).";
        concrete.AdditionalPropertiesAllowed = false;
        concrete.AdditionalProperties = null;
        concrete.Required = new HashSet<string> { "type", "title", "status", "code", "traceId" };
        concrete.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri", MaxLength = ContractLimits.ProblemTypeMaxLength,
                Description = "https://casemanagement.hanoi.gov.vn/problems/{code}",
            },
            ["title"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = ContractLimits.ProblemTitleMaxLength, Pattern = @"^[^\u0000-\u001f]*$",
            },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = ContractLimits.ProblemDetailMaxLength,
                Pattern = @"^[^\u0000-\u001f]*$",
            },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = ContractLimits.ProblemCodeMaxLength, Pattern = "^[a-z0-9]+([.-][a-z0-9]+)*$",
                Description = "Stable problem code, e.g. case.not-found, validation.failed.",
            },
            ["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = ContractLimits.TraceIdMaxLength, Pattern = "^[!-~]+$",
                Description = "Quote it when reporting a problem: it finds the request in the service's logs.",
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "validation.failed and request.malformed: the messages for each field (JSON path) at fault.",
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = 10,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ContractLimits.ProblemDetailMaxLength, Pattern = @"^[^\u0000-\u001f]*$" },
                },
            },
            ["earlierInterviewOn"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "date", MaxLength = 10,
                Description = "interview.repeat-requires-approval: the day of the earlier session.",
            },
            ["earlierInterviewId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36,
                Description = "interview.repeat-requires-approval: the earlier session.",
            },
        };
    }
}

/// <summary>
/// The headers the service sends: every /api/v1 answer carries the caller's RateLimit budget and, for an allowed
/// origin, Access-Control-Allow-Origin; 429 and 503 say when to retry; the framework-default descriptions get the service's own words.
/// </summary>
public sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null)
        {
            return;
        }
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }
            if (Descriptions.TryGetValue(status, out var description))
            {
                concrete.Description = description;
            }
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var name in (string[])[PerUserRateLimit.LimitHeader, PerUserRateLimit.RemainingHeader, PerUserRateLimit.ResetHeader])
            {
                concrete.Headers[name] = Shared(context.Document, name);
            }
            concrete.Headers[CorsSetup.AllowOriginHeader] = Shared(context.Document, CorsSetup.AllowOriginHeader);
            if (status is "429" or "503")
            {
                concrete.Headers[RetryAfter] = Shared(context.Document, RetryAfter);
            }
        }
    }

    private const string RetryAfter = "Retry-After";

    /// <summary>Each header is described once under components/headers and referenced from every response.</summary>
    private static OpenApiHeaderReference Shared(OpenApiDocument document, string name)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (!document.Components.Headers.ContainsKey(name))
        {
            document.Components.Headers[name] = name switch
            {
                PerUserRateLimit.LimitHeader => Header("Requests the caller may make at once (its bucket's size).", 1),
                PerUserRateLimit.RemainingHeader => Header("Requests the caller may still make now.", 0),
                PerUserRateLimit.ResetHeader => Header("Seconds until the caller's bucket is full again.", 0),
                CorsSetup.AllowOriginHeader => new OpenApiHeader
                {
                    Description = "The request's Origin, echoed: present when the request's Origin is one of Cors:AllowedOrigins "
                        + "(none by default, so browsers refuse cross-origin calls); absent otherwise. Credentials are never allowed.",
                    Required = false,
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String, MaxLength = CorsSetup.OriginMaxLength, Pattern = CorsSetup.OriginPattern,
                    },
                },
                _ => new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again (always sent with 429; with 503 when the database is unreachable).",
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                        Maximum = ContractLimits.RetryAfterMaxSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
            };
        }
        return new OpenApiHeaderReference(name, document);
    }

    private static OpenApiHeader Header(string description, int minimum) => new()
    {
        Description = description,
        Required = true,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["400"] = "validation.failed (field errors in errors) or request.malformed (bad JSON, unknown member, bad enum value).",
        ["401"] = "No valid bearer token.",
        ["403"] = "The caller's role may not do this.",
        ["404"] = "Absent, or outside the caller's scope (the two are not told apart).",
        ["409"] = "The resource's state does not allow this now, or someone else changed it first.",
        ["412"] = "If-Match names another version than the case's current one.",
        ["422"] = "A rule of the law or the process refuses this, or an Idempotency-Key was reused with another body.",
        ["428"] = "If-Match is required.",
        ["429"] = "Too many requests: wait Retry-After seconds.",
        ["500"] = "An unexpected failure; nothing was changed.",
        ["503"] = "The database is unreachable: wait Retry-After seconds.",
    };
}

/// <summary>
/// Every secured POST takes an optional Idempotency-Key (Platform/Idempotency): the same key and body within 24 h
/// replays the first success; the same key with another body is 422 idempotency.key-reused.
/// </summary>
public sealed class IdempotencyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!HttpMethods.IsPost(context.ApiDescription.HttpMethod ?? "") || operation.Security is not { Count: > 0 })
        {
            return;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Idempotency.IdempotencyMiddleware.KeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the same key and body within 24 hours replays the first successful answer "
                + "with no second effect; the same key with another body is 422.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.IdempotencyStore.MaxKeyLength, Pattern = "^[!-~]+$",
            },
        });
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey("422"))
        {
            operation.Responses["422"] = new OpenApiResponse
            {
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), context.Document) },
                },
            };
        }
    }
}

/// <summary>
/// Fills in the limits the service enforces but C# types cannot say: request bodies refuse unknown members, response
/// strings are bounded by the store, integers by their range, the case list by the page limit.
/// </summary>
public sealed class ContractLimitsDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in schemas)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null)
            {
                continue;
            }
            foreach (var (property, value) in concrete.Properties)
            {
                if (value is OpenApiSchema field)
                {
                    Bound(property, field);
                }
            }
            if (name.StartsWith("PageOf", StringComparison.Ordinal) && concrete.Properties.TryGetValue("items", out var items) && items is OpenApiSchema array)
            {
                array.MaxItems = Paging.MaxLimit;
            }
        }

        // The reference lists are whole in one answer; the service refuses to start with a longer one.
        foreach (var list in (string[])["units", "offences", "wards"])
        {
            if (swaggerDoc.Paths.TryGetValue($"{PerUserRateLimit.ApiPrefix}/{list}", out var path)
                && path.Operations?.TryGetValue(HttpMethod.Get, out var get) == true
                && get.Responses?.TryGetValue("200", out var ok) == true
                && ok.Content?.TryGetValue("application/json", out var media) == true
                && media.Schema is OpenApiSchema { Type: JsonSchemaType.Array } array)
            {
                array.MaxItems = ReferenceData.MaxEntries;
            }
        }

        // Request bodies: the JSON layer refuses unknown members, here and in every object they contain.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                Closed(media.Schema, schemas, seen);
            }
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Cases"] = "Reports and cases: recording, listing, reading, the timeline, assignments.",
            ["Decisions"] = "Procedural decisions that move a case through its lifecycle (If-Match required).",
            ["Interviews"] = "Child-friendly interviews of victims and the approvals a repeat interview needs.",
            ["Reference data"] = "Units, offences and wards: the codes other requests use.",
            ["Suspects"] = "Suspects of a case.",
            ["Victims"] = "Victims: protected identity, protective measures and support referrals.",
            ["Audit"] = "The access log for auditors: entries, export and verification.",
            ["Access log"] = "The signed checkpoints that seal the access log, verifiable offline.",
            ["Deadlines"] = "The statutory deadline of each case in scope.",
            ["Statistics"] = "Aggregate figures with small counts suppressed.",
        };
        foreach (var tag in swaggerDoc.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } tagName && tags.TryGetValue(tagName, out var description))
            {
                tag.Description = description;
            }
        }
    }

    private static void Bound(string property, OpenApiSchema field)
    {
        var type = field.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String) && field.MaxLength is null && field.Enum is not { Count: > 0 }
            && ContractLimits.ResponseStringMaxLength.TryGetValue(property, out var maxLength))
        {
            field.MaxLength = maxLength;
        }
        if (type.HasFlag(JsonSchemaType.String) && field.Pattern is null && field.Format is null && field.Enum is not { Count: > 0 }
            && ContractLimits.ResponseStringPattern.TryGetValue(property, out var pattern))
        {
            field.Pattern = pattern;
        }
        if (type.HasFlag(JsonSchemaType.Array) && field.Items is OpenApiSchema { MaxLength: null, Enum: null or { Count: 0 } } item
            && (item.Type ?? 0).HasFlag(JsonSchemaType.String) && ContractLimits.ResponseStringMaxLength.TryGetValue(property, out var itemMaxLength))
        {
            item.MaxLength = itemMaxLength;
        }
        if (type.HasFlag(JsonSchemaType.Integer) && field.Minimum is null && field.Maximum is null)
        {
            var int64 = field.Format == "int64";
            field.Minimum = ContractLimits.IntegerMinimum.TryGetValue(property, out var minimum)
                ? minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : (int64 ? long.MinValue : int.MinValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
            field.Maximum = (int64 ? long.MaxValue : int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static void Closed(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> seen)
    {
        switch (schema)
        {
            case OpenApiSchemaReference reference when reference.Reference.Id is { } id:
                if (seen.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    Closed(target, schemas, seen);
                }
                break;
            case OpenApiSchema concrete:
                if (concrete.Properties is { Count: > 0 })
                {
                    concrete.AdditionalPropertiesAllowed = false;
                    foreach (var property in concrete.Properties.Values)
                    {
                        Closed(property, schemas, seen);
                    }
                }
                Closed(concrete.Items, schemas, seen);
                foreach (var part in concrete.AllOf ?? [])
                {
                    Closed(part, schemas, seen);
                }
                break;
        }
    }
}

/// <summary>The limits of each item of a list of strings, as its validator checks them (for the OpenAPI document).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemsLimitAttribute(int maxLength, string? pattern = null) : Attribute
{
    public int MaxLength { get; } = maxLength;

    public string? Pattern { get; } = pattern;
}

public sealed class ItemsLimitSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var limit = context.MemberInfo?.GetCustomAttributes(typeof(ItemsLimitAttribute), true).OfType<ItemsLimitAttribute>().FirstOrDefault()
            ?? context.ParameterInfo?.GetCustomAttributes(typeof(ItemsLimitAttribute), true).OfType<ItemsLimitAttribute>().FirstOrDefault();
        if (limit is null || schema is not OpenApiSchema { Items: OpenApiSchema items })
        {
            return;
        }
        items.MaxLength = limit.MaxLength;
        items.Pattern = limit.Pattern;
    }
}

/// <summary>The longest text a streamed (non-JSON) success answer can be, as the endpoint enforces it.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class StreamedTextLimitAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;
}

public sealed class StreamedTextLimitOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<StreamedTextLimitAttribute>().FirstOrDefault() is not { } limit
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok?.Content is null)
        {
            return;
        }
        foreach (var media in ok.Content.Values)
        {
            if (media.Schema is OpenApiSchema { Type: JsonSchemaType.String } text)
            {
                text.MaxLength = limit.MaxLength;
            }
        }
    }
}

/// <summary>A member's <see cref="System.ComponentModel.DescriptionAttribute"/> is its description in the document (when it is required only with another member's value, for instance).</summary>
public sealed class MemberDescriptionSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.MemberInfo?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), true).FirstOrDefault()
                is System.ComponentModel.DescriptionAttribute { Description: { Length: > 0 } text }
            && schema is OpenApiSchema concrete)
        {
            concrete.Description = text;
        }
    }
}
