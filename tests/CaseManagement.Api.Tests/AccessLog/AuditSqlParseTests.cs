using CaseManagement.Api.Features.Audit.Shared;
using CaseManagement.Api.Platform.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Api.Tests.AccessLog;

/// <summary>Every statement the audit queries can build parses as T-SQL and carries no value in its text.</summary>
public sealed class AuditSqlParseTests
{
    public static IEnumerable<TestCaseData> Statements()
    {
        var dialect = new SqlServerDialect();
        for (var flags = 0; flags <= (int)AuditSql.Filters.All; flags++)
        {
            var f = (AuditSql.Filters)flags;
            yield return new TestCaseData(AuditSql.Page(dialect, f)).SetArgDisplayNames($"Page({flags})");
            yield return new TestCaseData(AuditSql.Export(f)).SetArgDisplayNames($"Export({flags})");
        }
        foreach (var f in new[] { AuditSql.Filters.From, AuditSql.Filters.To, AuditSql.Filters.From | AuditSql.Filters.To })
        {
            yield return new TestCaseData(AuditSql.SeqBounds(f)).SetArgDisplayNames($"SeqBounds({(int)f})");
        }
        foreach (var count in new[] { 1, 2, 500 })
        {
            yield return new TestCaseData(AuditSql.CasesOf(count)).SetArgDisplayNames($"CasesOf({count})");
        }
    }

    [TestCaseSource(nameof(Statements))]
    public void Parses_as_TSQL_with_values_only_as_parameters(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.That(errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"), Is.Empty, sql);
        Assert.That(sql, Does.Not.Contain("'"));
    }

    [Test]
    public void The_filters_each_add_their_condition()
    {
        var all = AuditSql.Where(AuditSql.Filters.All);
        foreach (var parameter in new[] { "@ActorId", "@CaseId", "@VictimId", "@Action", "@Outcome", "@From", "@To", "@BeforeSeq", "@UpToSeq" })
        {
            Assert.That(all, Does.Contain(parameter));
            Assert.That(AuditSql.Where(AuditSql.Filters.None), Does.Not.Contain(parameter));
        }
    }
}
