using System.Data.Common;
using System.Security.Cryptography;
using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>
/// What verification found. <see cref="FirstBadSeq"/> names the first entry that is missing or no longer matches its
/// seal (for a block whose chain or signature is bad, its first seq); <see cref="FirstBadBlock"/> the block.
/// </summary>
public sealed record AccessLogReport(bool Ok, long EntriesChecked, long LastSeq, long? FirstBadSeq, string? Problem)
{
    /// <summary>Blocks whose entries, Merkle root, chain link and signature were recomputed and found good.</summary>
    public long BlocksChecked { get; init; }

    /// <summary>The last seq covered by a good block (0 when nothing is sealed).</summary>
    public long LastSealedSeq { get; init; }

    /// <summary>The last good block's number and hash (hex), null when nothing is sealed.</summary>
    public long? LastBlockNo { get; init; }

    public string? LastBlockHash { get; init; }

    public long? FirstBadBlock { get; init; }

    /// <summary>Entries after the last seal, not yet protected by a signature (the unsealed window).</summary>
    public long UnsealedEntries { get; init; }
}

/// <summary>An exported checkpoint (from <c>GET /audit/checkpoints/latest</c>) held outside the system.</summary>
public sealed record Checkpoint(long BlockNo, long LastSeq, string Hash);

/// <summary>
/// Checks the whole log: seq starts at 1 and has no gaps; every block follows the previous one, its entries hash to its
/// Merkle root, its hash recomputes, it is chained to the previous block's hash and signed by a known key; the chain
/// head agrees with the last entry; and, given a trusted checkpoint, that block is still there, unchanged (so a tail
/// cut off behind it is found). Stops at the first problem and names it.
/// </summary>
public sealed class AccessLogVerifier(DbConnectionFactory factory, AccessLogSigningKeys keys)
{
    private const int BlocksPerRead = 64;

    public const string SelectHead = "SELECT last_seq FROM access_log_head WHERE id = 1";

    public const string SelectBlocks = """
        SELECT block_no AS BlockNo, block_version AS BlockVersion, first_seq AS FirstSeq, last_seq AS LastSeq,
               entry_count AS EntryCount, leaf_hashes AS LeafHashes, merkle_root AS MerkleRoot, previous_hash AS PreviousHash,
               block_hash AS BlockHash, sealed_at AS SealedAt, key_id AS KeyId, signature AS Signature
        FROM access_log_blocks WHERE block_no > @After AND block_no <= @Until ORDER BY block_no
        """;

    public const string SelectNextBlockNo = "SELECT MIN(block_no) FROM access_log_blocks WHERE block_no > @After AND block_no <= @Until";

    public const string SelectLastBlockNo = "SELECT COALESCE(MAX(block_no), 0) FROM access_log_blocks";

    public const string SelectSeqsAfter = "SELECT seq FROM access_log WHERE seq > @After AND seq <= @Until ORDER BY seq";

    public const string SelectLastSeq = "SELECT COALESCE(MAX(seq), 0) FROM access_log";

    private sealed class State
    {
        public long Entries;
        public long Blocks;
        public long SealedTo;
        public long? BlockNo;
        public byte[] Hash = AccessLogHashing.GenesisHash;

        public AccessLogReport Bad(long? seq, long? block, string problem) =>
            new(false, Entries, SealedTo, seq, problem)
            {
                BlocksChecked = Blocks,
                LastSealedSeq = SealedTo,
                LastBlockNo = BlockNo,
                LastBlockHash = BlockNo is null ? null : Convert.ToHexStringLower(Hash),
                FirstBadBlock = block,
            };
    }

    public async Task<AccessLogReport> VerifyAsync(CancellationToken ct, Checkpoint? trusted = null)
    {
        var state = new State();
        try
        {
            return await VerifyAsync(state, trusted, ct);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or System.Data.DataException)
        {
            // A row an attacker rewrote with a value of another type: the log no longer reads as written.
            return state.Bad(state.SealedTo + 1, (state.BlockNo ?? 0) + 1, "the log cannot be read after this point: a row holds a value of the wrong type");
        }
    }

