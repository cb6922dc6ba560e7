using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Data;

/// <summary>Opens connections to the configured store, with the SQLite settings every connection needs.</summary>
public sealed class DbConnectionFactory(IOptions<StorageOptions> options) : IDisposable
{
    /// <summary>The most idle read connections kept open (SQLite) between requests.</summary>
    public const int MaxIdleReaders = 16;

    private readonly StorageOptions _options = options.Value;
    private readonly ConcurrentBag<SqliteConnection> _idleReaders = [];
    private int _idleReaderCount;
    private volatile bool _disposed;

    public SqlDialect Dialect { get; } = SqlDialect.For(options.Value.Provider);

    /// <summary>Storage:CommandTimeoutSeconds, at least 1.</summary>
    public int CommandTimeoutSeconds => Math.Max(1, _options.CommandTimeoutSeconds);

    /// <summary>
    /// Opens a connection. <paramref name="readOnly"/>: the caller only reads (SQL Server: the read connection string
    /// when one is set; SQLite: the per-connection PRAGMAs are skipped, as they govern writes: a reader in WAL mode
    /// never waits for the write lock, and a pooled connection that later writes is set up again by its writer's open).
    /// <paramref name="pooled"/> false (SQL Server) opens a connection of its own that is closed, not pooled, when
    /// disposed: for a session whose server-side state must end with it, such as the sealer's application-lock
    /// attempts (a refused attempt then never sticks to a connection that requests reuse).
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken, bool readOnly = false, bool pooled = true)
    {
        DbConnection connection = _options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteConnection(_options.ResolvedConnectionString),
            _ => new SqlConnection(SqlServerConnectionString(readOnly, pooled)),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection && !readOnly)
            {
                await using var pragma = connection.CreateCommand();
                // synchronous=FULL: an acknowledged request (and its access-log entry) survives a power loss.
                pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {_options.BusyTimeoutSeconds * 1000};";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection for a read-only unit of work. SQLite: an idle read connection kept from an earlier read when there
    /// is one (it keeps its prepared statements, see <see cref="SqliteStatementCache"/>), else a new one; give it back
    /// with <see cref="ReturnReaderAsync"/>. SQL Server: as <see cref="OpenAsync"/> with <c>readOnly</c> (its driver
    /// pools and caches plans itself).
    /// </summary>
    public async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (_options.Provider == StorageProvider.Sqlite)
        {
            while (_idleReaders.TryTake(out var idle))
            {
                Interlocked.Decrement(ref _idleReaderCount);
                if (idle.State == System.Data.ConnectionState.Open)
                {
                    return idle;
                }
                await CloseAsync(idle);
            }
            var connection = await OpenAsync(cancellationToken, readOnly: true);
            KeepStatements(connection);
            return connection;
        }
        return await OpenAsync(cancellationToken, readOnly: true);
    }

    /// <summary>Marks a connection that serves many units of work, so its statements stay compiled (Storage:KeepPreparedStatements).</summary>
    public void KeepStatements(DbConnection connection)
    {
        if (_options.KeepPreparedStatements)
        {
            SqliteStatementCache.Keep(connection);
        }
    }

    /// <summary>Takes back a read connection whose unit of work has ended (no transaction open on it).</summary>
    public async ValueTask ReturnReaderAsync(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite && !_disposed && sqlite.State == System.Data.ConnectionState.Open
            && SQLitePCL.raw.sqlite3_get_autocommit(sqlite.Handle) != 0)
        {
            if (Interlocked.Increment(ref _idleReaderCount) <= MaxIdleReaders)
            {
                _idleReaders.Add(sqlite);
                if (_disposed)
                {
                    Dispose(); // the host stopped meanwhile: close what is idle
                }
                return;
            }
            Interlocked.Decrement(ref _idleReaderCount); // enough are idle: this one closes
        }
        await CloseAsync(connection);
    }

    private static async ValueTask CloseAsync(DbConnection connection)
    {
        SqliteStatementCache.Forget(connection);
        await connection.DisposeAsync();
    }

    /// <summary>Closes the idle read connections (the host is stopping).</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idleReaders.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            SqliteStatementCache.Forget(idle);
            idle.Dispose();
        }
    }

    private string SqlServerConnectionString(bool readOnly, bool pooled)
    {
        var connectionString = readOnly && !string.IsNullOrWhiteSpace(_options.ReadConnectionString)
            ? _options.ReadConnectionString
            : _options.ResolvedConnectionString;
        if (pooled)
        {
            return connectionString;
        }
        return new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    }
}
