using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Data;

/// <summary>Opens connections to the configured store, with the SQLite settings every connection needs.</summary>
public sealed class DbConnectionFactory(IOptions<StorageOptions> options)
{
    private readonly StorageOptions _options = options.Value;

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
