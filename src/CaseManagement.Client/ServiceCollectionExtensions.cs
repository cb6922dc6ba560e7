using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CaseManagement.Client;

/// <summary>Where the service is, who calls it, and how hard to retry.</summary>
public sealed class CaseManagementClientOptions
{
    /// <summary>The service's address, with any gateway prefix (<c>https://gw.example.vn/casemanagement/</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gives the caller's bearer token for each attempt (the identity provider's SDK goes here).</summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>Sent as Accept-Language (<c>vi</c> for Vietnamese problem titles); none by default.</summary>
    public string? AcceptLanguage { get; set; }

    /// <summary>Retries after the first attempt, for transient failures (connection, timeout, 408, 429, 5xx).</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first backoff; each next one doubles, with jitter. Retry-After, when the service sends it, wins.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One attempt's limit; above the feed's longest wait (30 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>All attempts of one call together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Told of each retry before its wait (for the app's own logs): which attempt, why, and how long it waits.</summary>
    public Func<CaseManagementRetry, ValueTask>? OnRetry { get; set; }
}

/// <summary>A retry about to happen: the attempt that failed (0 for the first), its status or exception, and the wait chosen.</summary>
public sealed record CaseManagementRetry(int AttemptNumber, TimeSpan Delay, int? StatusCode, Exception? Exception);

/// <summary>A token source for DI, instead of <see cref="CaseManagementClientOptions.TokenProvider"/>.</summary>
public interface ICaseManagementTokenProvider
{
    ValueTask<string> GetTokenAsync(CancellationToken ct);
}

public static class ServiceCollectionExtensions
{
    public const string PipelineName = "casemanagement";

    /// <summary>
    /// Registers <see cref="CaseManagementClient"/> as a typed HttpClient with the retry pipeline and the bearer token.
    /// The returned builder takes further handlers (they run inside the retries) or a primary handler.
    /// </summary>
    public static IHttpClientBuilder AddCaseManagementClient(this IServiceCollection services, Action<CaseManagementClientOptions> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton<CaseVersions>();
        services.TryAddTransient<BearerTokenHandler>();
        var builder = services.AddHttpClient<CaseManagementClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<CaseManagementClientOptions>>().Value;
            var address = options.BaseAddress ?? throw new InvalidOperationException("CaseManagementClientOptions.BaseAddress is required.");
            // A trailing slash keeps a gateway prefix: paths are resolved relative to it.
            http.BaseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
            http.Timeout = Timeout.InfiniteTimeSpan;
            if (options.AcceptLanguage is { } language)
            {
                http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            }
        });
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<CaseManagementClientOptions>>().Value;
            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ShouldRetryAsync(args.Outcome),
                    OnRetry = args => options.OnRetry?.Invoke(new CaseManagementRetry(
                        args.AttemptNumber, args.RetryDelay, (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception)) ?? default,
                })
                .AddTimeout(options.AttemptTimeout);
        });
        builder.AddHttpMessageHandler<BearerTokenHandler>();
        return builder;
    }

    /// <summary>
    /// Transient: no answer, a timeout, 408, 429, 5xx, and 409 <c>idempotency.in-progress</c> (the first attempt with
    /// this key is still being answered). POSTs are retried too: each carries its Idempotency-Key, so a retry of a
    /// request the service did handle is replayed, not recorded again.
    /// </summary>
    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return true;
        }
        if (outcome.Result is { StatusCode: HttpStatusCode.Conflict, Content: { } content })
        {
            await content.LoadIntoBufferAsync();
            var text = await content.ReadAsStringAsync();
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    && code.GetString() == "idempotency.in-progress";
            }
            catch (JsonException)
            {
                return false;
            }
        }
        return false;
    }
}

/// <summary>Puts the caller's token on each attempt, so a token refreshed between retries is used.</summary>
public sealed class BearerTokenHandler(IOptions<CaseManagementClientOptions> options, IServiceProvider services) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? token = null;
        if (options.Value.TokenProvider is { } provider)
        {
            token = await provider(cancellationToken);
        }
        else if (services.GetService<ICaseManagementTokenProvider>() is { } registered)
        {
            token = await registered.GetTokenAsync(cancellationToken);
        }
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
