using System.Data.Common;
using System.Net;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Resilience;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// A transient database fault in the middle of a unit of work (after the case is written, as its access-log entry is
/// about to be): the whole unit rolls back and runs again in a fresh transaction, and the caller sees one success with
/// one effect. On SQLite the fault is SQLITE_BUSY; on SQL Server a real command timeout (error -2) on the unit's own
/// connection and transaction.
/// </summary>
public sealed class TransientFaultTests
{
    /// <summary>Fails the next access-log insert once, when armed.</summary>
    private sealed class FaultOnce(bool sqlServer) : IStatementInterceptor
    {
        private int _armed;

        public int Fired;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public async Task BeforeStatementAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
        {
            if (sql != AccessLogWriter.InsertEntry || Interlocked.CompareExchange(ref _armed, 0, 1) != 1)
            {
                return;
            }
            Interlocked.Increment(ref Fired);
            if (!sqlServer)
            {
                throw new SqliteException("database is locked", 5);
            }
            // A statement that outlives its timeout: SqlClient cancels it and raises SqlException -2.
            await connection.ExecuteAsync(new CommandDefinition("WAITFOR DELAY '00:00:05'", transaction: transaction, commandTimeout: 1, cancellationToken: ct));
        }
    }

    [Test]
    public async Task A_transient_fault_midway_retries_the_whole_unit_once_with_one_effect()
    {
        FaultOnce? fault = null;
        using var factory = new ApiFactory(services: services =>
            services.AddSingleton<IStatementInterceptor>(sp => fault!));
        fault = new FaultOnce(factory.IsSqlServer);
        StandIn.Differs(factory, StandIn.NoWaitFor);
        using var client = factory.ClientFor(Users.Investigator);
        var first = await Reports.Create(client);

        fault.Arm();
        var body = Reports.Valid();
        var summary = $"Tin báo thử lỗi tạm thời {Guid.NewGuid():N}";
        body["summary"] = summary;
        var response = await client.PostJson("/api/v1/cases", body);
        var created = await response.ShouldBe(HttpStatusCode.Created);

        Assert.That(fault.Fired, Is.EqualTo(1), "the fault was injected, once");
        var number = (string)created["caseNumber"]!;
        Assert.That(number[..8], Is.EqualTo(((string)first["caseNumber"]!)[..8]));
        Assert.That(int.Parse(number[8..], System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(int.Parse(((string)first["caseNumber"]!)[8..], System.Globalization.CultureInfo.InvariantCulture) + 1),
            "the failed attempt's case number was rolled back with it: no gap");

        using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE summary = @S", new { S = summary }), Is.EqualTo(1), "one case");
        var id = (string)created["id"]!;
        Assert.That(await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM access_log l JOIN access_log_cases c ON c.seq = l.seq WHERE c.case_id = @Id AND l.action = @A",
            new { Id = id, A = "case.create" }), Is.EqualTo(1), "one access-log entry for it");
        var seqs = (await db.QueryAsync<long>("SELECT seq FROM access_log ORDER BY seq")).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList()), "the failed attempt's seq was rolled back too");
    }
}

/// <summary>Which SQL Server errors retry the unit of work: the ones a failover, a deadlock or throttling raise.</summary>
public sealed class TransientSqlServerErrorTests
{
    [TestCase(1205, TestName = "deadlock victim")]
    [TestCase(-2, TestName = "timeout")]
    [TestCase(4060, TestName = "database unavailable (failover)")]
    [TestCase(40613, TestName = "Azure database unavailable")]
    [TestCase(40197, TestName = "Azure service error (reconfiguration)")]
    [TestCase(40501, TestName = "Azure service busy")]
    [TestCase(49918, TestName = "not enough resources 49918")]
    [TestCase(49919, TestName = "not enough resources 49919")]
    [TestCase(49920, TestName = "too many operations 49920")]
    [TestCase(10928, TestName = "resource limit 10928")]
    [TestCase(10929, TestName = "resource limit 10929")]
    [TestCase(233, TestName = "connection closed by the server")]
    [TestCase(64, TestName = "network name no longer available")]
    [TestCase(10053, TestName = "connection aborted")]
    [TestCase(10054, TestName = "connection reset")]
    [TestCase(10060, TestName = "connection timed out")]
    public void Is_retried(int number) => Assert.That(TransientDatabaseErrors.IsTransientSqlServerError(number), Is.True);

    [TestCase(2627, TestName = "a primary key violation is an answer, not a fault")]
    [TestCase(547, TestName = "a foreign key violation is an answer, not a fault")]
    [TestCase(8152, TestName = "a truncation is an answer, not a fault")]
    [TestCase(51001, TestName = "the append-only trigger's refusal is not retried")]
    public void Is_not_retried(int number) => Assert.That(TransientDatabaseErrors.IsTransientSqlServerError(number), Is.False);
}
