using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CaseManagement.Api.Platform.OpenApi;

public static class SwaggerSetup
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddCaseManagementOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CaseManagement API",
                Version = "v1",
                Description = "Confidential case management for child sexual-abuse cases in Hanoi: from the first report to the final judgment. "
                    + "Every request is written to a tamper-evident access log. Errors are application/problem+json with a stable code.",
                Contact = new OpenApiContact { Name = "CaseManagement", Email = "casemanagement@hanoi.gov.vn" },
                License = new OpenApiLicense { Name = "Proprietary" },
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A signed JWT (JWS) with the claims sub, name, role and unit, checked as RFC8725 (JSON Web Token "
                    + "Best Current Practices) asks: the algorithm must be one of an allow-list (never none), and the signature, issuer, "
                    + "audience and expiry are always verified.",
            });
            options.AddServer(new OpenApiServer
            {
                Url = "/",
                Description = "The service that serves this document, in every environment (local, test, staging, production): "
                    + "paths are relative to its host. Behind a gateway that mounts the service under a path prefix (e.g. "
                    + "https://gateway.example/child-protection), give the generated client that prefix as its base address "
                    + "(NSwag BaseUrl, Kiota RequestAdapter.BaseUrl, openapi-fetch baseUrl): every path (/api/v1/...) goes "
                    + "after it. A server variable is not used: a relative URL with one is not a valid server URL.",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(true)) },
            });
            options.SchemaFilter<WireEnumSchemaFilter>();
            options.SchemaFilter<ProblemDetailsSchemaFilter>();
            options.SchemaFilter<ItemsLimitSchemaFilter>();
            options.SchemaFilter<MemberOnlyForSchemaFilter>();
            options.SchemaFilter<MemberDescriptionSchemaFilter>();
            options.OperationFilter<SecurityAndRolesOperationFilter>();
            options.OperationFilter<IdempotencyOperationFilter>();
            options.OperationFilter<ContractResponsesOperationFilter>();
            options.OperationFilter<QueryParameterTypesOperationFilter>();
            options.OperationFilter<ResponseHeadersOperationFilter>();
            options.OperationFilter<StreamedTextLimitOperationFilter>();
            options.OperationFilter<ProblemCodesDescriptionOperationFilter>();
            options.DocumentFilter<TimelineEventsDocumentFilter>();
            options.DocumentFilter<ContractLimitsDocumentFilter>();
            options.DocumentFilter<RequiredMembersDocumentFilter>();
            options.DocumentFilter<TimelineEventDataRequiredDocumentFilter>();
            options.SupportNonNullableReferenceTypes();
            // A reference with its own nullable (and description) is wrapped in allOf, as OpenAPI 3.0 asks.
            options.UseAllOfToExtendReferenceSchemas();
            options.MapType<DateTimeOffset>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 40 });
            options.MapType<DateOnly>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", MaxLength = 10 });
            options.MapType<Guid>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36 });
        });
        // Schema names follow one rule (SchemaNames), which needs to know the endpoints' request bodies.
        services.AddOptions<SwaggerGenOptions>().Configure<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionGroupCollectionProvider>(
            (options, explorer) => options.CustomSchemaIds(new SchemaNames(explorer).For));
        return services;
    }

}

/// <summary>Enums are documented with their kebab-case wire names.</summary>
public sealed class WireEnumSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        // A member's allOf wrapper of an enum takes the enum from its reference.
        if (!context.Type.IsEnum || schema is not OpenApiSchema concrete || concrete.AllOf is { Count: > 0 })
        {
            return;
        }
        concrete.Type = JsonSchemaType.String;
        concrete.Format = null;
        concrete.Enum = Enum.GetValues(context.Type).Cast<Enum>()
            .Select(value => (JsonNode)JsonValue.Create(WireName(value))!)
            .ToList();
    }

    private static string WireName(Enum value) =>
        (string)typeof(Wire).GetMethod(nameof(Wire.Name))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!;
}

/// <summary>Secured operations carry the bearer requirement and say which roles may call them.</summary>
public sealed class SecurityAndRolesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SwaggerSetup.BearerScheme, context.Document)] = [] },
        ];
        if (metadata.OfType<AllowedRolesAttribute>().FirstOrDefault() is { } roles)
        {
            var names = roles.Roles.Select(Roles.ToWire).ToArray();
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()));
            operation.Description = string.IsNullOrEmpty(operation.Description)
                ? $"Roles: {string.Join(", ", names)}."
                : $"{operation.Description}\n\nRoles: {string.Join(", ", names)}.";
        }
    }
}
