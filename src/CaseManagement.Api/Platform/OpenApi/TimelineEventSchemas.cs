using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CaseManagement.Api.Platform.OpenApi;

/// <summary>The timeline event kinds whose <c>data</c> the marked type describes.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TimelineEventKindAttribute(params string[] kinds) : Attribute
{
    public IReadOnlyList<string> Kinds { get; } = kinds;
}

/// <summary>
/// The timeline's events typed by kind: <c>TimelineEvent</c> carries what every event has and a discriminator on
/// <c>kind</c> whose mapping names one schema per kind (<c>CaseReportedTimelineEventView</c>, ...), each the common part
/// (allOf) plus its <c>data</c>, typed by the record marked <see cref="TimelineEventKindAttribute"/> for that kind.
/// Generated clients read an event as the subtype its kind names (NSwag: JsonInheritanceConverter; Kiota and
/// openapi-typescript: the mapping).
/// </summary>
public static class TimelineEventSchemas
{
    public const string EventSchema = "TimelineEventView";
    public const string KindSchema = "TimelineEventKind";
    public const string DiscriminatorProperty = "kind";
    public const string DataProperty = "data";

    /// <summary>Every kind and the type of its data, in kind order, from the marked types of this assembly.</summary>
    public static readonly Lazy<IReadOnlyList<(string Kind, Type Data)>> Kinds = new(() => typeof(TimelineEventSchemas).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttribute<TimelineEventKindAttribute>()?.Kinds.Select(k => (Kind: k, Data: t)) ?? [])
        .OrderBy(x => x.Kind, StringComparer.Ordinal)
        .ToList());

    /// <summary>The schema of an event of this kind: case-reported → CaseReportedTimelineEventView.</summary>
    public static string EventSchemaOf(string kind) =>
        string.Concat(kind.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + EventSchema;
}

/// <summary>Builds the per-kind event schemas (before the limits and required-members filters, which then bound them).</summary>
public sealed class TimelineEventsDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null || !schemas.TryGetValue(TimelineEventSchemas.EventSchema, out var found) || found is not OpenApiSchema common)
        {
            return;
        }
        var kinds = TimelineEventSchemas.Kinds.Value;
        schemas[TimelineEventSchemas.KindSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "What happened: a decision's kind, or a change recorded on the case. Each kind has its own data (the discriminator's mapping).",
            Enum = kinds.Select(k => (JsonNode)JsonValue.Create(k.Kind)!).ToList(),
        };
        common.Description = "An event of a case's timeline. kind says which one, and which schema (the discriminator's mapping) its data follows.";
        common.Properties![TimelineEventSchemas.DiscriminatorProperty] = new OpenApiSchemaReference(TimelineEventSchemas.KindSchema, swaggerDoc);
        common.Properties.Remove(TimelineEventSchemas.DataProperty);
        // Each kind's schema adds data to these members (allOf), so the common part itself cannot be closed.
        common.AdditionalPropertiesAllowed = true;
        common.AdditionalProperties = null;
        common.Discriminator = new OpenApiDiscriminator
        {
            PropertyName = TimelineEventSchemas.DiscriminatorProperty,
            Mapping = kinds.ToDictionary(
                k => k.Kind,
                k => new OpenApiSchemaReference(TimelineEventSchemas.EventSchemaOf(k.Kind), swaggerDoc),
                StringComparer.Ordinal),
        };
        foreach (var (kind, type) in kinds)
        {
            var data = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository);
            schemas[TimelineEventSchemas.EventSchemaOf(kind)] = new OpenApiSchema
            {
                Description = $"A {kind} event.",
                AllOf =
                [
                    new OpenApiSchemaReference(TimelineEventSchemas.EventSchema, swaggerDoc),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { TimelineEventSchemas.DataProperty },
                        Properties = new Dictionary<string, IOpenApiSchema> { [TimelineEventSchemas.DataProperty] = data },
                    },
                ],
            };
        }
    }
}

/// <summary>
/// Event data is written once and kept: a member that does not apply to an event is absent (or null), so only the
/// members that cannot be null are required. Runs after the required-members filter, which requires every member of
/// a response schema.
/// </summary>
public sealed class TimelineEventDataRequiredDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var type in TimelineEventSchemas.Kinds.Value.Select(k => k.Data).Distinct())
        {
            if (context.SchemaRepository.TryLookupByType(type, out var reference) && reference.Reference.Id is { } id
                && schemas.TryGetValue(id, out var schema) && schema is OpenApiSchema { Properties: { } properties } concrete)
            {
                concrete.Required = properties.Where(p => !RequiredMembersDocumentFilter.IsNullable(p.Value))
                    .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            }
        }
    }
}
