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

    /// <summary>Takes the access-log chain head; the lock is held to commit so seq follows commit order.</summary>
    public abstract string TakeAccessLogHead { get; }

    /// <summary>Takes the change feed's head, the same way: the next position, in commit order.</summary>
    public string TakeChangeFeedHead => TakeAccessLogHead
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

    public override string EnsureCaseCounterRow =>
        "INSERT INTO case_number_counters (year, last_value) SELECT @Year, 0 WHERE NOT EXISTS (SELECT 1 FROM case_number_counters WITH (UPDLOCK, HOLDLOCK) WHERE year = @Year)";

    public override string TakeAccessLogHead =>
        "UPDATE access_log_head WITH (ROWLOCK) SET last_seq = last_seq + 1 OUTPUT inserted.last_seq WHERE id = 1";

    // Owned by the transaction, released at commit or rollback; no wait: the node holding it is sealing already.
    // Application locks belong to the server, so the name carries the database's: two databases never contend.
    public override string TakeSealerLock => """
        DECLARE @granted INT;
        DECLARE @name NVARCHAR(255) = CONCAT(@Resource, DB_NAME());
        EXEC @granted = sp_getapplock @Resource = @name, @LockMode = @LockMode, @LockOwner = @LockOwner, @LockTimeout = 0;
        SELECT CASE WHEN @granted >= 0 THEN 1 ELSE 0 END;
        """;
}
