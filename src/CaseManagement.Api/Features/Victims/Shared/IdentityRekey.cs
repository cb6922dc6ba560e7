using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Victims.Shared;

public sealed record RekeyResult(int Rewritten, long Remaining, string CurrentKeyId);

/// <summary>
/// An access-log entry for each identity a command-line run decrypted: who ran it is the operating-system user, the
/// action names the command, the entry names the victim and its case.
/// </summary>
public static class OperatorAccess
{
    public static AccessLogEntry Entry(string action, Guid victimId, Guid caseId, string correlationId, DateTimeOffset at) => new(
        At: at,
        ActorId: "cli:" + Environment.UserName,
        ActorRole: null,
        ActorUnit: null,
        Action: action,
        ResourceType: "victim",
        ResourceId: victimId.ToString("D"),
        VictimId: victimId.ToString("D"),
        Purpose: null,
        Outcome: AccessOutcome.Allowed,
        StatusCode: 200,
        ClientIp: null,
        CorrelationId: correlationId,
        CaseIds: [caseId]);
}

/// <summary>
/// Re-encrypts identities written under older keys with the current key, in batches ordered by id, each batch its own
/// transaction. Stopping at any point leaves every row readable (old rows stay under their old key, still in the
/// ring); running again carries on with the rows that are left. Every identity decrypted is an access-log entry
/// (victim.identity.rekey). On SQLite the rewrite runs with secure_delete on, and the run ends with VACUUM and a
/// truncating WAL checkpoint, so the old ciphertexts survive neither in free pages nor in the WAL.
/// </summary>
public sealed class IdentityRekey(DbConnectionFactory connections, IdentityProtector protector)
{
    public const string CountRemaining = "SELECT COUNT(*) FROM victims WHERE identity_key_id <> @Current";

    public const string Rewrite = """
        UPDATE victims SET identity_ciphertext = @Ciphertext, identity_key_id = @Current
        WHERE id = @Id AND identity_key_id = @OldKeyId
        """;

    public const string Action = "victim.identity.rekey";

    public static string SelectBatch(SqlDialect dialect) =>
        $"SELECT id AS Id, case_id AS CaseId, identity_key_id AS KeyId, identity_ciphertext AS Ciphertext FROM victims WHERE identity_key_id <> @Current ORDER BY id {dialect.Limit("Batch")}";

    public async Task<RekeyResult> RunAsync(int batchSize, int? maxBatches, CancellationToken ct)
    {
        var current = protector.CurrentKeyId;
        return await RekeyBatches.RunAsync<Row>(connections, current, SelectBatch, CountRemaining, batchSize, maxBatches,
            async (session, row, correlation) =>
            {
                // A row that does not decrypt stops the run loudly: it is never rewritten or skipped silently.
                var plaintext = protector.Decrypt(row.Id, ProtectedIdentity.Field, row.Ciphertext);
                var resealed = protector.Encrypt(row.Id, ProtectedIdentity.Field, plaintext);
                var n = await session.ExecuteAsync(Rewrite, new { Ciphertext = resealed, Current = current, row.Id, OldKeyId = row.KeyId }, ct);
                await AccessLogWriter.AppendAsync(session, OperatorAccess.Entry(Action, row.Id, row.CaseId, correlation, DateTimeOffset.UtcNow), ct);
                return n;
            }, ct);
    }

    public sealed class Row
    {
        public Guid Id { get; init; }
        public Guid CaseId { get; init; }
        public string KeyId { get; init; } = "";
        public byte[] Ciphertext { get; init; } = [];
    }
}

/// <summary>SQLite only: what was overwritten or deleted must not stay readable in free pages or the WAL.</summary>
public static class SqliteScrub
{
    /// <summary>Deleted and overwritten content is zeroed on this connection (free pages, overflow chains).</summary>
    public static async Task SecureDeleteAsync(DbSession session, CancellationToken ct)
    {
        if (session.Dialect is SqliteDialect)
        {
            await session.ExecuteAsync("PRAGMA secure_delete = ON", null, ct);
        }
    }

    /// <summary>Rebuilds the file (VACUUM) and truncates the WAL, so no page image of the old values is left.</summary>
    public static async Task CompactAsync(DbConnectionFactory connections, CancellationToken ct)
    {
        if (connections.Dialect is not SqliteDialect)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(ct);
        foreach (var pragma in new[] { "PRAGMA secure_delete = ON", "PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragma;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>
/// The batch loop every rekey shares: rows still under an older key, a batch at a time ordered by id, each batch its own
/// transaction with secure_delete on; the caller re-seals one row and logs it; the run ends by counting what is left
/// and, when anything was rewritten, compacting the SQLite file.
/// </summary>
public static class RekeyBatches
{
    public static async Task<RekeyResult> RunAsync<TRow>(DbConnectionFactory connections, string current, Func<SqlDialect, string> selectBatch,
        string countRemaining, int batchSize, int? maxBatches, Func<DbSession, TRow, string, Task<int>> rewrite, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var rewritten = 0;
        var correlation = Guid.NewGuid().ToString("N");
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            await using var session = new DbSession(connections);
            await session.BeginAsync(ct);
            await SqliteScrub.SecureDeleteAsync(session, ct);
            var rows = (await session.QueryAsync<TRow>(selectBatch(session.Dialect), new { Current = current, Batch = batchSize }, ct)).ToList();
            if (rows.Count == 0)
            {
                break;
            }
            foreach (var row in rows)
            {
                rewritten += await rewrite(session, row, correlation);
            }
            await session.CommitAsync(ct);
        }
        await using var count = new DbSession(connections);
        await count.BeginAsync(ct);
        var remaining = await count.ExecuteScalarAsync<long>(countRemaining, new { Current = current }, ct);
        await count.CommitAsync(ct);
        if (rewritten > 0)
        {
            await SqliteScrub.CompactAsync(connections, ct);
        }
        return new RekeyResult(rewritten, remaining, current);
    }
}
