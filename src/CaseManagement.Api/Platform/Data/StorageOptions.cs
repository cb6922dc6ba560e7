namespace CaseManagement.Api.Platform.Data;

public enum StorageProvider
{
    Sqlite,
    SqlServer,
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Where the embedded database and the generated keys live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Set from ConnectionStrings:CaseManagement; for SQLite, defaults to a file in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Optional readable secondary (ApplicationIntent=ReadOnly) for queries that write nothing.</summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>How long a request waits for SQLite's write lock before the fault counts as transient.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>How long one statement of a unit of work may run (a lock wait included) before it fails as a timeout.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite only (Storage:GroupCommit, default true): the units of work of concurrent requests run one after another
    /// in one transaction, each inside its own savepoint, and commit together (one fsync for the batch); each request
    /// is answered only after that commit. False keeps one transaction (and one fsync) per request. SQL Server always
    /// uses one transaction per request.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Storage:GroupCommitMaxBatch (default 64): the most units of work one group commit takes.</summary>
    public int GroupCommitMaxBatch { get; set; } = 64;

    /// <summary>
    /// SQLite with group commit only (Storage:GroupCommitReadsApart, default true): a query reads on a pooled connection
    /// of its own (a WAL snapshot) and hands only its access-log entry to the group commit, answered after that commit.
    /// False runs the query itself inside the batch too, one unit after another on the writer's connection.
    /// </summary>
    public bool GroupCommitReadsApart { get; set; } = true;

    /// <summary>
    /// SQLite (Storage:KeepPreparedStatements, default true): the connections that live long (the group committer's,
    /// the idle read connections kept between requests) keep each statement compiled and only bind it again; false
    /// compiles every statement on every call, as Microsoft.Data.Sqlite does for a new command.
    /// </summary>
    public bool KeepPreparedStatements { get; set; } = true;

    /// <summary>Storage:SqlServer:*: settings of the SQL Server store.</summary>
    public SqlServerStorageOptions SqlServer { get; set; } = new();

    // 0 would mean "wait for ever" to ADO.NET; a request must give up at some point.
    private int EffectiveBusyTimeoutSeconds => Math.Max(1, BusyTimeoutSeconds);

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);

    public string ResolvedConnectionString => Provider switch
    {
        StorageProvider.Sqlite when string.IsNullOrWhiteSpace(ConnectionString) =>
            $"Data Source={Path.Combine(ResolvedDataDirectory, "casemanagement.db")};Pooling=True;Default Timeout={EffectiveBusyTimeoutSeconds}",
        _ when string.IsNullOrWhiteSpace(ConnectionString) =>
            throw new InvalidOperationException("ConnectionStrings:CaseManagement is required for SQL Server."),
        _ => ConnectionString!,
    };
}

/// <summary>How the access-log tables refuse UPDATE and DELETE on SQL Server (chosen when the migrations run).</summary>
public enum AccessLogProtection
{
    /// <summary>Ledger where the server has it (SQL Server 2022 and later, Azure SQL), Trigger elsewhere.</summary>
    Auto,

    /// <summary>Append-only ledger tables (LEDGER = ON (APPEND_ONLY = ON)): the database keeps a digest of every row.</summary>
    Ledger,

    /// <summary>Triggers refusing UPDATE and DELETE, and DENY on the application's role (SQL Server 2019).</summary>
    Trigger,
}

public sealed class SqlServerStorageOptions
{
    /// <summary>Storage:SqlServer:AccessLogProtection: Auto (default), Ledger or Trigger.</summary>
    public AccessLogProtection AccessLogProtection { get; set; } = AccessLogProtection.Auto;
}
