using System.Text.Json;
using CaseManagement.Api.Platform.Data;
using Dapper;

namespace CaseManagement.Api.Platform.Security;

/// <summary>A suspect's protected identity: what identity_ciphertext holds.</summary>
public sealed record SuspectIdentity(string FullName, string? IdentityNumber);

/// <summary>
/// Encrypts a suspect's identity under the suspect's id (AES-256-GCM, as a child's) and computes the blind indexes
/// that find the same person in other cases: folded name + date of birth, and identity number.
/// </summary>
public sealed class SuspectIdentityProtector(IdentityProtector protector, BlindIndex blindIndex)
{
    public const string Field = "suspect-identity";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string CurrentKeyId => protector.CurrentKeyId;

    public byte[] Protect(Guid suspectId, SuspectIdentity identity) =>
        protector.Encrypt(suspectId, Field, JsonSerializer.SerializeToUtf8Bytes(identity, Json));

    public SuspectIdentity Reveal(Guid suspectId, byte[] blob) =>
        JsonSerializer.Deserialize<SuspectIdentity>(protector.Decrypt(suspectId, Field, blob), Json)
            ?? throw new System.Security.Cryptography.CryptographicException("A suspect's identity is empty.");

    public string? PersonIndex(string fullName, DateOnly? dateOfBirth) =>
        dateOfBirth is { } dob ? blindIndex.ComputeSuspect(fullName, dob) : null;

    public string? IdentityNumberIndex(string? identityNumber) =>
        string.IsNullOrWhiteSpace(identityNumber) ? null : blindIndex.ComputeIdentityNumber(identityNumber);
}

/// <summary>
/// The start-up step for rows written before suspects were protected: encrypts each clear-text name, computes its
/// index and empties full_name, in batches, until no clear name is left. Does nothing (and touches no key) when none is.
/// </summary>
public sealed class SuspectIdentityBackfill(DbConnectionFactory factory, IServiceProvider services)
{
    public const string CountClear = "SELECT COUNT(*) FROM suspects WHERE identity_ciphertext IS NULL";

    public const string SelectClear = """
        SELECT id AS Id, full_name AS FullName, date_of_birth AS DateOfBirth FROM suspects
        WHERE identity_ciphertext IS NULL ORDER BY id
        """;

    public const string Protect = """
        UPDATE suspects SET identity_key_id = @KeyId, identity_ciphertext = @Ciphertext, person_index = @PersonIndex,
            full_name = @Empty
        WHERE id = @Id AND identity_ciphertext IS NULL
        """;

    private sealed record ClearRow(Guid Id, string FullName, DateOnly? DateOfBirth);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountClear, cancellationToken: ct)) == 0)
        {
            return 0;
        }
        var protector = services.GetRequiredService<SuspectIdentityProtector>();
        var sqlite = connection is Microsoft.Data.Sqlite.SqliteConnection;
        if (sqlite)
        {
            // Overwrite the replaced cells rather than leave the clear names in free space of the file.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA secure_delete = ON", cancellationToken: ct));
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = (await connection.QueryAsync<ClearRow>(new CommandDefinition(SelectClear, null, tx, cancellationToken: ct))).ToList();
        foreach (var row in rows)
        {
            await connection.ExecuteAsync(new CommandDefinition(Protect, new
            {
                row.Id,
                KeyId = protector.CurrentKeyId,
                Ciphertext = protector.Protect(row.Id, new SuspectIdentity(row.FullName, null)),
                PersonIndex = protector.PersonIndex(row.FullName, row.DateOfBirth),
                Empty = string.Empty,
            }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        if (sqlite)
        {
            // The write-ahead log still holds the pages as they were: copy back and empty it.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: ct));
        }
        return rows.Count;
    }
}
