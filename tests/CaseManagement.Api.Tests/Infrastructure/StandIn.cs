using System.Collections.Concurrent;
using Microsoft.Data.SqlClient;

namespace CaseManagement.Api.Tests.Infrastructure;

/// <summary>
/// The SQL Server stand-in of machines without SQL Server (Babelfish for PostgreSQL, which names itself in
/// <c>SELECT @@VERSION</c>) and its known differences (../shared/SQLSERVER.md). A test that fails only because of one
/// of them reports itself inconclusive there, naming the difference; on SQL Server (and on SQLite) it runs as ever.
/// </summary>
public static class StandIn
{
    public const string NoLedger = "no ledger tables (WITH (LEDGER = ON ...) is a syntax error)";
    public const string NoWaitFor = "no WAITFOR";
    public const string UpdlockIgnored = "UPDLOCK / HOLDLOCK hints are accepted and ignored";
    public const string StaleOutput = "UPDATE ... OUTPUT inserted.x can return a stale value under concurrent updates";
    public const string AppLock = "sp_getapplock returns -999 instead of a clean refusal when the lock is held elsewhere";
    public const string No1205 = "SERIALIZABLE conflicts are not reported as error 1205";
    public const string Microseconds = "datetime2 keeps microseconds, not 100 ns";
    public const string Only2627 = "a unique-index violation reports 2627, never 2601";
    public const string NoDeny = "DENY is not supported (error 33557097)";
    public const string GarbledCase = "UPPER, LOWER, LEFT, REPLACE can garble Vietnamese text unless cast to NVARCHAR(n)";

    /// <summary>The attempt timeout the tests give a unit of work on the stand-in (the service's default is 30 s).</summary>
    public const string AttemptTimeout = "00:02:00";

    /// <summary>
    /// The statement timeout the tests give on the stand-in, in seconds (the service's default is 30): it compiles every
    /// batch as it runs it, several times slower than SQL Server per statement, so a burst of writes queued on one row
    /// lock (the year's case counter) waits longer there.
    /// </summary>
    public const string CommandTimeoutSeconds = "120";

    private static readonly ConcurrentDictionary<string, bool> Servers = new(StringComparer.Ordinal);

    /// <summary>True when the connection string's server is the stand-in (asked once per server).</summary>
    public static bool Is(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }
        var server = new SqlConnectionStringBuilder(connectionString).DataSource;
        return Servers.GetOrAdd(server, _ =>
        {
            var master = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master", Pooling = false };
            using var connection = new SqlConnection(master.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT @@VERSION";
            return (command.ExecuteScalar() as string ?? "").Contains("Babelfish", StringComparison.OrdinalIgnoreCase);
        });
    }

    public static bool Is(ApiFactory factory) => factory.IsSqlServer && Is(factory.SqlServerConnectionString);

    /// <summary>Inconclusive at once on the stand-in, for a test that cannot hold there at all.</summary>
    public static void Differs(ApiFactory factory, string difference) => Differs(factory.SqlServerConnectionString, difference);

    public static void Differs(string? connectionString, string difference)
    {
        if (Is(connectionString))
        {
            Assert.Inconclusive($"On the SQL Server stand-in (Babelfish): {difference}. This test runs on SQL Server.");
        }
    }

    /// <summary>
    /// Runs the test's body; on the stand-in only, a failure becomes inconclusive naming the difference (and the failure).
    /// For tests that fail there only sometimes, when a race meets the difference.
    /// </summary>
    public static Task MayDifferAsync(ApiFactory factory, string difference, Func<Task> body) =>
        MayDifferAsync(factory.SqlServerConnectionString, difference, body);

    public static async Task MayDifferAsync(string? connectionString, string difference, Func<Task> body)
    {
        if (!Is(connectionString))
        {
            await body();
            return;
        }
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not InconclusiveException and not IgnoreException and not SuccessException)
        {
            Assert.Inconclusive($"On the SQL Server stand-in (Babelfish): {difference}. This test runs on SQL Server. It failed with: {ex.Message}");
        }
    }
}
