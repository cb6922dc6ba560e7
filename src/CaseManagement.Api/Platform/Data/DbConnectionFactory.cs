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

    /// <summary>
    /// Opens a connection. <paramref name="readOnly"/>: the caller only reads (SQL Server: the read connection string
    /// when one is set; SQLite: the per-connection PRAGMAs are skipped, as they govern writes: a reader in WAL mode
    /// never waits for the write lock, and a pooled connection that later writes is set up again by its writer's open).
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken, bool readOnly = false)
    {
        DbConnection connection = _options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteConnection(_options.ResolvedConnectionString),
            _ => new SqlConnection(readOnly && !string.IsNullOrWhiteSpace(_options.ReadConnectionString)
                ? _options.ReadConnectionString
                : _options.ResolvedConnectionString),
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
}
