namespace CaseManagement.Api.Platform.Data;

/// <summary>
/// The gapless per-year counters behind case numbers and report receipt numbers: the next value is taken inside the
/// caller's transaction, so a rolled-back intake gives its number back. SQLite takes it in one statement (an upsert
/// that returns the new value; one writer at a time, so it cannot race); SQL Server in three (ensure the year's row
/// under a key-range lock, increment, read this transaction's own value).
/// </summary>
public static class YearCounters
{
    public const string CaseNumbers = "case_number_counters";
    public const string ReportNumbers = "report_number_counters";

    public static string TakeOne(string table) =>
        $"INSERT INTO {Checked(table)} (year, last_value) VALUES (@Year, 1) ON CONFLICT (year) DO UPDATE SET last_value = last_value + 1 RETURNING last_value";

    public static string Increment(string table) => $"UPDATE {Checked(table)} SET last_value = last_value + 1 WHERE year = @Year";

    public static string Read(string table) => $"SELECT last_value FROM {Checked(table)} WHERE year = @Year";

    public static async Task<long> NextAsync(DbSession db, string table, int year, CancellationToken ct)
    {
        if (db.Dialect.Provider == StorageProvider.Sqlite)
        {
            return await db.ExecuteScalarAsync<long>(TakeOne(table), new { Year = year }, ct);
        }
        var ensure = table == CaseNumbers ? db.Dialect.EnsureCaseCounterRow : db.Dialect.EnsureReportCounterRow;
        await db.ExecuteAsync(ensure, new { Year = year }, ct);
        await db.ExecuteAsync(Increment(table), new { Year = year }, ct);
        return await db.ExecuteScalarAsync<long>(Read(table), new { Year = year }, ct);
    }

    private static string Checked(string table) => table is CaseNumbers or ReportNumbers
        ? table
        : throw new ArgumentOutOfRangeException(nameof(table), "Not a year counter.");
}
