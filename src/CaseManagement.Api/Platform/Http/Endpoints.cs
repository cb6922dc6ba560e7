using System.Reflection;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Platform.Http;

/// <summary>One use case's HTTP face. Implementations are found by reflection, so Program.cs stays composition only.</summary>
public interface IEndpoint
{
    void Map(IEndpointRouteBuilder api);
}

public static class EndpointExtensions
{
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder api, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpoint).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            ((IEndpoint)Activator.CreateInstance(type)!).Map(api);
        }
        return api;
    }

    /// <summary>
    /// Requires a token, declares the roles of <typeparamref name="TMessage"/> on the endpoint (documentation and
    /// the start-up check), and documents the errors every secured call can get.
    /// </summary>
    public static RouteHandlerBuilder ForMessage<TMessage>(this RouteHandlerBuilder builder)
    {
        var roles = typeof(TMessage).GetCustomAttribute<AllowedRolesAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} declares no allowed roles.");
        return builder
            .RequireAuthorization()
            .WithMetadata(roles, new MessageTypeMetadata(typeof(TMessage)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string resourceType, int successStatus = StatusCodes.Status200OK) =>
        builder.WithMetadata(new AuditedAttribute(action, resourceType, successStatus));
}

/// <summary>Typed results for OpenAPI: ProblemDetails bodies are documented once here.</summary>
public static class ProblemResponses
{
    public static RouteHandlerBuilder CaseProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound);

    public static RouteHandlerBuilder Conflicts(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>Sets the ETag and version headers of a case response.</summary>
public static class CaseHeaders
{
    public static void SetVersion(HttpResponse response, int version)
    {
        response.Headers.ETag = $"\"{version}\"";
    }

    /// <summary>
    /// Marks a write under a case whose answer carries the case's new version (<see cref="ICarriesCaseVersion"/>):
    /// the version goes out as ETag too, and the document lists the header on its success.
    /// </summary>
    public static RouteHandlerBuilder ReturnsCaseVersion(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(CaseVersionMetadata.Instance)
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                if (result is IValueHttpResult { Value: ICarriesCaseVersion { CaseVersion: { } version } })
                {
                    SetVersion(context.HttpContext.Response, version);
                }
                return result;
            });
}

/// <summary>An answer that carries the version its case moved to (the same number as the ETag).</summary>
public interface ICarriesCaseVersion
{
    int? CaseVersion { get; }
}

/// <summary>Endpoint metadata: the success answer carries the case's version and its ETag.</summary>
public sealed class CaseVersionMetadata
{
    public static readonly CaseVersionMetadata Instance = new();

    private CaseVersionMetadata()
    {
    }
}

/// <summary>The message an endpoint sends, for the start-up and architecture checks.</summary>
public sealed record MessageTypeMetadata(Type MessageType);
