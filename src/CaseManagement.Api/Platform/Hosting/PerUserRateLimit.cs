using System.Globalization;
using System.Threading.RateLimiting;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Platform.Hosting;

/// <summary>
/// The per-caller token bucket over /api/v1 (keyed by the token's subject, else the client address), held here so
/// that every answer can tell the caller its budget in RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.
/// </summary>
public sealed class PerUserRateLimit : IDisposable
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";
    public const string ApiPrefix = "/api/v1";

    public PerUserRateLimit(IConfiguration configuration)
    {
        Burst = Math.Max(1, configuration.GetValue("RateLimits:PerUserBurst", 300));
        PerSecond = Math.Max(1, configuration.GetValue("RateLimits:PerUserPerSecond", 50));
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context => AppliesTo(context)
            ? RateLimitPartition.GetTokenBucketLimiter(KeyOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Burst,
                TokensPerPeriod = PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty));
    }

    /// <summary>Requests a caller may make at once.</summary>
    public int Burst { get; }

    /// <summary>Requests given back to the caller every second.</summary>
    public int PerSecond { get; }

    /// <summary>The global limiter of the rate-limiting middleware.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public static bool AppliesTo(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase);

    public static string KeyOf(HttpContext context) =>
        context.User.FindFirst(ClaimNames.Subject)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";

    /// <summary>Sets the RateLimit headers from the caller's bucket as it is when the answer starts.</summary>
    public void WriteHeaders(HttpContext context)
    {
        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? Burst;
        remaining = Math.Clamp(remaining, 0, Burst);
        var reset = (Burst - remaining + PerSecond - 1) / PerSecond;
        var headers = context.Response.Headers;
        headers[LimitHeader] = Burst.ToString(CultureInfo.InvariantCulture);
        headers[RemainingHeader] = remaining.ToString(CultureInfo.InvariantCulture);
        headers[ResetHeader] = reset.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => Limiter.Dispose();
}

/// <summary>Every answer under /api/v1, refusals included, carries the caller's RateLimit headers.</summary>
public sealed class RateLimitHeadersMiddleware(RequestDelegate next, PerUserRateLimit limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (PerUserRateLimit.AppliesTo(context))
        {
            context.Response.OnStarting(() =>
            {
                limits.WriteHeaders(context);
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
