using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Api.Platform.Resilience;

/// <summary>The database faults worth another try: lock contention, failover, throttling, a dropped connection.</summary>
public static class TransientDatabaseErrors
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN (the file is briefly unreachable), SQLITE_IOERR.
    private static readonly HashSet<int> Sqlite = [5, 6, 10, 14];

    // Deadlock victim, timeouts, Azure/AG failover and throttling, network errors; with SqlClient's own list.
    private static readonly HashSet<int> SqlServer =
    [
        -2, -1, 2, 20, 53, 64, 121, 233, 1205, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197,
        40501, 40613, 40540, 42108, 42109, 49918, 49919, 49920, 976, 983, 3935, 35201,
        .. SqlConfigurableRetryFactory.BaselineTransientErrors,
    ];

    /// <summary>A SQL Server error number worth another try of the whole unit of work.</summary>
    public static bool IsTransientSqlServerError(int number) => SqlServer.Contains(number);

    /// <summary>The fault's type and error numbers, never its message (which can quote a value).</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        null => "no exception",
        SqliteException e => $"{nameof(SqliteException)} {e.SqliteErrorCode}",
        SqlException e => $"{nameof(SqlException)} {string.Join(",", e.Errors.Cast<SqlError>().Select(err => err.Number))}",
        _ when exception.InnerException is not null => $"{exception.GetType().Name} ({Describe(exception.InnerException)})",
        _ => exception.GetType().Name,
    };

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException e => Sqlite.Contains(e.SqliteErrorCode),
        SqlException e => e.Errors.Cast<SqlError>().Any(err => SqlServer.Contains(err.Number)),
        TimeoutException => true,
        _ => exception.InnerException is not null && IsTransient(exception.InnerException),
    };
}
