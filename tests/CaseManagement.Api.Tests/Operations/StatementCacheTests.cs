using System.Data.Common;
using CaseManagement.Api.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>
/// The prepared statements kept on long-lived SQLite connections (SqliteStatementCache) over a real database file:
/// what a kept connection writes and reads is exactly what Dapper writes and reads on a connection of one request, a
/// statement is compiled once however often it runs, and what the cache does not take still goes through Dapper.
/// </summary>
public sealed class StatementCacheTests
{
    private string _directory = null!;
    private DbConnectionFactory _factory = null!;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string? Name { get; init; }
        public DateTimeOffset At { get; init; }
        public DateOnly? On { get; init; }
        public long Count { get; init; }
        public bool Flag { get; init; }
    }

    private const string Insert = "INSERT INTO t (id, name, at, on_day, count, flag) VALUES (@Id, @Name, @At, @On, @Count, @Flag)";
    private const string Select = "SELECT id AS Id, name AS Name, at AS At, on_day AS \"On\", count AS Count, flag AS Flag FROM t WHERE id = @Id";

    [SetUp]
    public async Task Create()
    {
        DapperTypeHandlers.Register();
        _directory = Path.Combine(Path.GetTempPath(), "casemgmt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _factory = new DbConnectionFactory(Options.Create(new StorageOptions { DataDirectory = _directory }));
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, at TEXT NOT NULL, on_day TEXT, count INTEGER NOT NULL, flag INTEGER NOT NULL)");
    }

    [TearDown]
    public void Destroy()
    {
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

    private static object Values(Guid id, string? name, DateOnly? on) => new
    {
        Id = id,
        Name = name,
        At = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(7)).AddTicks(1234567),
        On = on,
        Count = 42L,
        Flag = true,
        Unused = "not named in the SQL",
    };

    private async Task<(SqliteConnection Connection, SqliteTransaction Transaction)> KeptAsync()
    {
        var connection = (SqliteConnection)await _factory.OpenAsync(CancellationToken.None);
        _factory.KeepStatements(connection);
        return (connection, connection.BeginTransaction(deferred: false));
    }

    [Test]
    public async Task A_kept_connection_writes_and_reads_exactly_what_dapper_writes_and_reads()
    {
        var viaCache = Guid.NewGuid();
        var viaDapper = Guid.NewGuid();
        var (connection, transaction) = await KeptAsync();
        await using (connection)
        {
            var session = new DbSession(_factory);
            session.Attach(connection, transaction);
            Assert.That(SqliteStatementCache.Rent(connection, transaction, Insert, Values(viaCache, "Ä b", new DateOnly(2026, 2, 28)), 30), Is.Not.Null,
                "the kept connection takes the statement");
            await session.ExecuteAsync(Insert, Values(viaCache, "Ä b", new DateOnly(2026, 2, 28)), CancellationToken.None);
            session.Detach();
            transaction.Commit();
        }
        await using (var plain = await _factory.OpenAsync(CancellationToken.None))
        {
            await using (var own = ((SqliteConnection)plain).BeginTransaction())
            {
                Assert.That(SqliteStatementCache.Rent(plain, own, Insert, Values(viaDapper, null, null), 30), Is.Null, "a connection of one request is not cached");
            }
            await plain.ExecuteAsync(Insert, Values(viaDapper, "Ä b", new DateOnly(2026, 2, 28)));
            var stored = (await plain.QueryAsync<(string, string, string)>("SELECT id, at, on_day FROM t ORDER BY id")).ToList();
            Assert.That(stored, Has.Count.EqualTo(2));
            var cached = stored.Single(r => r.Item1 == viaCache.ToString("D"));
            var dapper = stored.Single(r => r.Item1 == viaDapper.ToString("D"));
            Assert.That((cached.Item2, cached.Item3), Is.EqualTo((dapper.Item2, dapper.Item3)), "the same text for the instant and the date");
        }

        (connection, transaction) = await KeptAsync();
        await using (connection)
        {
            var session = new DbSession(_factory);
            session.Attach(connection, transaction);
            var kept = await session.QuerySingleOrDefaultAsync<Row>(Select, new { Id = viaDapper }, CancellationToken.None);
            var missing = await session.QuerySingleOrDefaultAsync<Row>(Select, new { Id = Guid.NewGuid() }, CancellationToken.None);
            var count = await session.ExecuteScalarAsync<long>("SELECT count(*) FROM t WHERE flag = @Flag", new { Flag = true }, CancellationToken.None);
            var ids = (await session.QueryAsync<Guid>("SELECT id FROM t ORDER BY id", null, CancellationToken.None)).ToList();
            var noDate = await session.ExecuteScalarAsync<DateOnly?>("SELECT on_day FROM t WHERE id = @Id", new { Id = Guid.NewGuid() }, CancellationToken.None);
            session.Detach();
            await using var plain = await _factory.OpenAsync(CancellationToken.None);
            var read = await plain.QuerySingleAsync<Row>(Select, new { Id = viaDapper });
            Assert.Multiple(() =>
            {
                Assert.That(kept, Is.Not.Null);
                Assert.That(kept!.Id, Is.EqualTo(read.Id));
                Assert.That(kept.Name, Is.EqualTo("Ä b"));
                Assert.That(kept.At, Is.EqualTo(read.At));
                Assert.That(kept.At.UtcTicks, Is.EqualTo(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(7)).AddTicks(1234567).UtcTicks));
                Assert.That(kept.On, Is.EqualTo(new DateOnly(2026, 2, 28)));
                Assert.That((kept.Count, kept.Flag), Is.EqualTo((42L, true)));
                Assert.That(missing, Is.Null);
                Assert.That(count, Is.EqualTo(2));
                Assert.That(ids, Is.EquivalentTo(new[] { viaCache, viaDapper }));
                Assert.That(noDate, Is.Null);
            });
        }
    }

    [Test]
    public async Task A_statement_is_compiled_once_on_a_kept_connection_and_rebound_each_time()
    {
        var (connection, transaction) = await KeptAsync();
        await using (connection)
        {
            var first = SqliteStatementCache.Rent(connection, transaction, Select, new { Id = Guid.NewGuid() }, 30);
            var second = SqliteStatementCache.Rent(connection, transaction, Select, new { Id = Guid.NewGuid() }, 30);
            var other = SqliteStatementCache.Rent(connection, transaction, Insert, Values(Guid.NewGuid(), null, null), 30);
            Assert.That(first, Is.Not.Null);
            Assert.That(second, Is.SameAs(first), "the same command, compiled once");
            Assert.That(other, Is.Not.SameAs(first));
            Assert.That(first!.Parameters, Has.Count.EqualTo(1), "only the members the SQL names are bound");
            transaction.Rollback();
        }
    }

    [Test]
    public async Task What_dapper_would_expand_is_left_to_dapper_and_still_answers()
    {
        var (connection, transaction) = await KeptAsync();
        await using (connection)
        {
            var session = new DbSession(_factory);
            session.Attach(connection, transaction);
            var a = Guid.NewGuid();
            var b = Guid.NewGuid();
            await session.ExecuteAsync(Insert, new[] { Values(a, "x", null), Values(b, "y", null) }, CancellationToken.None);
            const string inList = "SELECT name FROM t WHERE id IN @Ids ORDER BY name";
            Assert.That(SqliteStatementCache.Rent(connection, transaction, inList, new { Ids = new[] { a.ToString("D"), b.ToString("D") } }, 30), Is.Null, "a list parameter");
            var names = await session.QueryAsync<string>(inList, new { Ids = new[] { a.ToString("D"), b.ToString("D") } }, CancellationToken.None);
            Assert.That(names, Is.EqualTo(new[] { "x", "y" }));
            Assert.ThrowsAsync<InvalidOperationException>(() => session.QuerySingleOrDefaultAsync<Row>(
                "SELECT id AS Id, name AS Name, at AS At, on_day AS \"On\", count AS Count, flag AS Flag FROM t", null, CancellationToken.None),
                "two rows for a single one fail as Dapper's QuerySingleOrDefault does");
            session.Detach();
            transaction.Rollback();
        }
    }

    [Test]
    public async Task Read_connections_are_kept_between_units_and_closed_with_the_factory()
    {
        DbConnection first;
        await using (var session = new DbSession(_factory))
        {
            await session.BeginReadAsync(CancellationToken.None);
            first = session.Connection;
            Assert.That(await session.ExecuteScalarAsync<long>("SELECT count(*) FROM t", null, CancellationToken.None), Is.EqualTo(0));
            await session.RollbackAsync();
        }
        await using (var session = new DbSession(_factory))
        {
            await session.BeginReadAsync(CancellationToken.None);
            Assert.That(session.Connection, Is.SameAs(first), "the idle read connection is used again");
            await session.RollbackAsync();
        }
        Assert.That(first.State, Is.EqualTo(System.Data.ConnectionState.Open));
        _factory.Dispose();
        Assert.That(first.State, Is.EqualTo(System.Data.ConnectionState.Closed), "closed when the host stops");
    }
}
