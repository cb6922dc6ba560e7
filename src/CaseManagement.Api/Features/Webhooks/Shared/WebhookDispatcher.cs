using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CaseManagement.Api.Features.Events.ListEvents;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Json;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using Dapper;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CaseManagement.Api.Features.Webhooks.Shared;

/// <summary>
/// Delivers the change feed to each active subscription, in a background service: a request never waits for a
/// receiver. Each event is one signed POST, retried with exponential backoff and jitter (Webhooks:MaxAttempts,
/// Webhooks:RetryDelay, each attempt bounded by Webhooks:AttemptTimeout); when every attempt fails the subscription is
/// marked failing and deliveries stop. A delivered event moves the subscription's position and writes an access-log
/// entry naming its case, in one transaction. Delivery is at least once: a receiver dedupes by X-CaseManagement-Delivery.
/// </summary>
public sealed class WebhookDispatcher(
    DbConnectionFactory connections, IdentityProtector protector, ReferenceData reference, IHttpClientFactory http,
    IClock clock, IConfiguration configuration, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public const int Batch = 50;

    public static readonly string SelectActive =
        $"SELECT {WebhookRow.SelectColumns} FROM webhook_subscriptions w WHERE w.state = @State ORDER BY w.id";

    public const string MarkDelivered = """
        UPDATE webhook_subscriptions SET last_position = @Position, delivered = delivered + 1, last_status = @Status,
            last_attempt_at = @Now
        WHERE id = @Id AND last_position = @Previous
        """;

    public const string MarkFailing = """
        UPDATE webhook_subscriptions SET state = @State, last_status = @Status, last_attempt_at = @Now WHERE id = @Id
        """;

    private static readonly JsonSerializerOptions Json = JsonSetup.Create();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Webhooks:PollInterval", TimeSpan.FromSeconds(1));
        using var timer = new PeriodicTimer(interval < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : interval);
        var pipeline = BuildPipeline();
        do
        {
            try
            {
                await DispatchOnceAsync(pipeline, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Webhook dispatch failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var attempts = Math.Max(1, configuration.GetValue("Webhooks:MaxAttempts", 5));
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, attempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = configuration.GetValue("Webhooks:RetryDelay", TimeSpan.FromSeconds(2)),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => !r.IsSuccessStatusCode),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(configuration.GetValue("Webhooks:AttemptTimeout", TimeSpan.FromSeconds(10)))
            .Build();
    }

    private async Task DispatchOnceAsync(ResiliencePipeline<HttpResponseMessage> pipeline, CancellationToken ct)
    {
        List<WebhookRow> subscriptions;
        await using (var connection = await connections.OpenAsync(ct))
        {
            subscriptions = (await connection.QueryAsync<WebhookRow>(new CommandDefinition(SelectActive, new { State = WebhookStates.Active }, cancellationToken: ct))).ToList();
        }
        foreach (var subscription in subscriptions)
        {
            await DeliverAsync(subscription, pipeline, ct);
        }
    }

    private async Task DeliverAsync(WebhookRow subscription, ResiliencePipeline<HttpResponseMessage> pipeline, CancellationToken ct)
    {
        if (!reference.Units.TryGetValue(subscription.UnitCode, out var unit) || WebhookScope.RoleFor(unit.UnitKind) is not { } role)
        {
            return;
        }
        List<EventRow> events;
        await using (var connection = await connections.OpenAsync(ct))
        {
            events = (await connection.QueryAsync<EventRow>(new CommandDefinition(ListEventsHandler.Sql(connections.Dialect, role), new
            {
                After = subscription.LastPosition,
                Last = long.MaxValue,
                Take = Batch,
                ScopeUnit = WebhookScope.ScopeUnit(unit),
            }, cancellationToken: ct))).ToList();
        }
        if (events.Count == 0)
        {
            return;
        }
        var secret = protector.Decrypt(subscription.Id, WebhookSignature.SecretField, subscription.SecretCiphertext);
        // During a rotation's overlap the secret it replaced signs too, so a receiver not yet given the new one still verifies.
        var previousSealed = subscription.PreviousSecretAt(clock.UtcNow);
        var previousSecret = previousSealed is null ? null : protector.Decrypt(subscription.Id, WebhookSignature.PreviousSecretField, previousSealed);
        var client = http.CreateClient(HttpClientName);
        var previous = subscription.LastPosition;
        foreach (var e in events)
        {
            var cursor = FeedCursor.Encode(e.Position);
            var body = JsonSerializer.Serialize(new
            {
                subscriptionId = subscription.Id,
                @event = new ChangeEvent { Cursor = cursor, CaseId = e.CaseId, ReportId = e.ReportId, Kind = e.Kind, OccurredAt = e.OccurredAt, Version = e.Version },
            }, Json);
            int? status = null;
            try
            {
                using var response = await pipeline.ExecuteAsync(async token =>
                {
                    var timestamp = clock.UtcNow.ToUnixTimeSeconds();
                    using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
                    {
                        Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                    };
                    request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(secret, previousSecret, timestamp, body));
                    request.Headers.Add(WebhookSignature.DeliveryHeader, cursor);
                    return await client.SendAsync(request, token);
                }, ct);
                status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    await FailAsync(subscription, status, ct);
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await FailAsync(subscription, status, ct);
                return;
            }
            await using var session = new DbSession(connections);
            await session.BeginAsync(ct);
            var moved = await session.ExecuteAsync(MarkDelivered, new
            {
                Id = subscription.Id, Position = e.Position, Status = status, Now = clock.UtcNow, Previous = previous,
            }, ct);
            if (moved != 1)
            {
                // Another node delivered it first; this one stops for this round.
                return;
            }
            await AccessLogWriter.AppendAsync(session, new AccessLogEntry(
                At: clock.UtcNow, ActorId: "webhook:" + subscription.Id.ToString("D"), ActorRole: null, ActorUnit: subscription.UnitCode,
                Action: "webhook.deliver", ResourceType: "webhook", ResourceId: subscription.Id.ToString("D"), VictimId: null,
                Purpose: null, Outcome: AccessOutcome.Allowed, StatusCode: status ?? 0, ClientIp: null,
                CorrelationId: Guid.NewGuid().ToString("N"), CaseIds: e.CaseId is { } caseId ? [caseId] : []), ct);
            await session.CommitAsync(ct);
            previous = e.Position;
        }
    }

    private async Task FailAsync(WebhookRow subscription, int? status, CancellationToken ct)
    {
        await using var session = new DbSession(connections);
        await session.BeginAsync(ct);
        await session.ExecuteAsync(MarkFailing, new { subscription.Id, State = WebhookStates.Failing, Status = status, Now = clock.UtcNow }, ct);
        await session.CommitAsync(ct);
        logger.LogWarning("Webhook subscription {SubscriptionId} marked failing after its delivery attempts (last status {Status})",
            subscription.Id, status);
    }
}
