using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Time;
using Dapper;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Audit;

/// <summary>
/// <c>Audit:SealingEnabled</c> (default true), <c>Audit:SealInterval</c> (default 00:00:01) and
/// <c>Audit:MaxBlockEntries</c> (default 1000).
/// </summary>
public sealed class AccessLogSealingOptions
{
    public const string Section = "Audit";

    public bool SealingEnabled { get; set; } = true;

    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxBlockEntries { get; set; } = 1000;
}

/// <summary>A sealed block as stored in <c>access_log_blocks</c>.</summary>
public sealed class AccessLogBlock
{
    public long BlockNo { get; init; }
    public int BlockVersion { get; init; }
    public long FirstSeq { get; init; }
    public long LastSeq { get; init; }
    public int EntryCount { get; init; }
    public byte[] LeafHashes { get; init; } = [];
    public byte[] MerkleRoot { get; init; } = [];
    public byte[] PreviousHash { get; init; } = [];
    public byte[] BlockHash { get; init; } = [];
    public DateTimeOffset SealedAt { get; init; }
    public string KeyId { get; init; } = "";
    public byte[] Signature { get; init; } = [];
}

/// <summary>
/// Seals committed access-log entries into signed, chained Merkle blocks. It reads the chain head inside its own write
/// transaction, so it never seals past a seq whose transaction has not committed (seq is contiguous and in commit
/// order); it never seals by an identity range. On SQL Server one node seals at a time (an application lock owned by
/// the transaction); on SQLite the single writer serialises it.
/// </summary>
public sealed class AccessLogSealer(
    DbConnectionFactory factory, AccessLogSigningKeys keys, IClock clock, IOptions<AccessLogSealingOptions> options, ILogger<AccessLogSealer> logger)
{
    /// <summary>The application lock's name; SQL Server appends the database's name.</summary>
    public const string SealerLockResource = "casemanagement.access-log-sealer:";

    public const string SelectLastBlock = """
        SELECT block_no AS BlockNo, last_seq AS LastSeq, block_hash AS BlockHash
        FROM access_log_blocks WHERE block_no = (SELECT MAX(block_no) FROM access_log_blocks)
        """;

    public const string SelectLastSealedSeq = "SELECT COALESCE(MAX(last_seq), 0) FROM access_log_blocks";

    public const string SelectHead = "SELECT last_seq FROM access_log_head WHERE id = 1";

    public const string SelectEntries = """
        SELECT seq AS Seq, entry_version AS EntryVersion, at AS At, actor_id AS ActorId, actor_role AS ActorRole,
               actor_unit AS ActorUnit, action AS Action, resource_type AS ResourceType, resource_id AS ResourceId,
               victim_id AS VictimId, purpose AS Purpose, outcome AS Outcome, status_code AS StatusCode,
               client_ip AS ClientIp, correlation_id AS CorrelationId
        FROM access_log WHERE seq >= @First AND seq <= @Last ORDER BY seq
        """;

    public const string SelectCaseIds = """
        SELECT seq AS Seq, case_id AS CaseId FROM access_log_cases WHERE seq >= @First AND seq <= @Last
        """;

    public const string InsertBlock = """
        INSERT INTO access_log_blocks (block_no, block_version, first_seq, last_seq, entry_count, leaf_hashes, merkle_root,
            previous_hash, block_hash, sealed_at, key_id, signature)
        VALUES (@BlockNo, @BlockVersion, @FirstSeq, @LastSeq, @EntryCount, @LeafHashes, @MerkleRoot,
            @PreviousHash, @BlockHash, @SealedAt, @KeyId, @Signature)
        """;

    private sealed class LastBlockRow
    {
        public long BlockNo { get; init; }
        public long LastSeq { get; init; }
        public byte[] BlockHash { get; init; } = [];
    }

    private sealed class CaseIdRow
    {
        public long Seq { get; init; }
        public string CaseId { get; init; } = "";
    }

    /// <summary>Seals blocks until every committed entry is sealed; returns how many blocks it sealed.</summary>
    public async Task<int> SealPendingAsync(CancellationToken ct)
    {
        var sealedBlocks = 0;
        // Cheap look first, outside any write transaction: most ticks find nothing to seal.
        if (!await HasPendingAsync(ct))
        {
            return 0;
        }
        while (await SealOnceAsync(ct) is not null)
        {
            sealedBlocks++;
        }
        return sealedBlocks;
    }

    private async Task<bool> HasPendingAsync(CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        var head = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectHead, cancellationToken: ct));
        var sealedTo = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectLastSealedSeq, cancellationToken: ct));
        return head > sealedTo;
    }

    /// <summary>Seals at most one block of committed, unsealed entries; null when there is none (or another node seals).</summary>
    public async Task<AccessLogBlock?> SealOnceAsync(CancellationToken ct)
    {
        await using var session = new DbSession(factory);
        // A connection of its own: the lock attempt, granted or refused, ends with it and never rides a pooled
        // connection into a request's unit of work. One login per attempt, at most one a second per node.
        await session.BeginAsync(ct, pooled: false);
        var held = await session.ExecuteScalarAsync<long>(session.Dialect.TakeSealerLock,
            new { Resource = SealerLockResource, LockMode = "Exclusive", LockOwner = "Transaction" }, ct);
        if (held != 1)
        {
            return null;
        }
        var last = await session.QuerySingleOrDefaultAsync<LastBlockRow>(SelectLastBlock, null, ct);
        var sealedTo = last?.LastSeq ?? 0;
        // Read in this transaction: every seq up to the head is committed (the head is taken and the entry written
        // in one transaction, so the head never runs ahead of a committed entry).
        var head = await session.ExecuteScalarAsync<long>(SelectHead, null, ct);
        if (head <= sealedTo)
        {
            return null;
        }
        var first = sealedTo + 1;
        var lastSeq = Math.Min(head, sealedTo + Math.Max(1, options.Value.MaxBlockEntries));
        var entries = (await session.QueryAsync<SealableEntry>(SelectEntries, new { First = first, Last = lastSeq }, ct)).ToList();
        var bySeq = entries.ToDictionary(e => e.Seq);
        foreach (var row in await session.QueryAsync<CaseIdRow>(SelectCaseIds, new { First = first, Last = lastSeq }, ct))
        {
            if (bySeq.TryGetValue(row.Seq, out var entry))
            {
                entry.CaseIds.Add(row.CaseId);
            }
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Seq != first + i)
            {
                logger.LogError("Access log not sealed: seq {Seq} is missing below the chain head; run audit verify", first + i);
                return null;
            }
        }
        if (entries.Count != lastSeq - first + 1)
        {
            logger.LogError("Access log not sealed: seq {Seq} is missing below the chain head; run audit verify", first + entries.Count);
            return null;
        }

        var leaves = entries.Select(AccessLogHashing.LeafHash).ToList();
        var root = AccessLogHashing.MerkleRoot(leaves);
        var previous = last?.BlockHash ?? AccessLogHashing.GenesisHash;
        var blockNo = (last?.BlockNo ?? 0) + 1;
        // Whole milliseconds: what the API writes for an instant, so a checkpoint's hash recomputes from its JSON.
        var now = clock.UtcNow.UtcTicks;
        var sealedAt = new DateTimeOffset(now - now % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var blockHash = AccessLogHashing.BlockHash(blockNo, first, lastSeq, entries.Count, root, previous, sealedAt);
        var block = new AccessLogBlock
        {
            BlockNo = blockNo,
            BlockVersion = AccessLogHashing.BlockVersion,
            FirstSeq = first,
            LastSeq = lastSeq,
            EntryCount = entries.Count,
            LeafHashes = AccessLogHashing.Concat(leaves),
            MerkleRoot = root,
            PreviousHash = previous,
            BlockHash = blockHash,
            SealedAt = sealedAt,
            KeyId = keys.CurrentKeyId,
            Signature = keys.Sign(blockHash),
        };
        await session.ExecuteAsync(InsertBlock, block, ct);
        await session.CommitAsync(ct);
        logger.LogDebug("Access log block {BlockNo} sealed: seq {FirstSeq} to {LastSeq}", blockNo, first, lastSeq);
        return block;
    }
}

/// <summary>Runs the sealer every <c>Audit:SealInterval</c>, so an entry is sealed within about that long.</summary>
public sealed class AccessLogSealingService(AccessLogSealer sealer, IOptions<AccessLogSealingOptions> options, ILogger<AccessLogSealingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SealingEnabled)
        {
            return;
        }
        var interval = settings.SealInterval > TimeSpan.Zero ? settings.SealInterval : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    await sealer.SealPendingAsync(stoppingToken);
                }
                catch (InvalidOperationException ex)
                {
                    // Configuration (e.g. no signing key in production): the message names the setting, nothing else.
                    logger.LogError("Access log sealing cannot run: {Reason}", ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be down or locked for a while; the next tick tries again.
                    logger.LogWarning("Access log sealing failed this time: {ExceptionType}", ex.GetType().FullName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class AccessLogSealingServices
{
    /// <summary>The keys, the sealer and the verifier's needs; the periodic service is added by the web host only.</summary>
    public static IServiceCollection AddAccessLogSealing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessLogSealingOptions>().Bind(configuration.GetSection(AccessLogSealingOptions.Section));
        services.AddSingleton<AccessLogSigningKeys>();
        services.AddSingleton<AccessLogSealer>();
        return services;
    }
}
