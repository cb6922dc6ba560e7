using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Idempotency;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace CaseManagement.Api.Platform.Hosting;

/// <summary>
/// Cross-origin browser access: only the origins listed in Cors:AllowedOrigins (none by default), without
/// credentials (the bearer token is sent as a header, never a cookie), exposing the headers clients read.
/// </summary>
public static class CorsSetup
{
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";

    public const string AllowOriginHeader = "Access-Control-Allow-Origin";

    public const int OriginMaxLength = 255;

    public const string OriginPattern = "^https?://[^/?#@\\s]+$";

    /// <summary>Response headers a browser client may read besides the CORS-safelisted ones.</summary>
    public static readonly string[] ExposedHeaders =
    [
        HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter,
        PerUserRateLimit.LimitHeader, PerUserRateLimit.RemainingHeader, PerUserRateLimit.ResetHeader,
        CorrelationId.Header, IdempotencyMiddleware.ReplayedHeader,
    ];

    public static void Configure(CorsPolicyBuilder policy, IConfiguration configuration)
    {
        var origins = (configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [])
            .Where(o => !string.IsNullOrWhiteSpace(o))
            .Select(o => o.Trim().TrimEnd('/'))
            .ToArray();
        foreach (var origin in origins)
        {
            // An origin is scheme://host[:port]; "*" (anyone) or anything with a path is a configuration error.
            if (origin.Length > OriginMaxLength || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException($"{AllowedOriginsKey}: \"{origin}\" is not an http(s) origin (scheme://host[:port]).");
            }
        }
        policy.WithOrigins(origins)
            .AllowAnyMethod()
            .AllowAnyHeader()
            .DisallowCredentials()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }
}
