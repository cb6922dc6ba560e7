using System.Security.Cryptography;
using CaseManagement.Api.Features.Webhooks.GetWebhook;
using CaseManagement.Api.Features.Webhooks.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Idempotency;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.RotateWebhookSecret;

/// <summary>
/// Gives a subscription of the caller's unit a new signing secret, in this answer only. For the overlap
/// (Webhooks:SecretOverlap, default 24 hours; zero for none) each delivery carries the signatures of both the new
/// and the replaced secret, so the receiver can be given the new one without missing a delivery; after it, the new
/// one alone. Rotating again within the overlap keeps the secret the overlap began with as the previous one (the one
/// the receiver is known to hold: a retried rotation whose answer was lost does not strand it) and drops the one in
/// between; the overlap starts again. Never replayed (the secret is not stored in clear): a retry rotates again.
/// </summary>
[AllowedRoles(Role.Admin)]
public sealed record RotateWebhookSecret(Guid WebhookId) : ICommand<WebhookSecretRotated>, INeverReplayed;

/// <summary>The subscription and its new secret (base64), shown once.</summary>
public sealed record WebhookSecretRotated
{
    public required WebhookView Subscription { get; init; }
    public required string Secret { get; init; }
}

public sealed class RotateWebhookSecretHandler(
    DbSession db, ICurrentUser user, IClock clock, IdentityProtector protector, IConfiguration configuration, AccessLogContext log)
    : ICommandHandler<RotateWebhookSecret, WebhookSecretRotated>
{
    public const string Rotate = """
        UPDATE webhook_subscriptions SET secret_key_id = @KeyId, secret_ciphertext = @Secret,
            previous_secret_ciphertext = @Previous, previous_secret_until = @Until
        WHERE id = @Id AND unit_code = @Unit AND secret_ciphertext = @OldSecret
        """;

    public static TimeSpan Overlap(IConfiguration configuration) =>
        configuration.GetValue("Webhooks:SecretOverlap", TimeSpan.FromHours(24)) is var overlap && overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero;

    public async ValueTask<WebhookSecretRotated> Handle(RotateWebhookSecret command, CancellationToken ct)
    {
        log.ResourceId = command.WebhookId.ToString("D");
        var now = clock.UtcNow;
        var row = await db.QuerySingleOrDefaultAsync<WebhookRow>(GetWebhookHandler.Select, new { Id = command.WebhookId, user.Unit }, ct)
            ?? throw Problems.NotFound(WebhookProblems.WebhookNotFound);
        var overlap = Overlap(configuration);
        var secret = RandomNumberGenerator.GetBytes(32);
        byte[]? previous = null;
        DateTimeOffset? until = null;
        if (overlap > TimeSpan.Zero)
        {
            // Within an overlap the previous secret stays the one it began with; else the current one is replaced.
            var replaced = row.PreviousSecretAt(now) is { } stillHonoured
                ? protector.Decrypt(row.Id, WebhookSignature.PreviousSecretField, stillHonoured)
                : protector.Decrypt(row.Id, WebhookSignature.SecretField, row.SecretCiphertext);
            previous = protector.Encrypt(row.Id, WebhookSignature.PreviousSecretField, replaced);
            CryptographicOperations.ZeroMemory(replaced);
            until = now + overlap;
        }
        // Compared with the secret read: two rotations at once cannot both keep the same "previous" secret.
        var changed = await db.ExecuteAsync(Rotate, new
        {
            KeyId = protector.CurrentKeyId,
            Secret = protector.Encrypt(row.Id, WebhookSignature.SecretField, secret),
            Previous = previous,
            Until = until,
            row.Id,
            user.Unit,
            OldSecret = row.SecretCiphertext,
        }, ct);
        if (changed != 1)
        {
            throw Problems.NotFound(WebhookProblems.WebhookNotFound);
        }
        var updated = (await db.QuerySingleOrDefaultAsync<WebhookRow>(GetWebhookHandler.Select, new { row.Id, user.Unit }, ct))!;
        return new WebhookSecretRotated { Subscription = WebhookView.From(updated, now), Secret = Convert.ToBase64String(secret) };
    }
}

/// <summary>Nothing to check beyond the route: the id is a GUID, and one not of the caller's unit is 404.</summary>
public sealed class RotateWebhookSecretValidator : IValidator<RotateWebhookSecret>
{
    public void Validate(RotateWebhookSecret command, ValidationErrors errors)
    {
    }
}
