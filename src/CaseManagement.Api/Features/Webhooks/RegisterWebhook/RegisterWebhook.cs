using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CaseManagement.Api.Features.Webhooks.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Idempotency;
using CaseManagement.Api.Platform.Pipeline;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Webhooks.RegisterWebhook;

/// <summary>
/// A unit's administrator registers an HTTPS endpoint for the change-feed events of its unit and the units below it;
/// deliveries start with the next event. The signing secret is in this answer only.
/// </summary>
[AllowedRoles(Role.Admin)]
public sealed record RegisterWebhook : ICommand<WebhookRegistered>, INeverReplayed
{
    [MaxLength(RegisterWebhookValidator.UrlMax)]
    [Required]
    public string? Url { get; init; }
}

/// <summary>The new subscription and its secret (base64), shown once: keep it where the receiver checks signatures.</summary>
public sealed record WebhookRegistered
{
    public required WebhookView Subscription { get; init; }
    public required string Secret { get; init; }
}

public sealed class RegisterWebhookValidator(ReferenceData reference, ICurrentUser user) : IValidator<RegisterWebhook>
{
    public const int UrlMax = 2000;

    public void Validate(RegisterWebhook c, ValidationErrors errors)
    {
        if (errors.Required("url", c.Url))
        {
            if (c.Url!.Length > UrlMax || !Uri.TryCreate(c.Url, UriKind.Absolute, out var uri)
                || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
            {
                errors.Add("url", "An absolute https:// address without user information or fragment.");
            }
        }
        if (user.IsAuthenticated
            && (!reference.Units.TryGetValue(user.Unit, out var unit) || WebhookScope.RoleFor(unit.UnitKind) is null))
        {
            errors.Add("unit", "Your unit has no cases to follow.");
        }
    }
}

public sealed class RegisterWebhookHandler(DbSession db, ICurrentUser user, IClock clock, IdentityProtector protector, AccessLogContext log)
    : ICommandHandler<RegisterWebhook, WebhookRegistered>
{
    public const string SelectLastPosition = "SELECT COALESCE(MAX(position), 0) FROM change_feed";

    public const string Insert = """
        INSERT INTO webhook_subscriptions (id, unit_code, url, secret_key_id, secret_ciphertext, state, last_position,
            delivered, created_at, created_by)
        VALUES (@Id, @UnitCode, @Url, @KeyId, @Secret, @State, @LastPosition, 0, @Now, @UserId)
        """;

    public async ValueTask<WebhookRegistered> Handle(RegisterWebhook command, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var id = Guid.CreateVersion7(now);
        log.ResourceId = id.ToString("D");
        var secret = RandomNumberGenerator.GetBytes(32);
        var last = await db.ExecuteScalarAsync<long>(SelectLastPosition, null, ct);
        await db.ExecuteAsync(Insert, new
        {
            Id = id,
            UnitCode = user.Unit,
            command.Url,
            KeyId = protector.CurrentKeyId,
            Secret = protector.Encrypt(id, WebhookSignature.SecretField, secret),
            State = WebhookStates.Active,
            LastPosition = last,
            Now = now,
            UserId = user.Id,
        }, ct);
        return new WebhookRegistered
        {
            Subscription = new WebhookView
            {
                Id = id, Url = command.Url!, UnitCode = user.Unit, State = WebhookStates.Active, Delivered = 0, LastStatus = null, LastAttemptAt = null,
                PreviousSecretValidUntil = null,
            },
            Secret = Convert.ToBase64String(secret),
        };
    }
}
