using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Platform.Data;

/// <summary>Applies the numbered scripts of db/{provider}/ (journaled by DbUp), then loads the reference data.</summary>
public sealed class Migrator(IOptions<StorageOptions> options, ReferenceDataSeeder seeder, ILogger<Migrator> logger)
{
    public static readonly Assembly ScriptAssembly = typeof(Migrator).Assembly;

    public static string ScriptPrefix(StorageProvider provider) =>
        provider == StorageProvider.Sqlite ? "db/sqlite/" : "db/sqlserver/";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            Security.KeyFile.EnsurePrivateDirectory(storage.ResolvedDataDirectory);
            SqliteDatabaseFile.EnsurePrivate(storage.ResolvedConnectionString);
            SqliteDatabaseFile.EnsureWal(storage.ResolvedConnectionString);
        }

        var prefix = ScriptPrefix(storage.Provider);
        var builder = storage.Provider == StorageProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(storage.ResolvedConnectionString)
            : DeployChanges.To.SqlDatabase(storage.ResolvedConnectionString);
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
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

        await seeder.SeedAsync(cancellationToken);
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
