using Microsoft.AspNetCore.HttpOverrides;
using System.Threading.RateLimiting;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Json;
using CaseManagement.Api.Platform.OpenApi;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;

namespace CaseManagement.Api.Platform.Hosting;

public static class WebServices
{
    /// <summary>Identity disclosures per user: a burst of them is what a leak looks like.</summary>
    public const string DisclosurePolicy = "identity-disclosures";

    public static IServiceCollection AddCaseManagementWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<JsonOptions>(o => JsonSetup.Configure(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => JsonSetup.Configure(o.JsonSerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // No Server banner naming the software.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.AddServerHeader = false;
            // Above Limits:MaxRequestHeadersBytes, so the application answers 431 itself and logs it.
            o.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback is trusted by default; the load balancers' addresses are configured, never "anyone".
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddCors(options => options.AddDefaultPolicy(policy => CorsSetup.Configure(policy, configuration)));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails();
        services.AddCaseManagementAuthentication(configuration, environment);
        services.AddCaseManagementOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddSingleton<PerUserRateLimit>();
        services.AddSingleton<PerAddressRateLimit>();
        services.AddSingleton<Audit.RefusalSummaries>();
        services.AddHostedService<Audit.RefusalSummaryService>();
        services.AddOptions<RateLimiterOptions>().Configure<PerUserRateLimit>((options, perUser) => options.GlobalLimiter = perUser.Limiter);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
                await ProblemWriter.WriteAsync(context.HttpContext,
                    new AppProblem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited) { RetryAfter = retry });
            };
            options.AddPolicy(DisclosurePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                PerUserRateLimit.KeyOf(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = configuration.GetValue("RateLimits:DisclosuresPerWindow", 10),
                    Window = TimeSpan.FromMinutes(configuration.GetValue("RateLimits:DisclosureWindowMinutes", 10)),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Namespace = "CaseManagement.Api.Mediator";
            options.PipelineBehaviors =
            [
                typeof(AuthorizeBehavior<,>),
                typeof(ValidateBehavior<,>),
                typeof(UnitOfWorkBehavior<,>),
            ];
        });
        services.AddValidators(typeof(WebServices).Assembly);
        services.AddHostedService<Audit.AccessLogSealingService>();
        services.AddHostedService<Idempotency.IdempotencyPurgeService>();
        return services;
    }

    private static void AddValidators(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                services.AddScoped(contract, type);
            }
        }
    }
}
