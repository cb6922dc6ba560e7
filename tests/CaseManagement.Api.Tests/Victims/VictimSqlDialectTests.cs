using System.Reflection;
using CaseManagement.Api.Features.Interviews.Shared;
using CaseManagement.Api.Features.Victims.Shared;
using CaseManagement.Api.Features.Victims.UpdateSupportReferral;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Domain;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Api.Tests.Victims;

/// <summary>Victims' SQL is T-SQL too: the SQL Server script and every statement of the area parse with ScriptDom.</summary>
public sealed class VictimSqlDialectTests
{
    private static IEnumerable<string> Statements()
    {
        var assembly = typeof(VictimRecord).Assembly;
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace is { } ns
                     && (ns.StartsWith("CaseManagement.Api.Features.Victims", StringComparison.Ordinal) || ns.StartsWith("CaseManagement.Api.Features.Interviews", StringComparison.Ordinal))))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy).Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)))
            {
                var sql = (string)field.GetRawConstantValue()!;
                if (sql.StartsWith("SELECT", StringComparison.Ordinal) || sql.StartsWith("INSERT", StringComparison.Ordinal) || sql.StartsWith("UPDATE", StringComparison.Ordinal))
                {
                    yield return sql;
                }
            }
        }
        foreach (var role in Enum.GetValues<Role>())
        {
            yield return VictimRecord.SelectInScope(role);
            yield return VictimViews.SelectLinkedCases(role);
            yield return VictimViews.SelectExistingRecordings(role);
            yield return InterviewRequestRow.SelectInScope(role);
            yield return UpdateSupportReferralHandler.SelectInScope(role);
        }
        yield return IdentityRekey.SelectBatch(SqlDialect.For(StorageProvider.SqlServer));
    }

    [Test]
    public void Every_statement_parses_as_T_SQL()
    {
        var statements = Statements().ToList();
        Assert.That(statements, Has.Count.GreaterThan(20));
        foreach (var sql in statements)
        {
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
            Assert.That(errors.Select(e => e.Message), Is.Empty, sql);
        }
    }

    [Test]
    public void The_SQL_Server_migration_parses()
    {
        using var stream = typeof(VictimRecord).Assembly.GetManifestResourceStream("db/sqlserver/0004_victims.sql")!;
        using var reader = new StreamReader(stream);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        Assert.That(errors.Select(e => $"{e.Line}: {e.Message}"), Is.Empty);
    }
}
