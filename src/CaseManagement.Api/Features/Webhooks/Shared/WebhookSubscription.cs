using System.Security.Cryptography;
using System.Text;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Domain;

namespace CaseManagement.Api.Features.Webhooks.Shared;

public sealed class WebhookRow
{
    public Guid Id { get; init; }
    public required string UnitCode { get; init; }
    public required string Url { get; init; }
    public required string SecretKeyId { get; init; }
    public required byte[] SecretCiphertext { get; init; }
    public required string State { get; init; }
    public long LastPosition { get; init; }
    public long Delivered { get; init; }
    public int? LastStatus { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The secret the last rotation replaced, sealed like the current one; deliveries sign with it too until <see cref="PreviousSecretUntil"/>.</summary>
    public byte[]? PreviousSecretCiphertext { get; init; }
    public DateTimeOffset? PreviousSecretUntil { get; init; }

    public const string SelectColumns = """
        w.id AS Id, w.unit_code AS UnitCode, w.url AS Url, w.secret_key_id AS SecretKeyId,
        w.secret_ciphertext AS SecretCiphertext, w.state AS State, w.last_position AS LastPosition,
        w.delivered AS Delivered, w.last_status AS LastStatus, w.last_attempt_at AS LastAttemptAt,
        w.created_at AS CreatedAt, w.previous_secret_ciphertext AS PreviousSecretCiphertext,
        w.previous_secret_until AS PreviousSecretUntil
        """;

    /// <summary>The previous secret while it is still honoured at <paramref name="now"/>, else null.</summary>
    public byte[]? PreviousSecretAt(DateTimeOffset now) =>
        PreviousSecretCiphertext is { Length: > 0 } sealedSecret && PreviousSecretUntil is { } until && until > now ? sealedSecret : null;
}

public static class WebhookStates
{
    public const string Active = "active";
    public const string Failing = "failing";
}

/// <summary>What a subscription of a unit follows: the events a case role of that unit's kind would see there.</summary>
public static class WebhookScope
{
    public static Role? RoleFor(UnitKind kind) => kind switch
    {
        UnitKind.Police => Role.Supervisor,
        UnitKind.Procuracy => Role.Prosecutor,
        UnitKind.Court => Role.Judge,
        UnitKind.SocialWelfare => Role.VictimSupport,
        _ => null,
    };

    /// <summary>A social-welfare unit follows the police area it serves, as its officers do.</summary>
    public static string ScopeUnit(UnitRow unit) =>
        unit.UnitKind == UnitKind.SocialWelfare && unit.JurisdictionCode is { } jurisdiction ? jurisdiction : unit.Code;
}

/// <summary>
/// The signature a receiver checks: HMAC-SHA256 under the subscription's secret over "{timestamp}.{body}", hex, sent
/// as `X-CaseManagement-Signature: sha256=...` with the timestamp (Unix seconds) in `X-CaseManagement-Timestamp`;
/// a receiver refuses a timestamp too far from its own clock (replay).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-CaseManagement-Signature";
    public const string TimestampHeader = "X-CaseManagement-Timestamp";
    public const string DeliveryHeader = "X-CaseManagement-Delivery";
    public const string SecretField = "webhook-secret";
    public const string PreviousSecretField = "webhook-secret-previous";

    public static string Sign(byte[] secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret,
            Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + body)));

    /// <summary>
    /// The signature header's value: the current secret's signature, then, during a rotation's overlap, the previous
    /// secret's, separated by ", ". A receiver accepts the delivery when any one of them verifies with a secret it holds.
    /// </summary>
    public static string Header(byte[] secret, byte[]? previous, long timestamp, string body) =>
        previous is null ? Sign(secret, timestamp, body) : Sign(secret, timestamp, body) + ", " + Sign(previous, timestamp, body);
}

public sealed class WebhookProblems : IProblemTexts
{
    public const string WebhookNotFound = "webhook.not-found";

    public IReadOnlyDictionary<string, ProblemCatalog.Entry> Texts { get; } = new Dictionary<string, ProblemCatalog.Entry>(StringComparer.Ordinal)
    {
        [WebhookNotFound] = new(
            new("Webhook not found", "No webhook subscription with this id belongs to your unit."),
            new("Không tìm thấy webhook", "Không có đăng ký webhook nào với mã này thuộc đơn vị của bạn.")),
    };
}

/// <summary>A subscription as its administrator sees it: never the secret.</summary>
public sealed record WebhookView
{
    public required Guid Id { get; init; }
    public required string Url { get; init; }
    public required string UnitCode { get; init; }

    /// <summary>active, or failing once a delivery failed every attempt (deliveries then stop until it is resumed).</summary>
    public required string State { get; init; }
    public required long Delivered { get; init; }
    public required int? LastStatus { get; init; }
    public required DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>
    /// After a secret rotation, until when deliveries also carry the signature of the secret it replaced; null when
    /// no previous secret is honoured.
    /// </summary>
    public required DateTimeOffset? PreviousSecretValidUntil { get; init; }

    public static WebhookView From(WebhookRow row, DateTimeOffset now) => new()
    {
        PreviousSecretValidUntil = row.PreviousSecretAt(now) is null ? null : row.PreviousSecretUntil,
        Id = row.Id,
        Url = row.Url,
        UnitCode = row.UnitCode,
        State = row.State,
        Delivered = row.Delivered,
        LastStatus = row.LastStatus,
        LastAttemptAt = row.LastAttemptAt,
    };
}
