using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Platform.Audit;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CaseManagement.Api.Tests.AccessLog;

/// <summary>
/// Sealing, driven by the test (the periodic sealer is off): committed entries go into signed, chained Merkle blocks;
/// verification recomputes them and names what an attacker with the database file changed.
/// </summary>
public sealed class SealingTests
{
    private ApiFactory _factory = null!;

    private static ApiFactory NewFactory() => new(new Dictionary<string, string?>
    {
        ["Audit:SealingEnabled"] = "false",
        ["Audit:MaxBlockEntries"] = "3",
    });

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = NewFactory();
        for (var i = 0; i < 4; i++)
        {
            await Reports.Create(_factory.ClientFor(Users.Investigator));
        }
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static Task<int> Seal(ApiFactory factory) =>
        factory.Services.GetRequiredService<AccessLogSealer>().SealPendingAsync(CancellationToken.None);

    private static Task<AccessLogReport> Verify(ApiFactory factory, Checkpoint? trusted = null) =>
        factory.Services.GetRequiredService<AccessLogVerifier>().VerifyAsync(CancellationToken.None, trusted);

    private static async Task<JsonNode> LatestCheckpoint(ApiFactory factory) =>
        await (await factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/checkpoints/latest")).ShouldBe(HttpStatusCode.OK);

    /// <summary>An attacker with file access: removes the protection, then changes what they like.</summary>
    private static void Tamper(ApiFactory factory, string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "casemanagement.db")};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<(int Exit, string Out)> Cli(ApiFactory factory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = factory.DataDirectory,
            ["Storage:Provider"] = factory.IsSqlServer ? "SqlServer" : "Sqlite",
            ["ConnectionStrings:CaseManagement"] = factory.SqlServerConnectionString,
            ["Auth:Mode"] = "Development",
        }), environmentName: "Development");
        return (exit, stdout + stderr.ToString());
    }

    private static void SqliteOnly(ApiFactory factory)
    {
        if (factory.IsSqlServer)
        {
            Assert.Ignore("On SQL Server the access log refuses UPDATE and DELETE (ledger tables or triggers), so rows cannot be edited here; the SQLite run covers tampering.");
        }
    }

    [Test]
    public async Task Committed_entries_are_sealed_into_contiguous_chained_blocks_and_verify()
    {
        await Seal(_factory);
        using var db = _factory.OpenDatabase();
        var head = await db.ExecuteScalarAsync<long>("SELECT last_seq FROM access_log_head WHERE id = 1");
        var blocks = (await db.QueryAsync<(long BlockNo, long FirstSeq, long LastSeq, long EntryCount)>(
            "SELECT block_no, first_seq, last_seq, entry_count FROM access_log_blocks ORDER BY block_no")).ToList();

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(2), "4 entries in blocks of at most 3");
        Assert.That(blocks[^1].LastSeq, Is.EqualTo(head), "everything committed is sealed");
        for (var i = 0; i < blocks.Count; i++)
        {
            Assert.That(blocks[i].BlockNo, Is.EqualTo(i + 1));
            Assert.That(blocks[i].FirstSeq, Is.EqualTo(i == 0 ? 1 : blocks[i - 1].LastSeq + 1));
            Assert.That(blocks[i].EntryCount, Is.EqualTo(blocks[i].LastSeq - blocks[i].FirstSeq + 1).And.LessThanOrEqualTo(3));
        }

        var report = await Verify(_factory);
        Assert.That(report.Ok, Is.True, report.Problem);
        Assert.That(report.BlocksChecked, Is.EqualTo(blocks.Count));
        Assert.That(report.LastSealedSeq, Is.EqualTo(head));
        Assert.That(report.UnsealedEntries, Is.EqualTo(report.LastSeq - head));
        Assert.That(report.FirstBadSeq, Is.Null);
    }

    [Test]
    public async Task The_unsealed_window_after_the_last_seal_is_reported()
    {
        await Seal(_factory);
        await Reports.Create(_factory.ClientFor(Users.Investigator));
        await Reports.Create(_factory.ClientFor(Users.Investigator));

        var report = await Verify(_factory);
        Assert.That(report.Ok, Is.True, report.Problem);
        Assert.That(report.UnsealedEntries, Is.EqualTo(2));
        Assert.That(report.LastSeq - report.LastSealedSeq, Is.EqualTo(2));

        await Seal(_factory);
        Assert.That((await Verify(_factory)).UnsealedEntries, Is.Zero);
    }

    [Test]
    public async Task The_checkpoint_verifies_offline_with_only_its_JSON()
    {
        await Seal(_factory);
        var json = await LatestCheckpoint(_factory);

        // Only the returned JSON and the platform's crypto: no service code.
        var hash = Convert.FromHexString((string)json["hash"]!);
        var signature = Convert.FromBase64String((string)json["signature"]!);
        using var key = ECDsa.Create();
        key.ImportFromPem((string)json["publicKey"]!);
        Assert.That(key.VerifyData(hash, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.True);
        var forged = (byte[])hash.Clone();
        forged[0] ^= 1;
        Assert.That(key.VerifyData(forged, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.False);

        // The hash recomputes from the checkpoint's own fields, as documented (block version 1).
        var input = new byte[1 + 4 + 8 + 8 + 8 + 4 + 32 + 32 + 8];
        input[0] = 0x02;
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(1), 1);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(5), (long)json["blockNo"]!);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(13), (long)json["firstSeq"]!);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(21), (long)json["lastSeq"]!);
        BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(29), (uint)(int)json["entryCount"]!);
        Convert.FromHexString((string)json["merkleRoot"]!).CopyTo(input, 33);
        Convert.FromHexString((string)json["previousHash"]!).CopyTo(input, 65);
        var signedAt = DateTimeOffset.Parse((string)json["signedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(97), signedAt.UtcTicks);
        Assert.That(SHA256.HashData(input), Is.EqualTo(hash));
        Assert.That((string?)json["keyId"], Is.Not.Null.And.Not.Empty);
        Assert.That((string?)json["signedAt"], Does.EndWith("Z"));
    }

    [Test]
    public async Task Reading_the_checkpoint_is_for_auditors_and_is_itself_logged()
    {
        await Seal(_factory);
        var correlation = Guid.NewGuid().ToString("N");
        var auditor = _factory.ClientFor(Users.Auditor);
        auditor.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);
        await (await auditor.GetAsync("/api/v1/audit/checkpoints/latest")).ShouldBe(HttpStatusCode.OK);
        await (await _factory.ClientFor(Users.Investigator).GetAsync("/api/v1/audit/checkpoints/latest"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");

        using var db = _factory.OpenDatabase();
        var entry = await db.QuerySingleAsync<(string Action, string ResourceType, string Outcome)>(
            "SELECT action, resource_type, outcome FROM access_log WHERE correlation_id = @C", new { C = correlation });
        Assert.That(entry, Is.EqualTo(("audit.checkpoint.read", "access-log", "allowed")));
    }

    [Test]
    public async Task Before_anything_is_sealed_there_is_no_checkpoint()
    {
        using var factory = NewFactory();
        await (await factory.ClientFor(Users.Auditor).GetAsync("/api/v1/audit/checkpoints/latest"))
            .ShouldBeProblem(HttpStatusCode.NotFound, "audit.no-checkpoint");
        await Seal(factory);
        await LatestCheckpoint(factory);
    }

    [TestCase("UPDATE access_log SET purpose = 'nothing to see' WHERE seq = 2", "access_log_no_update")]
    [TestCase("UPDATE access_log SET at = '2020-01-01T00:00:00.0000000Z' WHERE seq = 2", "access_log_no_update")]
    [TestCase("UPDATE access_log_cases SET case_id = '00000000-0000-0000-0000-000000000001' WHERE seq = 2", "access_log_cases_no_update")]
    public async Task An_entry_changed_in_the_file_is_named_by_its_seq(string change, string trigger)
    {
        using var factory = NewFactory();
        SqliteOnly(factory);
        for (var i = 0; i < 3; i++)
        {
            await Reports.Create(factory.ClientFor(Users.Investigator));
        }
        await Seal(factory);
        Assert.That((await Verify(factory)).Ok, Is.True);

        Tamper(factory, $"DROP TRIGGER {trigger}; {change};");

        var report = await Verify(factory);
        Assert.That(report.Ok, Is.False);
        Assert.That(report.FirstBadSeq, Is.EqualTo(2), report.Problem);
        Assert.That(report.FirstBadBlock, Is.EqualTo(1));
        Assert.That(report.Problem, Does.Contain("seq 2"));
        var (exit, output) = await Cli(factory, "audit", "verify");
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("first bad seq 2"));
    }

    [Test]
    public async Task A_forged_block_signature_is_caught()
    {
        using var factory = NewFactory();
        SqliteOnly(factory);
        for (var i = 0; i < 4; i++)
        {
            await Reports.Create(factory.ClientFor(Users.Investigator));
        }
        await Seal(factory);
        // The attacker re-signs block 2's own hash with a key of their own, keeping the real key id.
        byte[] hash;
        using (var db = factory.OpenDatabase())
        {
            hash = await db.ExecuteScalarAsync<byte[]>("SELECT block_hash FROM access_log_blocks WHERE block_no = 2") ?? [];
        }
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Convert.ToHexString(attacker.SignData(hash, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Tamper(factory, $"DROP TRIGGER access_log_blocks_no_update; UPDATE access_log_blocks SET signature = X'{forged}' WHERE block_no = 2;");

        var report = await Verify(factory);
        Assert.That(report.Ok, Is.False);
        Assert.That(report.FirstBadBlock, Is.EqualTo(2), report.Problem);
        Assert.That(report.Problem, Does.Contain("signature"));
        Assert.That(report.BlocksChecked, Is.EqualTo(1));
        Assert.That((await Cli(factory, "audit", "verify")).Exit, Is.EqualTo(1));
    }

    [Test]
    public async Task Deleting_the_tail_behind_an_exported_checkpoint_is_caught()
    {
        using var factory = NewFactory();
        SqliteOnly(factory);
        for (var i = 0; i < 4; i++)
        {
            await Reports.Create(factory.ClientFor(Users.Investigator));
        }
        await Seal(factory);
        var json = await LatestCheckpoint(factory);
        var file = Path.Combine(factory.DataDirectory, "checkpoint.json");
        await File.WriteAllTextAsync(file, json.ToJsonString());
        var trusted = new Checkpoint((long)json["blockNo"]!, (long)json["lastSeq"]!, (string)json["hash"]!);
        Assert.That((await Verify(factory, trusted)).Ok, Is.True);
        Assert.That((await Cli(factory, "audit", "verify", "--checkpoint", file)).Exit, Is.EqualTo(0));

        // A careful attacker removes the last block, its entries and everything after, and winds the head back.
        using (var db = factory.OpenDatabase())
        {
            var cutFrom = await db.ExecuteScalarAsync<long>("SELECT first_seq FROM access_log_blocks WHERE block_no = @B", new { B = trusted.BlockNo });
            Tamper(factory, $"""
                DROP TRIGGER access_log_no_delete; DROP TRIGGER access_log_cases_no_delete; DROP TRIGGER access_log_blocks_no_delete;
                DELETE FROM access_log_blocks WHERE block_no >= {trusted.BlockNo};
                DELETE FROM access_log_cases WHERE seq >= {cutFrom};
                DELETE FROM access_log WHERE seq >= {cutFrom};
                UPDATE access_log_head SET last_seq = {cutFrom - 1} WHERE id = 1;
                """);

            var unaware = await Verify(factory);
            Assert.That(unaware.Ok, Is.True, "without a checkpoint, a clean cut of the tail cannot be seen");

            var report = await Verify(factory, trusted);
            Assert.That(report.Ok, Is.False);
            Assert.That(report.FirstBadSeq, Is.EqualTo(cutFrom), report.Problem);
            Assert.That(report.Problem, Does.Contain("checkpoint"));
        }
        var (exit, output) = await Cli(factory, "audit", "verify", "--checkpoint", file);
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("NOT OK"));
    }

    [Test]
    public async Task The_running_service_seals_new_entries_by_itself()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Audit:SealInterval"] = "00:00:00.050" });
        await Reports.Create(factory.ClientFor(Users.Investigator));
        using var db = factory.OpenDatabase();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long sealedTo = 0;
        while (sealedTo < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            sealedTo = await db.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(last_seq), 0) FROM access_log_blocks");
        }
        Assert.That(sealedTo, Is.GreaterThanOrEqualTo(1), "the periodic sealer sealed the entry");
        Assert.That((await Verify(factory)).Ok, Is.True);
    }

    [Test]
    public void The_sealer_lock_of_SQL_Server_parses_and_carries_no_value()
    {
        var sql = new SqlServerDialect().TakeSealerLock;
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.That(errors, Is.Empty);
        Assert.That(sql, Does.Contain("sp_getapplock").And.Not.Contain("'"));
    }

    [Test]
    public void The_Merkle_root_follows_RFC_6962()
    {
        var leaves = Enumerable.Range(0, 5).Select(i => SHA256.HashData([0x00, (byte)i])).ToList();
        byte[] Node(byte[] l, byte[] r) => SHA256.HashData([0x01, .. l, .. r]);
        // n = 5: k = 4, so root = H(1 | H(1 | H(1|a|b) | H(1|c|d)) | e).
        var expected = Node(Node(Node(leaves[0], leaves[1]), Node(leaves[2], leaves[3])), leaves[4]);
        Assert.That(AccessLogHashing.MerkleRoot(leaves), Is.EqualTo(expected));
        Assert.That(AccessLogHashing.MerkleRoot([leaves[0]]), Is.EqualTo(leaves[0]));
    }
}
