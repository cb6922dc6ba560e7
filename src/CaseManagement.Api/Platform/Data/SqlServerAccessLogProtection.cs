using System.Text.RegularExpressions;
using DbUp.Engine;

namespace CaseManagement.Api.Platform.Data;

/// <summary>What the server reports about itself: SERVERPROPERTY('ProductMajorVersion') and ('EngineEdition').</summary>
public sealed record SqlServerFacts(int? MajorVersion, int? EngineEdition, string Version)
{
    /// <summary>Asked once, before migrating; the property names travel as parameters.</summary>
    public const string Select = """
        SELECT CAST(SERVERPROPERTY(@Major) AS NVARCHAR(128)) AS Major, CAST(SERVERPROPERTY(@Edition) AS INT) AS Edition,
               @@VERSION AS Version
        """;

    public static readonly object SelectParameters = new { Major = "ProductMajorVersion", Edition = "EngineEdition" };

    /// <summary>SQL Server 2022 is version 16; EngineEdition 5 is Azure SQL Database, 8 Azure SQL Managed Instance.</summary>
    public bool HasLedger => MajorVersion >= 16 || EngineEdition is 5 or 8;

    /// <summary>
    /// Every SQL Server has DENY. The SQL Server-compatible server used as a stand-in where none runs (Babelfish for
    /// PostgreSQL, named by @@VERSION) refuses the statement, so the scripts run there without it.
    /// </summary>
    public bool HasDeny => !Version.Contains("Babelfish", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Chooses, when the migrations run, how the access-log tables refuse UPDATE and DELETE on SQL Server, and applies the
/// choice to the scripts: ledger tables where the server has them (2022+, Azure SQL), otherwise (2019) plain tables
/// guarded by triggers (db/sqlserver/0009) and DENY on the application's role (0008). The choice is recorded in
/// access_log_protection, and a database keeps the protection it was created with.
/// </summary>
public static partial class SqlServerAccessLogProtection
{
    public const string ModeVariable = "access_log_protection";

    /// <summary>Applied only where the access log is not a ledger.</summary>
    public const string TriggerOnlyScript = "0009_access_log_append_only_triggers.sql";

    public const string SelectRecorded = "SELECT mode FROM access_log_protection WHERE id = 1";

    public const string CountRecordTable = "SELECT COUNT(*) FROM sys.tables WHERE name = @Name";

    public const string RecordTable = "access_log_protection";

    /// <summary>Ledger or Trigger: configuration when it says one, otherwise what the server supports.</summary>
    public static AccessLogProtection Choose(AccessLogProtection configured, SqlServerFacts server) => configured switch
    {
        AccessLogProtection.Auto => server.HasLedger ? AccessLogProtection.Ledger : AccessLogProtection.Trigger,
        _ => configured,
    };

    [GeneratedRegex(@"WITH\s*\(\s*LEDGER\s*=\s*ON\s*\(\s*APPEND_ONLY\s*=\s*ON\s*\)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex LedgerClause();

    [GeneratedRegex(@"^DENY [^;]*;\s*$", RegexOptions.Multiline)]
    private static partial Regex DenyStatement();

    /// <summary>
    /// The script as it runs under the chosen protection: without the ledger clause where there is no ledger, and
    /// without its DENY statements on a server that has no DENY (the stand-in).
    /// </summary>
    public static string Apply(string script, AccessLogProtection mode, bool hasDeny = true)
    {
        var applied = mode == AccessLogProtection.Trigger ? LedgerClause().Replace(script, "") : script;
        return hasDeny ? applied : DenyStatement().Replace(applied, "");
    }

    /// <summary>DbUp's hook for <see cref="Apply"/>.</summary>
    public sealed class Preprocessor(AccessLogProtection mode, bool hasDeny) : IScriptPreprocessor
    {
        public string Process(string contents) => Apply(contents, mode, hasDeny);
    }
}
