using System.Reflection;
using Dapper;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Data;

/// <summary>What the last migration found and chose; read by the readiness check.</summary>
public sealed class StorageState
{
    /// <summary>SQL Server only: Ledger or Trigger, once the migrations have run.</summary>
    public AccessLogProtection? AccessLogProtection { get; set; }
}

/// <summary>
/// Applies the numbered scripts of db/{provider}/ (journaled by DbUp), then loads the reference data. On SQL Server it
/// first creates the database when it is missing, and chooses how the access log refuses changes.
/// </summary>
public sealed class Migrator(IOptions<StorageOptions> options, ReferenceDataSeeder seeder, StorageState state, ILogger<Migrator> logger)
{
    public static readonly Assembly ScriptAssembly = typeof(Migrator).Assembly;

    public static string ScriptPrefix(StorageProvider provider) =>
        provider == StorageProvider.Sqlite ? "db/sqlite/" : "db/sqlserver/";

    /// <summary>The numbered scripts only: a folder below (db/sqlserver/setup/) holds scripts an operator runs by hand.</summary>
    public static bool IsMigration(string name, StorageProvider provider, AccessLogProtection? protection = null)
    {
        var prefix = ScriptPrefix(provider);
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.IndexOf('/', prefix.Length) >= 0)
        {
            return false;
        }
        return provider == StorageProvider.Sqlite || protection != AccessLogProtection.Ledger
            || !name.EndsWith("/" + SqlServerAccessLogProtection.TriggerOnlyScript, StringComparison.Ordinal);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        UpgradeEngineBuilder builder;
        AccessLogProtection? protection = null;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            Security.KeyFile.EnsurePrivateDirectory(storage.ResolvedDataDirectory);
            SqliteDatabaseFile.EnsurePrivate(storage.ResolvedConnectionString);
            SqliteDatabaseFile.EnsureWal(storage.ResolvedConnectionString);
            builder = DeployChanges.To.SqliteDatabase(storage.ResolvedConnectionString);
        }
        else
        {
            await EnsureDatabaseAsync(storage.ResolvedConnectionString, cancellationToken);
            var (chosen, facts) = await ChooseProtectionAsync(storage, cancellationToken);
            protection = chosen;
            if (!facts.HasDeny)
            {
                logger.LogWarning("This server has no DENY (a stand-in, not SQL Server): the access log is guarded by its {Protection} alone", chosen);
            }
            builder = DeployChanges.To.SqlDatabase(storage.ResolvedConnectionString)
                .WithVariable(SqlServerAccessLogProtection.ModeVariable, chosen.ToString())
                .WithPreprocessor(new SqlServerAccessLogProtection.Preprocessor(chosen, facts.HasDeny));
        }

        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, name => IsMigration(name, storage.Provider, protection))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        var pending = upgrader.GetScriptsToExecute();
        DatabaseUpgradeResult result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration failed at {result.ErrorScript?.Name}.", result.Error);
        }
        logger.LogInformation("Database migrated: {Count} script(s) applied", pending.Count);
        state.AccessLogProtection = protection;

        await seeder.SeedAsync(cancellationToken);
    }

    /// <summary>
    /// First start on an empty server: the database is created (with the server's defaults) when it cannot be opened.
    /// A database that opens is left alone, so a login without access to master (an Azure SQL contained user) starts.
    /// </summary>
    private async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct)
    {
        await using (var connection = new SqlConnection(connectionString))
        {
            try
            {
                await connection.OpenAsync(ct);
                return;
            }
            catch (SqlException ex)
            {
                logger.LogInformation("The database cannot be opened (error {Number}); creating it if it is missing", ex.Number);
                // The pool remembers a failed open for a while (its blocking period): forget it, the database is coming.
                SqlConnection.ClearPool(connection);
            }
        }
        EnsureDatabase.For.SqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog(), -1,
            DbUp.SqlServer.AzureDatabaseEdition.None, null!, null!, false);
    }

    /// <summary>
    /// The protection the database was created with, when it says; otherwise Storage:SqlServer:AccessLogProtection,
    /// and for Auto what the server supports.
    /// </summary>
    private async Task<(AccessLogProtection Chosen, SqlServerFacts Facts)> ChooseProtectionAsync(StorageOptions storage, CancellationToken ct)
    {
        await using var connection = new SqlConnection(storage.ResolvedConnectionString);
        await connection.OpenAsync(ct);
        var server = await connection.QuerySingleAsync<(string? Major, int? Edition, string Version)>(
            new CommandDefinition(SqlServerFacts.Select, SqlServerFacts.SelectParameters, cancellationToken: ct));
        var facts = new SqlServerFacts(int.TryParse(server.Major, out var major) ? major : null, server.Edition, server.Version);
        var configured = storage.SqlServer.AccessLogProtection;
        var chosen = SqlServerAccessLogProtection.Choose(configured, facts);
        var recorded = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SqlServerAccessLogProtection.CountRecordTable,
                new { Name = SqlServerAccessLogProtection.RecordTable }, cancellationToken: ct)) > 0
            ? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SqlServerAccessLogProtection.SelectRecorded, cancellationToken: ct))
            : null;
        if (Enum.TryParse<AccessLogProtection>(recorded, out var existing) && existing != AccessLogProtection.Auto)
        {
            if (configured != AccessLogProtection.Auto && configured != existing)
            {
                throw new InvalidOperationException(
                    $"The database's access log is protected by {existing}; Storage:SqlServer:AccessLogProtection says {configured}. A database keeps the protection it was created with.");
            }
            chosen = existing;
        }
        logger.LogInformation(
            "Access log protection on SQL Server: {Protection} (server major version {Major}, engine edition {Edition}, configured {Configured})",
            chosen, facts.MajorVersion, facts.EngineEdition, configured);
        return (chosen, facts);
    }
}

internal static class SqliteDatabaseFile
{
    /// <summary>
    /// The database file and its companions are 0600 whatever they were; a new database is created empty at 0600
    /// first, since SQLite creates its WAL and shared-memory files with the database file's mode.
    /// </summary>
    public static void EnsurePrivate(string connectionString)
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || OperatingSystem.IsWindows())
        {
            return;
        }
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Security.KeyFile.PrivateFileMode,
            });
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            Security.KeyFile.EnsurePrivateFile(file);
        }
    }

    public static void EnsureWal(string connectionString)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
