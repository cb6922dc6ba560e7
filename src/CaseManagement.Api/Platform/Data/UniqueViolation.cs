using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CaseManagement.Api.Platform.Data;

/// <summary>A row refused by a primary key or unique index: SQL Server 2627 / 2601, SQLite's constraint codes.</summary>
public static class UniqueViolation
{
    // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE.
    private static readonly HashSet<int> SqliteExtended = [1555, 2067];

    public static bool Is(Exception exception) => exception switch
    {
        SqlException e => e.Errors.Cast<SqlError>().Any(err => err.Number is 2627 or 2601),
        SqliteException e => e.SqliteErrorCode == 19 && SqliteExtended.Contains(e.SqliteExtendedErrorCode),
        _ => false,
    };
}
