using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CaseManagement.Api.Platform.Resilience;

public sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    public int RetryAttempts { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    public int MinimumThroughput { get; set; } = 8;
}

/// <summary>
/// Wraps a whole unit of work: a transient fault retries it in a fresh transaction (jittered backoff); a database
/// that keeps failing opens the circuit, and requests get 503 with Retry-After instead of piling up.
/// </summary>
public static class DatabaseResilience
{
    public const string PipelineName = "database";

    public static ResiliencePipeline Build(ResilienceOptions options, ILogger? logger = null) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient),
            MaxRetryAttempts = Math.Max(1, options.RetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            OnRetry = args =>
            {
                // The fault's kind and number only: a database error's message can quote a value.
                logger?.LogWarning("Unit of work retried (attempt {Attempt}) after {Fault}", args.AttemptNumber + 1,
                    TransientDatabaseErrors.Describe(args.Outcome.Exception));
                return ValueTask.CompletedTask;
            },
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient),
            FailureRatio = 0.5,
            MinimumThroughput = Math.Max(2, options.MinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                logger?.LogError("Database circuit opened for {BreakDuration} after {Fault}", args.BreakDuration,
                    TransientDatabaseErrors.Describe(args.Outcome.Exception));
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
        .Build();
}
