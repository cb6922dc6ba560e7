using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Webhooks.Shared;

/// <summary>
/// The `rekey` command's part for webhook subscriptions: re-seals each signing secret (and the previous one of a
/// rotation still in its overlap; an expired one is dropped) written under an older key with the current one, in
/// batches, logging every subscription whose secrets it decrypted (webhook.secret.rekey). A secret that does not
/// decrypt stops the run loudly.
/// </summary>
public sealed class WebhookRekey(DbConnectionFactory connections, IdentityProtector protector)
{
    public const string CountRemaining = "SELECT COUNT(*) FROM webhook_subscriptions WHERE secret_key_id <> @Current";

    public const string Rewrite = """
        UPDATE webhook_subscriptions SET secret_ciphertext = @Secret, previous_secret_ciphertext = @Previous,
            previous_secret_until = @Until, secret_key_id = @Current
        WHERE id = @Id AND secret_key_id = @OldKeyId
        """;

    public const string Action = "webhook.secret.rekey";

    public static string SelectBatch(SqlDialect dialect) =>
        $"SELECT id AS Id, unit_code AS UnitCode, secret_key_id AS KeyId, secret_ciphertext AS Secret, previous_secret_ciphertext AS Previous, previous_secret_until AS Until FROM webhook_subscriptions WHERE secret_key_id <> @Current ORDER BY id {dialect.Limit("Batch")}";

    public async Task<RekeyResult> RunAsync(int batchSize, int? maxBatches, CancellationToken ct)
    {
        var current = protector.CurrentKeyId;
        return await RekeyBatches.RunAsync<Row>(connections, current, SelectBatch, CountRemaining, batchSize, maxBatches,
            async (session, row, correlation) =>
            {
                var now = DateTimeOffset.UtcNow;
                var secret = protector.Encrypt(row.Id, WebhookSignature.SecretField, protector.Decrypt(row.Id, WebhookSignature.SecretField, row.Secret));
                var keepPrevious = row.Previous is { Length: > 0 } && row.Until is { } until && until > now;
                var previous = keepPrevious
                    ? protector.Encrypt(row.Id, WebhookSignature.PreviousSecretField, protector.Decrypt(row.Id, WebhookSignature.PreviousSecretField, row.Previous!))
                    : null;
                var n = await session.ExecuteAsync(Rewrite, new
                {
                    Secret = secret, Previous = previous, Until = keepPrevious ? row.Until : null, Current = current, row.Id, OldKeyId = row.KeyId,
                }, ct);
                await AccessLogWriter.AppendAsync(session, new AccessLogEntry(
                    At: now, ActorId: "cli:" + Environment.UserName, ActorRole: null, ActorUnit: row.UnitCode, Action: Action,
                    ResourceType: "webhook", ResourceId: row.Id.ToString("D"), VictimId: null, Purpose: null, Outcome: AccessOutcome.Allowed,
                    StatusCode: 200, ClientIp: null, CorrelationId: correlation, CaseIds: []), ct);
                return n;
            }, ct);
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string UnitCode { get; init; } = "";
        public string KeyId { get; init; } = "";
        public byte[] Secret { get; init; } = [];
        public byte[]? Previous { get; init; }
        public DateTimeOffset? Until { get; init; }
    }
}
