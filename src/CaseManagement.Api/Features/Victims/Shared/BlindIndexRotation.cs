using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;

namespace CaseManagement.Api.Features.Victims.Shared;

/// <summary>
/// Re-indexes every victim under a new blind-index key: each identity is decrypted, its index computed under the new
/// key and written back, all in one transaction (a half-rotated index would stop recognising the same child); each
/// decryption is an access-log entry (victim.blind-index.rotate). The service uses the new key after a restart.
/// </summary>
public sealed class BlindIndexRotation(DbConnectionFactory connections, IdentityProtector protector)
{
    public const string Action = "victim.blind-index.rotate";

    public const string SelectAll = "SELECT id AS Id, case_id AS CaseId, identity_ciphertext AS Ciphertext FROM victims ORDER BY id";

    public const string SetIndex = "UPDATE victims SET blind_index = @BlindIndex WHERE id = @Id";

    public async Task<int> RunAsync(byte[] newKey, CancellationToken ct)
    {
        if (newKey.Length < KeyRing.KeyBytes)
        {
            throw new ArgumentException($"The new blind-index key must be at least {KeyRing.KeyBytes} bytes.");
        }
        var correlation = Guid.NewGuid().ToString("N");
        await using var session = new DbSession(connections);
        await session.BeginAsync(ct);
        await SqliteScrub.SecureDeleteAsync(session, ct);
        var rows = (await session.QueryAsync<IdentityRekey.Row>(SelectAll, null, ct)).ToList();
        foreach (var row in rows)
        {
            // A row that does not decrypt stops the rotation: nothing is committed.
            var identity = ProtectedIdentity.Open(protector, row.Id, row.Ciphertext);
            await session.ExecuteAsync(SetIndex, new { BlindIndex = BlindIndex.Compute(newKey, identity.Identity.FullName!, identity.DateOfBirth), row.Id }, ct);
            await AccessLogWriter.AppendAsync(session, OperatorAccess.Entry(Action, row.Id, row.CaseId, correlation, DateTimeOffset.UtcNow), ct);
        }
        await session.CommitAsync(ct);
        if (rows.Count > 0)
        {
            await SqliteScrub.CompactAsync(connections, ct);
        }
        return rows.Count;
    }
}
