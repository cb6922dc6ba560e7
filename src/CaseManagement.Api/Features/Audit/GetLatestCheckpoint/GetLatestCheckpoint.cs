using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Errors;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Domain;
using Mediator;

namespace CaseManagement.Api.Features.Audit.GetLatestCheckpoint;

/// <summary>The signed head of the last sealed block: copied out of the system, it lets anyone check the log later.</summary>
[AllowedRoles(Role.Auditor)]
public sealed record GetLatestCheckpoint : IQuery<CheckpointView>;

/// <summary>
/// A signed checkpoint, verifiable offline: <c>signature</c> (base64, DER, ECDSA P-256 with SHA-256) is over the 32
/// bytes of <c>hash</c> (hex), checked with <c>publicKey</c> (compare it with the key you were given out of band).
/// <c>hash</c> recomputes from blockNo, firstSeq, lastSeq, entryCount, merkleRoot, previousHash and signedAt.
/// </summary>
public sealed record CheckpointView(
    long BlockNo,
    long FirstSeq,
    long LastSeq,
    int EntryCount,
    string MerkleRoot,
    string PreviousHash,
    string Hash,
    DateTimeOffset SignedAt,
    string KeyId,
    string? PublicKey,
    string Signature,
    string Algorithm);

public sealed class GetLatestCheckpointHandler(DbSession db, AccessLogSigningKeys keys, AccessLogContext log)
    : IQueryHandler<GetLatestCheckpoint, CheckpointView>
{
    public const string SelectLatest = """
        SELECT block_no AS BlockNo, block_version AS BlockVersion, first_seq AS FirstSeq, last_seq AS LastSeq,
               entry_count AS EntryCount, merkle_root AS MerkleRoot, previous_hash AS PreviousHash, block_hash AS BlockHash,
               sealed_at AS SealedAt, key_id AS KeyId, signature AS Signature
        FROM access_log_blocks WHERE block_no = (SELECT MAX(block_no) FROM access_log_blocks)
        """;

    public async ValueTask<CheckpointView> Handle(GetLatestCheckpoint query, CancellationToken ct)
    {
        var block = await db.QuerySingleOrDefaultAsync<AccessLogBlock>(SelectLatest, null, ct)
            ?? throw Problems.NotFound(CheckpointProblems.NothingSealed);
        log.ResourceId = block.BlockNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new CheckpointView(
            block.BlockNo,
            block.FirstSeq,
            block.LastSeq,
            block.EntryCount,
            Convert.ToHexStringLower(block.MerkleRoot),
            Convert.ToHexStringLower(block.PreviousHash),
            Convert.ToHexStringLower(block.BlockHash),
            block.SealedAt,
            block.KeyId,
            keys.PublicKeyPem(block.KeyId),
            Convert.ToBase64String(block.Signature),
            AccessLogSigningKeys.Algorithm);
    }
}
