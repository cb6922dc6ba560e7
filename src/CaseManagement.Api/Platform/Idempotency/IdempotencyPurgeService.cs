using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Time;

namespace CaseManagement.Api.Platform.Idempotency;

/// <summary>
/// Deletes idempotency records past their 24 hours on a schedule (Idempotency:PurgeInterval, default 10 minutes), so
/// stored answers (summaries, notes) do not outlive their use.
/// </summary>
public sealed class IdempotencyPurgeService(DbConnectionFactory factory, IClock clock, IConfiguration configuration,
    ILogger<IdempotencyPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Idempotency:PurgeInterval", TimeSpan.FromMinutes(10));
        using var timer = new PeriodicTimer(interval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : interval);
        do
        {
            try
            {
                var purged = await IdempotencyStore.PurgeExpiredAsync(factory, clock.UtcNow, stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} expired idempotency record(s)", purged);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Idempotency purge failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
