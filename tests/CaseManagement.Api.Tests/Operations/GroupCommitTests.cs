using System.Text.Json.Nodes;
using System.Diagnostics;
using System.Net;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// Group commit (SQLite, Storage:GroupCommit on by default): concurrent requests share one transaction and one
/// commit, each in its own savepoint; a unit that fails rolls back alone; each is answered after the commit.
/// </summary>
public sealed class GroupCommitTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private SqliteGroupCommitter Committer => _factory.Services.GetRequiredService<SqliteGroupCommitter>();

    [SetUp]
    public void SqliteOnly()
    {
        if (_factory.IsSqlServer)
        {
            Assert.Ignore("Group commit is for SQLite only.");
        }
    }

    [Test]
    public async Task Fifty_concurrent_intakes_share_fewer_commits_and_get_fifty_consecutive_case_numbers()
    {
        using var client = _factory.ClientFor(Users.Investigator);
        await Reports.Create(client); // the committer is running
        var commitsBefore = Committer.Commits;
        var unitsBefore = Committer.UnitsCommitted;
        long counterBefore;
        using (var db = _factory.OpenDatabase())
        {
            counterBefore = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_value), 0) FROM case_number_counters");
        }

        // Hold the write lock while the fifty queue up, so the queue is certainly there when the lock is released.
        HttpResponseMessage[] responses;
        using (var holder = HoldWriteLock())
        {
            var sending = Enumerable.Range(0, 50).Select(_ => client.PostJson("/api/v1/cases", Reports.Valid())).ToArray();
            await WaitUntil(() => Committer.Waiting >= 40);
            Release(holder);
            responses = await Task.WhenAll(sending);
        }

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((string)(await response.ShouldBe(HttpStatusCode.Created))["caseNumber"]!);
        }
        var sequences = numbers.Select(n => long.Parse(n[8..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.That(numbers.Distinct().Count(), Is.EqualTo(50));
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, 50).Select(i => counterBefore + i).ToList()), "no gap and no duplicate");
        Assert.That(Committer.UnitsCommitted - unitsBefore, Is.EqualTo(50), "every intake went through the group committer");
        Assert.That(Committer.Commits - commitsBefore, Is.LessThan(50), "fewer commits than requests");
        await AssertSeqContiguous();
    }

    [Test]
    public async Task A_unit_refused_in_its_handler_fails_alone_and_leaves_only_its_refused_entry()
    {
        using var investigator = _factory.ClientFor(Users.Investigator);
        await Reports.Create(investigator);
        var missing = Guid.NewGuid();
        var batchesBefore = Committer.Batches;

        HttpResponseMessage[] intakes;
        HttpResponseMessage refused;
        using (var holder = HoldWriteLock())
        {
            var sending = Enumerable.Range(0, 5).Select(_ => investigator.PostJson("/api/v1/cases", Reports.Valid())).ToList();
            // At most one unit sits in the batch that waits for the lock; the others queue for the next batch, which
            // the refused read joins.
            await WaitUntil(() => Committer.Waiting >= 4);
            var queued = Committer.Waiting;
            var asking = investigator.GetAsync($"/api/v1/cases/{missing}/status");
            await WaitUntil(() => Committer.Waiting > queued);
            Release(holder);
            intakes = await Task.WhenAll(sending);
            refused = await asking;
        }

        await refused.ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        var ids = new List<string>();
        foreach (var response in intakes)
        {
            ids.Add((string)(await response.ShouldBe(HttpStatusCode.Created))["id"]!);
        }
        Assert.That(Committer.Batches - batchesBefore, Is.LessThanOrEqualTo(3), "the units shared a batch");

        using var db = _factory.OpenDatabase();
        foreach (var id in ids)
        {
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE id = @id", new { id }), Is.EqualTo(1));
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log_cases WHERE case_id = @id", new { id }), Is.EqualTo(1));
        }
        var entries = (await db.QueryAsync<(long Status, string Outcome)>(
            "SELECT status_code AS Status, outcome AS Outcome FROM access_log WHERE resource_id = @id", new { id = missing.ToString("D") })).ToList();
        Assert.That(entries, Is.EqualTo(new[] { (404L, "denied") }), "only the refused request's own entry");
        await AssertSeqContiguous();
    }

    [Test]
    public async Task Reads_and_writes_of_one_client_commit_and_every_answer_follows_its_commit()
    {
        using var client = _factory.ClientFor(Users.Investigator);
        var created = await Reports.Create(client);
        var id = (string)created["id"]!;
        var reads = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync($"/api/v1/cases/{id}/status")));
        foreach (var read in reads)
        {
            await read.ShouldBe(HttpStatusCode.OK);
        }
        using var db = _factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log_cases WHERE case_id = @id", new { id }),
            Is.EqualTo(11), "the intake and each of the ten reads logged the case");
        await AssertSeqContiguous();
    }

    private async Task AssertSeqContiguous()
    {
        using var db = _factory.OpenDatabase();
        var seqs = (await db.QueryAsync<long>("SELECT seq FROM access_log ORDER BY seq")).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList()), "access-log seq is contiguous");
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT last_seq FROM access_log_head WHERE id = 1"), Is.EqualTo(seqs.Count));
    }

    private SqliteConnection HoldWriteLock()
    {
        var holder = new SqliteConnection($"Data Source={Path.Combine(_factory.DataDirectory, "casemanagement.db")};Pooling=False");
        holder.Open();
        using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return holder;
    }

    private static void Release(SqliteConnection holder)
    {
        using var rollback = holder.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        rollback.ExecuteNonQuery();
    }

    /// <summary>Waits (bounded, well under the busy timeout) for the requests to reach the committer's queue.</summary>
    private async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(5);
        }
        Assert.That(condition(), $"the requests reached the committer's queue (waiting {Committer.Waiting}, batches {Committer.Batches}) " + string.Join("\n", _factory.LogLines.TakeLast(30)));
    }
}

/// <summary>Storage:GroupCommit=false keeps one transaction per request.</summary>
public sealed class GroupCommitOffTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new Dictionary<string, string?> { ["Storage:GroupCommit"] = "false" });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task With_the_flag_off_intakes_reads_and_refusals_work_without_the_committer()
    {
        var committer = _factory.Services.GetRequiredService<SqliteGroupCommitter>();
        Assert.That(committer.Enabled, Is.False);
        using var client = _factory.ClientFor(Users.Investigator);

        // Ten first intakes of the year at once: on SQL Server the counter row is inserted under UPDLOCK, HOLDLOCK.
        JsonNode[] created = [];
        await StandIn.MayDifferAsync(_factory, StandIn.UpdlockIgnored, async () =>
            created = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Reports.Create(client))));
        var id = (string)created[0]["id"]!;
        await (await client.GetAsync($"/api/v1/cases/{id}/status")).ShouldBe(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/status")).ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");

        Assert.That(committer.Batches, Is.Zero);
        Assert.That(committer.UnitsCommitted, Is.Zero);
        using var db = _factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), Is.EqualTo(10));
        var seqs = (await db.QueryAsync<long>("SELECT seq FROM access_log ORDER BY seq")).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, 12).Select(i => (long)i).ToList()));
    }
}