    private async Task<AccessLogReport> VerifyAsync(State state, Checkpoint? trusted, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct, readOnly: true);
        // SQLite: one read transaction, one snapshot of log, blocks and head together.
        await using DbTransaction? snapshot = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : null;
        // Elsewhere (SQL Server, READ COMMITTED) each statement sees another moment, and the sealer and the writers go on
        // while this reads. So the read is bounded by what was committed before it began: first the last block, then
        // the chain head (every block committed before it covers seqs at most the head; every seq up to the head is
        // committed). Rows inside those bounds never change (append-only), so what follows reads one consistent
        // prefix of the log; blocks and entries committed meanwhile are left to the next verification.
        var lastBlock = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectLastBlockNo, transaction: snapshot, cancellationToken: ct));
        var headBefore = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectHead, transaction: snapshot, cancellationToken: ct));

        var sawTrusted = false;
        while (true)
        {
            var blocks = (await connection.QueryAsync<AccessLogBlock>(new CommandDefinition(SelectBlocks,
                new { After = state.BlockNo ?? 0, Until = Math.Min(lastBlock, (state.BlockNo ?? 0) + BlocksPerRead) }, snapshot, cancellationToken: ct))).ToList();
            if (blocks.Count == 0)
            {
                var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(SelectNextBlockNo,
                    new { After = state.BlockNo ?? 0, Until = lastBlock }, snapshot, cancellationToken: ct));
                if (next is not null)
                {
                    return state.Bad(state.SealedTo + 1, (state.BlockNo ?? 0) + 1, $"block {(state.BlockNo ?? 0) + 1} is missing");
                }
                break;
            }
            // While one block's entries are hashed on another thread, the next block's entries are read on this one
            // (the reads must stay on this connection, in its snapshot); the checks then run in block order.
            var entries = await ReadEntriesAsync(connection, snapshot, blocks[0].FirstSeq, blocks[0].LastSeq, ct);
            for (var b = 0; b < blocks.Count; b++)
            {
                var block = blocks[b];
                var current = entries;
                var hashing = Task.Run(() => Leaves(current), ct);
                entries = b + 1 < blocks.Count
                    ? await ReadEntriesAsync(connection, snapshot, blocks[b + 1].FirstSeq, blocks[b + 1].LastSeq, ct)
                    : [];
                if (CheckBlock(block, current, await hashing, state) is { } bad)
                {
                    return bad;
                }
                if (trusted is not null && block.BlockNo == trusted.BlockNo)
                {
                    sawTrusted = true;
                    if (block.LastSeq != trusted.LastSeq || !string.Equals(Convert.ToHexStringLower(block.BlockHash), trusted.Hash, StringComparison.OrdinalIgnoreCase))
                    {
                        return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo} differs from the trusted checkpoint");
                    }
                }
            }
        }

        // The unsealed window: seq must go on without a gap after the last seal.
        long expected = state.SealedTo + 1, unsealed = 0;
        await foreach (var seq in connection.QueryUnbufferedAsync<long>(SelectSeqsAfter, new { After = state.SealedTo, Until = headBefore }, snapshot).WithCancellation(ct))
        {
            if (seq != expected)
            {
                return state.Bad(expected, null, $"seq {expected} is missing") with { EntriesChecked = state.Entries + unsealed, LastSeq = expected - 1, UnsealedEntries = unsealed };
            }
            expected++;
            unsealed++;
        }
        var lastSeq = expected - 1;
        var total = state.Entries + unsealed;
        AccessLogReport Final(bool ok, long? badSeq, long? badBlock, string? problem) =>
            state.Bad(badSeq, badBlock, problem ?? "") with { Ok = ok, Problem = problem, EntriesChecked = total, LastSeq = lastSeq, UnsealedEntries = unsealed };

        if (trusted is not null && !sawTrusted)
        {
            return lastSeq < trusted.LastSeq
                ? Final(false, lastSeq + 1, (state.BlockNo ?? 0) + 1,
                    $"the log ends at seq {lastSeq} (block {state.BlockNo ?? 0}), before the trusted checkpoint's seq {trusted.LastSeq} (block {trusted.BlockNo}): its tail was removed")
                : Final(false, state.SealedTo + 1, (state.BlockNo ?? 0) + 1,
                    $"the trusted checkpoint's block {trusted.BlockNo} is missing");
        }
        if (headBefore > lastSeq)
        {
            return Final(false, lastSeq + 1, null, $"the chain head says {headBefore} but the log ends at {lastSeq}");
        }
        // A sealed block beyond the head it was read with, or an entry beyond the head: rows the writers never made.
        if (lastSeq > headBefore)
        {
            return Final(false, headBefore + 1, null, $"the log holds seq {lastSeq} beyond the chain head {headBefore}");
        }
        // The largest seq first, then the head: the head read later covers every entry committed before.
        var maxSeq = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectLastSeq, transaction: snapshot, cancellationToken: ct));
        var headAfter = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectHead, transaction: snapshot, cancellationToken: ct));
        if (maxSeq > headAfter)
        {
            return Final(false, headAfter + 1, null, $"the log holds seq {maxSeq} beyond the chain head {headAfter}");
        }
        return Final(true, null, null, null);
    }

    /// <summary>
    /// The entries of seqs <paramref name="first"/> to <paramref name="last"/> with their case ids, read column by column
    /// (a generic row mapper cost more than the hashing). A value of another type than the column's is refused with
    /// <see cref="InvalidCastException"/>, as the mapper refused it: the log no longer reads as written.
    /// </summary>
    private static async Task<List<SealableEntry>> ReadEntriesAsync(DbConnection connection, DbTransaction? snapshot, long first, long last, CancellationToken ct)
    {
        var entries = new List<SealableEntry>((int)Math.Clamp(last - first + 1, 0, 100_000));
        await using (var command = Command(connection, snapshot, AccessLogSealer.SelectEntries, first, last))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                entries.Add(new SealableEntry
                {
                    Seq = Integer(reader, 0),
                    EntryVersion = checked((int)Integer(reader, 1)),
                    At = reader.IsDBNull(2) ? null : reader.GetValue(2),
                    ActorId = Text(reader, 3),
                    ActorRole = Text(reader, 4),
                    ActorUnit = Text(reader, 5),
                    Action = Text(reader, 6),
                    ResourceType = Text(reader, 7),
                    ResourceId = Text(reader, 8),
                    VictimId = Text(reader, 9),
                    Purpose = Text(reader, 10),
                    Outcome = Text(reader, 11),
                    StatusCode = Integer(reader, 12),
                    ClientIp = Text(reader, 13),
                    CorrelationId = Text(reader, 14),
                });
            }
        }
        if (entries.Count == 0)
        {
            return entries;
        }
        // In seq order without gaps (the usual case) an entry is found by its offset; otherwise through a dictionary.
        var contiguous = entries[0].Seq == first && entries[^1].Seq == first + entries.Count - 1;
        var bySeq = contiguous ? null : entries.GroupBy(e => e.Seq).ToDictionary(g => g.Key, g => g.First());
        await using (var command = Command(connection, snapshot, AccessLogSealer.SelectCaseIds, first, last))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var seq = Integer(reader, 0);
                var caseId = Text(reader, 1) ?? throw new InvalidCastException("a case id is missing");
                if (bySeq is null)
                {
                    if (seq >= first && seq - first < entries.Count)
                    {
                        entries[(int)(seq - first)].CaseIds.Add(caseId);
                    }
                }
                else if (bySeq.TryGetValue(seq, out var entry))
                {
                    entry.CaseIds.Add(caseId);
                }
            }
        }
        return entries;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? snapshot, string sql, long first, long last)
    {
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        command.CommandTimeout = 30;
        var from = command.CreateParameter();
        from.ParameterName = "@First";
        from.Value = first;
        command.Parameters.Add(from);
        var to = command.CreateParameter();
        to.ParameterName = "@Last";
        to.Value = last;
        command.Parameters.Add(to);
        return command;
    }

    private static string? Text(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        return reader.GetValue(ordinal) as string ?? throw new InvalidCastException($"column {reader.GetName(ordinal)} does not hold text");
    }

    private static long Integer(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long l => l,
        int i => i,
        short h => h,
        byte b => b,
        _ => throw new InvalidCastException($"column {reader.GetName(ordinal)} does not hold an integer"),
    };

    /// <summary>The leaf hash of each entry, in order, up to the first entry that cannot be read (then its error).</summary>
    private static (List<byte[]> Leaves, Exception? Unreadable) Leaves(List<SealableEntry> entries)
    {
        var leaves = new List<byte[]>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                leaves.Add(AccessLogHashing.LeafHash(entry));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return (leaves, ex);
            }
        }
        return (leaves, null);
    }

    private AccessLogReport? CheckBlock(AccessLogBlock block, List<SealableEntry> entries, (List<byte[]> Leaves, Exception? Unreadable) hashed, State state)
    {
        var expectedNo = (state.BlockNo ?? 0) + 1;
        var expectedFirst = state.SealedTo + 1;
        if (block.BlockNo != expectedNo)
        {
            return state.Bad(expectedFirst, expectedNo, $"block {expectedNo} is missing");
        }
        if (block.BlockVersion != AccessLogHashing.BlockVersion)
        {
            return state.Bad(expectedFirst, block.BlockNo, $"block {block.BlockNo} has an unknown version {block.BlockVersion}");
        }
        if (block.FirstSeq != expectedFirst || block.LastSeq < block.FirstSeq || block.EntryCount != block.LastSeq - block.FirstSeq + 1)
        {
            return state.Bad(expectedFirst, block.BlockNo, $"block {block.BlockNo} does not cover the seqs that follow block {state.BlockNo ?? 0}");
        }

        for (var i = 0; i < block.EntryCount; i++)
        {
            if (i >= entries.Count || entries[i].Seq != block.FirstSeq + i)
            {
                return state.Bad(block.FirstSeq + i, block.BlockNo, $"seq {block.FirstSeq + i} is missing");
            }
        }

        var sealedLeaves = AccessLogHashing.Split(block.LeafHashes);
        var sealedLeavesIntact = sealedLeaves.Count == block.EntryCount
            && block.LeafHashes.Length == block.EntryCount * AccessLogHashing.HashBytes
            && CryptographicOperations.FixedTimeEquals(AccessLogHashing.MerkleRoot(sealedLeaves), block.MerkleRoot);
        var leaves = hashed.Leaves;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (i == leaves.Count)
            {
                return state.Bad(entry.Seq, block.BlockNo, $"seq {entry.Seq} cannot be read: {hashed.Unreadable!.Message}");
            }
            if (sealedLeavesIntact && !leaves[i].AsSpan().SequenceEqual(sealedLeaves[i]))
            {
                return state.Bad(entry.Seq, block.BlockNo, $"seq {entry.Seq} does not match its sealed hash: the entry was changed");
            }
        }
        // Every leaf equals its sealed leaf, whose root was just checked against the block's: the same root. Only when the
        // stored leaves were changed is the root computed again, to say which of the two was changed.
        if (!sealedLeavesIntact && !AccessLogHashing.MerkleRoot(leaves).AsSpan().SequenceEqual(block.MerkleRoot))
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo}: its entries do not hash to its Merkle root");
        }
        if (!sealedLeavesIntact)
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo}: its stored leaf hashes were changed");
        }
        if (!block.PreviousHash.AsSpan().SequenceEqual(state.Hash))
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo} is not chained to block {state.BlockNo ?? 0}");
        }
        byte[] hash;
        try
        {
            hash = AccessLogHashing.BlockHash(block.BlockNo, block.FirstSeq, block.LastSeq, block.EntryCount, block.MerkleRoot, block.PreviousHash, block.SealedAt);
        }
        catch (FormatException)
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo} cannot be read");
        }
        if (!hash.AsSpan().SequenceEqual(block.BlockHash))
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo}: its hash does not match its contents");
        }
        bool? signed;
        try
        {
            signed = keys.Verify(block.KeyId, hash, block.Signature);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            signed = false;
        }
        if (signed is null)
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo} is signed by an unknown key {block.KeyId}");
        }
        if (signed is false)
        {
            return state.Bad(block.FirstSeq, block.BlockNo, $"block {block.BlockNo}: its signature is not valid");
        }

        state.Entries += block.EntryCount;
        state.Blocks++;
        state.SealedTo = block.LastSeq;
        state.BlockNo = block.BlockNo;
        state.Hash = block.BlockHash;
        return null;
    }
}
