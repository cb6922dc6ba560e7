using System.Diagnostics;
using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>The group committer alone, over a real SQLite file: savepoints, cancellation, a hung unit, the execution context.</summary>
public sealed class GroupCommitterUnitTests
{
    private static readonly AsyncLocal<string?> Ambient = new();

    private string _directory = null!;
    private DbConnectionFactory _factory = null!;
    private SqliteGroupCommitter _committer = null!;

    [SetUp]
    public void Create()
    {
        _directory = Path.Combine(Path.GetTempPath(), "casemgmt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var options = Options.Create(new StorageOptions { DataDirectory = _directory });
        _factory = new DbConnectionFactory(options);
        using (var connection = Open())
        {
            connection.Execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x TEXT NOT NULL)");
        }
        _committer = new SqliteGroupCommitter(_factory, options, NullLogger<SqliteGroupCommitter>.Instance);
    }

    [TearDown]
    public async Task Destroy()
    {
        await _committer.DisposeAsync();
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "casemanagement.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private Task<string> Insert(string x, CancellationToken ct = default)
    {
        var session = new DbSession(_factory);
        return _committer.RunAsync(session, async token =>
        {
            await session.ExecuteAsync("INSERT INTO t (x) VALUES (@x)", new { x }, token);
            return x;
        }, ct);
    }

    private List<string> Rows()
    {
        using var connection = Open();
        return connection.Query<string>("SELECT x FROM t ORDER BY x").ToList();
    }

    /// <summary>Holds the write lock until the given number of units wait, so they share one batch.</summary>
    private async Task InOneBatch(int units, Action enqueue)
    {
        using var holder = Open();
        holder.Execute("BEGIN IMMEDIATE");
        enqueue();
        var clock = Stopwatch.StartNew();
        while (_committer.Waiting < units && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(5);
        }
        Assert.That(_committer.Waiting, Is.EqualTo(units));
        holder.Execute("ROLLBACK");
    }

    [Test]
    public async Task A_failing_unit_rolls_back_to_its_savepoint_and_the_others_commit_in_one_commit()
    {
        Task<string>[] tasks = [];
        Task<int>? failing = null;
        await InOneBatch(3, () =>
        {
            var session = new DbSession(_factory);
            var first = Insert("a");
            failing = _committer.RunAsync<int>(session, async token =>
            {
                await session.ExecuteAsync("INSERT INTO t (x) VALUES ('bad')", null, token);
                throw new InvalidOperationException("refused");
            }, CancellationToken.None);
            tasks = [first, Insert("c")];
        });
        Assert.That(await Task.WhenAll(tasks), Is.EqualTo(new[] { "a", "c" }));
        Assert.ThrowsAsync<InvalidOperationException>(async () => await failing!);
        Assert.That(Rows(), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(_committer.Commits, Is.EqualTo(1));
        Assert.That(_committer.UnitsCommitted, Is.EqualTo(2));
    }

    [Test]
    public async Task A_cancelled_unit_fails_alone()
    {
        using var cts = new CancellationTokenSource();
        Task<string>[] tasks = [];
        Task<int>? cancelled = null;
        await InOneBatch(3, () =>
        {
            var session = new DbSession(_factory);
            var first = Insert("a");
            cancelled = _committer.RunAsync<int>(session, async token =>
            {
                await session.ExecuteAsync("INSERT INTO t (x) VALUES ('cancelled')", null, token);
                await cts.CancelAsync();
                token.ThrowIfCancellationRequested();
                return 1;
            }, cts.Token);
            tasks = [first, Insert("c")];
        });
        Assert.That(await Task.WhenAll(tasks), Is.EqualTo(new[] { "a", "c" }));
        Assert.CatchAsync<OperationCanceledException>(async () => await cancelled!);
        Assert.That(Rows(), Is.EqualTo(new[] { "a", "c" }));
    }

    [Test]
    public async Task A_hung_unit_does_not_hold_the_batch_for_ever()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string>? before = null;
        Task<string>? after = null;
        Task<int>? hung = null;
        await InOneBatch(3, () =>
        {
            before = Insert("a");
            var session = new DbSession(_factory);
            hung = _committer.RunAsync<int>(session, async token =>
            {
                await session.ExecuteAsync("INSERT INTO t (x) VALUES ('hung')", null, token);
                started.SetResult();
                await never.Task; // ignores its token
                await session.ExecuteAsync("INSERT INTO t (x) VALUES ('late')", null, CancellationToken.None);
                return 1;
            }, cts.Token);
            after = Insert("c");
        });
        await started.Task;
        await cts.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await hung!);
        // The unit before it ran in a transaction that cannot be trusted any more: it fails with a transient fault.
        Assert.ThrowsAsync<TimeoutException>(async () => await before!);
        // The unit after it had not run: it goes into the next batch and commits.
        Assert.That(await after!, Is.EqualTo("c"));
        Assert.That(Rows(), Is.EqualTo(new[] { "c" }));

        // When the hung work wakes up, its session no longer points at any connection.
        never.SetResult();
        Assert.That(await Insert("d"), Is.EqualTo("d"));
        Assert.That(Rows(), Is.EqualTo(new[] { "c", "d" }));
    }

    [Test]
    public async Task The_work_runs_with_the_callers_execution_context()
    {
        Ambient.Value = "request-1";
        var session = new DbSession(_factory);
        var seen = await _committer.RunAsync(session, token => Task.FromResult(Ambient.Value), CancellationToken.None);
        Assert.That(seen, Is.EqualTo("request-1"));
    }

    [Test]
    public async Task After_stop_no_work_is_taken_and_queued_work_was_done()
    {
        var done = Insert("a");
        await _committer.StopAsync(CancellationToken.None);
        Assert.That(await done, Is.EqualTo("a"));
        Assert.ThrowsAsync<TimeoutException>(async () => await Insert("b"));
        Assert.That(Rows(), Is.EqualTo(new[] { "a" }));
    }
}
