using System.Globalization;
using System.Threading.RateLimiting;
using CaseManagement.Api.Platform.Errors;

namespace CaseManagement.Api.Platform.Hosting;

/// <summary>
/// A token bucket per client address over /api/v1 that runs before authentication, so a flood of requests (with or
/// without tokens) is refused before a signature is checked or a database is touched. RateLimits:PerAddressBurst
/// (default 600) and RateLimits:PerAddressPerSecond (default 100); generous, since a whole office may share an address.
/// </summary>
public sealed class PerAddressRateLimit : IDisposable
{
    public PerAddressRateLimit(IConfiguration configuration)
    {
        var burst = Math.Max(1, configuration.GetValue("RateLimits:PerAddressBurst", 600));
        var perSecond = Math.Max(1, configuration.GetValue("RateLimits:PerAddressPerSecond", 100));
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}

public sealed class PerAddressRateLimitMiddleware(RequestDelegate next, PerAddressRateLimit limits, IConfiguration configuration)
{
    private readonly int _maxHeaderBytes = Math.Max(1024, configuration.GetValue("Limits:MaxRequestHeadersBytes", 32 * 1024));

    public async Task InvokeAsync(HttpContext context)
    {
        if (!PerUserRateLimit.AppliesTo(context))
        {
            await next(context);
            return;
        }
        using var lease = limits.Limiter.AttemptAcquire(context);
        if (!lease.IsAcquired)
        {
            var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            await ProblemWriter.WriteAsync(context, new AppProblem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited) { RetryAfter = retry });
            return;
        }
        // Headers beyond the limit are answered 431 here, where the access log sees it (Kestrel's own limit is higher).
        var headerBytes = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            headerBytes += name.Length + 4;
            foreach (var value in values)
            {
                headerBytes += value?.Length ?? 0;
            }
        }
        if (headerBytes > _maxHeaderBytes)
        {
            await ProblemWriter.WriteAsync(context, new AppProblem(StatusCodes.Status431RequestHeaderFieldsTooLarge, ProblemCodes.HeadersTooLarge));
            return;
        }
        await next(context);
    }
}
