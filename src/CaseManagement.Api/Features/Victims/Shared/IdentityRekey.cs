using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Victims.Shared;

public sealed record RekeyResult(int Rewritten, long Remaining, string CurrentKeyId);

/// <summary>
/// Re-encrypts identities written under older keys with the current key, in batches ordered by id, each batch its own
/// transaction. Stopping at any point leaves every row readable (old rows stay under their old key, still in the
/// ring); running again carries on with the rows that are left.
/// </summary>
public sealed class IdentityRekey(DbConnectionFactory connections, IdentityProtector protector)
{
    public const string CountRemaining = "SELECT COUNT(*) FROM victims WHERE identity_key_id <> @Current";

    public const string Rewrite = """
        UPDATE victims SET identity_ciphertext = @Ciphertext, identity_key_id = @Current
        WHERE id = @Id AND identity_key_id = @OldKeyId
        """;

    public static string SelectBatch(SqlDialect dialect) =>
        $"SELECT id AS Id, identity_key_id AS KeyId, identity_ciphertext AS Ciphertext FROM victims WHERE identity_key_id <> @Current ORDER BY id {dialect.Limit("Batch")}";

    public async Task<RekeyResult> RunAsync(int batchSize, int? maxBatches, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var current = protector.CurrentKeyId;
        var rewritten = 0;
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            await using var session = new DbSession(connections);
            await session.BeginAsync(ct);
            var rows = (await session.QueryAsync<Row>(SelectBatch(session.Dialect), new { Current = current, Batch = batchSize }, ct)).ToList();
            if (rows.Count == 0)
            {
                break;
            }
            foreach (var row in rows)
            {
                // A row that does not decrypt stops the run loudly: it is never rewritten or skipped silently.
                var plaintext = protector.Decrypt(row.Id, ProtectedIdentity.Field, row.Ciphertext);
                var resealed = protector.Encrypt(row.Id, ProtectedIdentity.Field, plaintext);
                rewritten += await session.ExecuteAsync(Rewrite, new { Ciphertext = resealed, Current = current, row.Id, OldKeyId = row.KeyId }, ct);
            }
            await session.CommitAsync(ct);
        }
        await using var count = new DbSession(connections);
        await count.BeginAsync(ct);
        var remaining = await count.ExecuteScalarAsync<long>(CountRemaining, new { Current = current }, ct);
        await count.CommitAsync(ct);
        return new RekeyResult(rewritten, remaining, current);
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string KeyId { get; init; } = "";
        public byte[] Ciphertext { get; init; } = [];
    }
}
