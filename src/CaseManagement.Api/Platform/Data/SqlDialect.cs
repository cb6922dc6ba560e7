namespace CaseManagement.Api.Platform.Data;

/// <summary>Says once, per provider, the few things the two SQL dialects spell differently.</summary>
public abstract class SqlDialect
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Appended after an ORDER BY to take the first @Limit rows.</summary>
    public abstract string Limit(string parameterName);

    /// <summary>Inserts the counter row for @Year if it is missing, without racing a concurrent insert.</summary>
    public abstract string EnsureCaseCounterRow { get; }

    /// <summary>The same for the report receipt numbers' counter.</summary>
    public string EnsureReportCounterRow => EnsureCaseCounterRow.Replace("case_number_counters", "report_number_counters", StringComparison.Ordinal);

    /// <summary>
    /// Advances the access-log chain head; the lock is held to commit so seq follows commit order. Selects the new
    /// value when <see cref="ReadTakenAccessLogHead"/> is null; otherwise that statement, run next, reads it.
    /// </summary>
    public abstract string TakeAccessLogHead { get; }

    /// <summary>Reads the head this transaction has just advanced, as a statement of its own (null: not needed).</summary>
    public virtual string? ReadTakenAccessLogHead => null;

    /// <summary>Advances the change feed's head, the same way: the next position, in commit order.</summary>
    public string TakeChangeFeedHead => ForChangeFeed(TakeAccessLogHead);

    public string? ReadTakenChangeFeedHead => ReadTakenAccessLogHead is { } read ? ForChangeFeed(read) : null;

    /// <summary>Takes the next access-log seq in the session's transaction.</summary>
    public Task<long> TakeAccessLogSeqAsync(DbSession session, CancellationToken ct) =>
        TakeHeadAsync(session, TakeAccessLogHead, ReadTakenAccessLogHead, ct);

    /// <summary>Takes the next change-feed position in the session's transaction.</summary>
    public Task<long> TakeChangeFeedPositionAsync(DbSession session, CancellationToken ct) =>
        TakeHeadAsync(session, TakeChangeFeedHead, ReadTakenChangeFeedHead, ct);

    private static async Task<long> TakeHeadAsync(DbSession session, string take, string? read, CancellationToken ct)
    {
        if (read is null)
        {
            return await session.ExecuteScalarAsync<long>(take, null, ct);
        }
        await session.ExecuteAsync(take, null, ct);
        return await session.ExecuteScalarAsync<long>(read, null, ct);
    }

    private static string ForChangeFeed(string sql) => sql
        .Replace("access_log_head", "change_feed_head", StringComparison.Ordinal)
        .Replace("last_seq", "last_position", StringComparison.Ordinal);

    /// <summary>
    /// Makes this transaction the only access-log sealer until it ends: selects 1 when held, 0 when another node is
    /// sealing now (parameter @Resource). SQLite has one writer at a time, so its write transaction suffices.
    /// </summary>
    public abstract string TakeSealerLock { get; }

    public static SqlDialect For(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(),
        StorageProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

public sealed class SqliteDialect : SqlDialect
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string Limit(string parameterName) => $"LIMIT @{parameterName}";

    // One writer at a time (BEGIN IMMEDIATE), so a plain conditional insert cannot race.
    public override string EnsureCaseCounterRow =>
        "INSERT INTO case_number_counters (year, last_value) SELECT @Year, 0 WHERE NOT EXISTS (SELECT 1 FROM case_number_counters WHERE year = @Year)";

    public override string TakeAccessLogHead =>
        "UPDATE access_log_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq";

    public override string TakeSealerLock => "SELECT 1";
}

public sealed class SqlServerDialect : SqlDialect
{
    public override StorageProvider Provider => StorageProvider.SqlServer;

    public override string Limit(string parameterName) => $"OFFSET 0 ROWS FETCH NEXT @{parameterName} ROWS ONLY";

    // UPDLOCK + HOLDLOCK make the second of two first intakes of a year wait for the first and then see its row. A
    // duplicate key all the same (a server that does not honour the hints) means the row exists, which is all this
    // statement wants: the error is caught, the transaction goes on.
    public override string EnsureCaseCounterRow => """
        BEGIN TRY
            INSERT INTO case_number_counters (year, last_value) SELECT @Year, 0 WHERE NOT EXISTS (SELECT 1 FROM case_number_counters WITH (UPDLOCK, HOLDLOCK) WHERE year = @Year);
        END TRY
        BEGIN CATCH
            IF ERROR_NUMBER() NOT IN (2601, 2627) THROW;
        END CATCH
        """;

    // The row lock taken by the UPDATE is held to commit; the SELECT, a statement of its own, then reads this
    // transaction's own new value. Not an OUTPUT clause, nor a SELECT in the same batch: compatible servers that run a
    // batch on one snapshot can answer with the value from before a concurrent transaction's increment.
    public override string TakeAccessLogHead =>
        "UPDATE access_log_head WITH (ROWLOCK) SET last_seq = last_seq + 1 WHERE id = 1";

    public override string? ReadTakenAccessLogHead => "SELECT last_seq FROM access_log_head WHERE id = 1";

    // Owned by the transaction, released at commit or rollback; no wait: the node holding it is sealing already.
    // Application locks belong to the server, so the name carries the database's: two databases never contend.
    public override string TakeSealerLock => """
        DECLARE @granted INT;
        DECLARE @name NVARCHAR(255) = CONCAT(@Resource, DB_NAME());
        EXEC @granted = sp_getapplock @Resource = @name, @LockMode = @LockMode, @LockOwner = @LockOwner, @LockTimeout = 0;
        SELECT CASE WHEN @granted >= 0 THEN 1 ELSE 0 END;
        """;
}
