using System.Reflection;
using CaseManagement.Api.Features.Cases.ListCases;
using CaseManagement.Api.Features.Cases.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Api.Tests.Architecture;

/// <summary>
/// Every T-SQL script and every statement the code can send is parsed with ScriptDom in every run, so a T-SQL error
/// fails CI even where no SQL Server runs.
/// </summary>
public sealed class TSqlParseTests
{
    private static readonly string[] SqlStarts = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WITH ", "MERGE ", "CREATE "];

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));

    public static IEnumerable<TestCaseData> Scripts() =>
        Directory.GetFiles(RepositoryPaths.Of("db", "sqlserver"), "*.sql", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(Scripts))]
    public void Every_SQL_Server_script_parses(string path)
    {
        var errors = Parse(File.ReadAllText(path));
        Assert.That(errors, Is.Empty, Describe(errors));
    }

    /// <summary>Where the server has no ledger tables, the scripts run without the ledger clause: that text parses too.</summary>
    [TestCaseSource(nameof(Scripts))]
    public void Every_SQL_Server_script_parses_as_it_runs_without_a_ledger(string path)
    {
        var original = File.ReadAllText(path);
        var applied = SqlServerAccessLogProtection.Apply(original, AccessLogProtection.Trigger);
        var errors = Parse(applied);
        Assert.That(errors, Is.Empty, Describe(errors));
        Assert.That(applied, Does.Not.Contain("LEDGER"));
        Assert.That(SqlServerAccessLogProtection.Apply(original, AccessLogProtection.Ledger), Is.EqualTo(original));
        var withoutDeny = SqlServerAccessLogProtection.Apply(original, AccessLogProtection.Trigger, hasDeny: false);
        Assert.That(Parse(withoutDeny), Is.Empty);
        Assert.That(withoutDeny, Does.Not.Match("(?m)^DENY "), "a server without DENY (the stand-in) runs the scripts without it");
    }

    /// <summary>Every SQL constant of the program, outside the SQLite dialect.</summary>
    public static IEnumerable<TestCaseData> Statements()
    {
        var assembly = typeof(SqlDialect).Assembly;
        foreach (var type in assembly.GetTypes().Where(t => t != typeof(SqliteDialect)))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            {
                if (field.IsLiteral && field.FieldType == typeof(string) && field.GetRawConstantValue() is string sql && LooksLikeSql(sql))
                {
                    yield return new TestCaseData(sql).SetArgDisplayNames($"{type.Name}.{field.Name}");
                }
            }
        }
        var dialect = new SqlServerDialect();
        yield return new TestCaseData(dialect.EnsureCaseCounterRow).SetArgDisplayNames("SqlServerDialect.EnsureCaseCounterRow");
        yield return new TestCaseData(dialect.TakeAccessLogHead).SetArgDisplayNames("SqlServerDialect.TakeAccessLogHead");
        yield return new TestCaseData(dialect.TakeSealerLock).SetArgDisplayNames("SqlServerDialect.TakeSealerLock");
        yield return new TestCaseData(dialect.EnsureReportCounterRow).SetArgDisplayNames("SqlServerDialect.EnsureReportCounterRow");
        foreach (var counter in new[] { YearCounters.CaseNumbers, YearCounters.ReportNumbers })
        {
            yield return new TestCaseData(YearCounters.Increment(counter)).SetArgDisplayNames($"YearCounters.Increment({counter})");
            yield return new TestCaseData(YearCounters.Read(counter)).SetArgDisplayNames($"YearCounters.Read({counter})");
        }
        yield return new TestCaseData(dialect.TakeChangeFeedHead).SetArgDisplayNames("SqlServerDialect.TakeChangeFeedHead");
        yield return new TestCaseData(dialect.ReadTakenAccessLogHead).SetArgDisplayNames("SqlServerDialect.ReadTakenAccessLogHead");
        yield return new TestCaseData(dialect.ReadTakenChangeFeedHead).SetArgDisplayNames("SqlServerDialect.ReadTakenChangeFeedHead");
        yield return new TestCaseData(CaseManagement.Api.Features.Reports.Shared.ReportRekey.SelectBatch(dialect)).SetArgDisplayNames("ReportRekey.SelectBatch");
        yield return new TestCaseData(CaseManagement.Api.Features.Deadlines.Shared.DeadlinesFallingDue.SelectDue(dialect)).SetArgDisplayNames("DeadlinesFallingDue.SelectDue");
        yield return new TestCaseData(CaseManagement.Api.Features.Deadlines.Shared.ChildProtectionFallingDue.SelectCandidates(dialect)).SetArgDisplayNames("ChildProtectionFallingDue.SelectCandidates");
        yield return new TestCaseData(CaseManagement.Api.Features.Webhooks.GetWebhook.GetWebhookHandler.Select).SetArgDisplayNames("GetWebhook.Select");
        yield return new TestCaseData(CaseManagement.Api.Features.Webhooks.ListWebhooks.ListWebhooksHandler.Sql(dialect)).SetArgDisplayNames("ListWebhooks.Sql");
        yield return new TestCaseData(CaseManagement.Api.Features.Webhooks.Shared.WebhookRekey.SelectBatch(dialect)).SetArgDisplayNames("WebhookRekey.SelectBatch");
        yield return new TestCaseData(CaseManagement.Api.Features.Webhooks.Shared.WebhookDispatcher.SelectActive).SetArgDisplayNames("WebhookDispatcher.SelectActive");
        yield return new TestCaseData(CaseManagement.Api.Features.Reports.GetReport.GetReportHandler.SelectOwn).SetArgDisplayNames("GetReport.SelectOwn");
        yield return new TestCaseData(CaseManagement.Api.Features.Reports.GetReport.GetReportHandler.SelectInPoliceScope).SetArgDisplayNames("GetReport.SelectInPoliceScope");
        yield return new TestCaseData(CaseManagement.Api.Features.Reports.AcceptReport.AcceptReportHandler.SelectInScope).SetArgDisplayNames("AcceptReport.SelectInScope");
        yield return new TestCaseData(CaseManagement.Api.Features.Reports.DeclineReport.DeclineReportHandler.SelectInScope).SetArgDisplayNames("DeclineReport.SelectInScope");
        yield return new TestCaseData(CaseManagement.Api.Features.Reports.DiscloseReportIdentity.DiscloseReportIdentityHandler.SelectInScope).SetArgDisplayNames("DiscloseReportIdentity.SelectInScope");
        foreach (var (sql, i) in CaseManagement.Api.Features.Reports.ListReports.ListReportsHandler.AllSql(dialect).Select((s, i) => (s, i)))
        {
            yield return new TestCaseData(sql).SetArgDisplayNames($"ListReports({i})");
        }
        foreach (var role in Enum.GetValues<Role>())
        {
            yield return new TestCaseData(CaseRecord.SelectInScope(role)).SetArgDisplayNames($"CaseRecord.SelectInScope({role})");
            yield return new TestCaseData(CaseManagement.Api.Features.Events.ListEvents.ListEventsHandler.Sql(dialect, role)).SetArgDisplayNames($"ListEvents({role})");
            yield return new TestCaseData(CaseManagement.Api.Features.Victims.Shared.VictimLinking.CountInScope(role)).SetArgDisplayNames($"VictimLinking.CountInScope({role})");
            yield return new TestCaseData(CaseManagement.Api.Features.Victims.Shared.VictimLinking.SelectMatches + " " + dialect.Limit("Take")).SetArgDisplayNames($"VictimLinking.SelectMatches({role})");
            yield return new TestCaseData(CaseManagement.Api.Platform.Idempotency.IdempotencyStore.CaseInScope(role)).SetArgDisplayNames($"IdempotencyStore.CaseInScope({role})");
            for (var flags = 0; flags < 32; flags++)
            {
                var sql = ListCasesHandler.BuildSql(dialect, role, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, (flags & 16) != 0);
                yield return new TestCaseData(sql).SetArgDisplayNames($"ListCases({role}, {flags})");
            }
        }
        foreach (var sql in CaseManagement.Api.Features.Suspects.Shared.SuspectLinks.AllStatements
            .Concat(CaseManagement.Api.Features.Suspects.ListRepeatSuspects.ListRepeatSuspectsHandler.AllStatements)
            .Concat(CaseManagement.Api.Features.Deadlines.SummarizeOverdue.SummarizeOverdueHandler.AllStatements)
            .Concat(CaseManagement.Api.Features.Statistics.Shared.Hotspots.AllStatements)
            .Concat(CaseManagement.Api.Features.Statistics.GetPeriodReport.GetPeriodReportHandler.AllStatements))
        {
            yield return new TestCaseData(sql).SetArgDisplayNames("SuspectLinks");
        }
        foreach (var predicate in CaseScope.AllPredicates)
        {
            yield return new TestCaseData($"SELECT 1 FROM cases c WHERE {predicate}").SetArgDisplayNames("CaseScope predicate");
        }
    }

    private static bool LooksLikeSql(string text)
    {
        var trimmed = text.TrimStart();
        return SqlStarts.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    [TestCaseSource(nameof(Statements))]
    public void Every_statement_the_code_can_send_parses_as_TSQL(string sql)
    {
        var errors = Parse(sql);
        Assert.That(errors, Is.Empty, $"{Describe(errors)}\n{sql}");
    }

    [TestCaseSource(nameof(Statements))]
    public void No_statement_carries_a_value_in_its_text(string sql) =>
        Assert.That(sql, Does.Not.Contain("'"), "values travel as parameters, never in SQL text");

    [Test]
    public void The_parser_would_catch_an_error()
    {
        Assert.That(Parse("SELECT FROM WHERE"), Is.Not.Empty);
        Assert.That(Parse("SELECT 1 FROM t LIMIT 5"), Is.Not.Empty, "SQLite's LIMIT is not T-SQL");
    }

    [Test]
    public void There_are_statements_to_check() => Assert.That(Statements().Count(), Is.GreaterThan(20));
}
