using System.Security.Cryptography;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Dapper;
using Microsoft.Extensions.Configuration;

namespace CaseManagement.Api.Tests.Security;

/// <summary>Rotating a key is only worth it when what the old key protected does not linger on disk.</summary>
public sealed class KeyScrubTests
{
    private static readonly byte[] Key1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Key2 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Blind = RandomNumberGenerator.GetBytes(32);

    private static Dictionary<string, string?> Keys(string current) => new()
    {
        ["Protection:Keys:1"] = Convert.ToBase64String(Key1),
        ["Protection:Keys:2"] = Convert.ToBase64String(Key2),
        ["Protection:CurrentKeyId"] = current,
        ["Protection:BlindIndexKey"] = Convert.ToBase64String(Blind),
        // No background writer holds a read transaction while the run checkpoints.
        ["Audit:SealingEnabled"] = "false",
    };

    private static byte[] DatabaseBytes(ApiFactory factory) =>
        Directory.GetFiles(factory.DataDirectory, "casemanagement.db*").SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }).ToArray();

    [Test]
    public async Task After_rekey_no_old_ciphertext_survives_in_the_file_or_the_WAL_and_each_decryption_is_logged()
    {
        using var factory = new ApiFactory(Keys(current: "1"));
        if (factory.IsSqlServer)
        {
            Assert.Ignore("Reads the SQLite file.");
        }
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((string)(await VictimKit.Add(factory, caseId, VictimKit.Body("Trẻ cần đổi khóa " + i)))["id"]!);
        }
        List<byte[]> old;
        using (var db = factory.OpenDatabase())
        {
            old = db.Query<byte[]>("SELECT identity_ciphertext FROM victims").ToList();
        }
        Assert.That(old, Has.Count.EqualTo(3));
        Assert.That(old.All(b => DatabaseBytes(factory).AsSpan().IndexOf(b.AsSpan(20, 32)) >= 0), Is.True, "the search finds what is there");

        var cli = new Dictionary<string, string?>(Keys(current: "2")) { ["Storage:DataDirectory"] = factory.DataDirectory };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["rekey"], stdout, stderr, c => c.AddInMemoryCollection(cli));
        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("rekeyed 3"));

        var file = DatabaseBytes(factory);
        foreach (var blob in old)
        {
            // Any 32 bytes of the old ciphertext (past its header and nonce) would do to find it.
            Assert.That(file.AsSpan().IndexOf(blob.AsSpan(20, 32)), Is.EqualTo(-1), "an old ciphertext survived the rekey");
        }
        using var after = factory.OpenDatabase();
        var logged = after.Query<string>("SELECT victim_id FROM access_log WHERE action = 'victim.identity.rekey'").ToList();
        Assert.That(logged, Is.EquivalentTo(ids), "one entry for each identity the rekey decrypted");
        var cases = after.Query<string>(
            "SELECT c.case_id FROM access_log_cases c JOIN access_log l ON l.seq = c.seq WHERE l.action = 'victim.identity.rekey'").Distinct().ToList();
        Assert.That(cases, Is.EqualTo(new[] { caseId }));
    }

    [Test]
    public async Task The_blind_index_key_rotates_with_every_victim_reindexed_and_the_same_child_still_recognised()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["Audit:SealingEnabled"] = "false" });
        if (factory.IsSqlServer)
        {
            Assert.Ignore("Generated key files are the embedded default's.");
        }
        var name = "Vũ Thị Xoay " + Guid.NewGuid().ToString("N")[..6];
        await VictimKit.Add(factory, await VictimKit.CaseWithInvestigator(factory), VictimKit.Body(name));
        var second = await VictimKit.Add(factory, await VictimKit.CaseWithInvestigator(factory), VictimKit.Body(name));
        Assert.That((bool?)second["knownInOtherCases"], Is.True);
        var keyFile = Path.Combine(factory.DataDirectory, "blind-index.key");
        var oldKey = await File.ReadAllTextAsync(keyFile);
        List<string> before;
        using (var db = factory.OpenDatabase())
        {
            before = db.Query<string>("SELECT blind_index FROM victims ORDER BY id").ToList();
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["rotate-blind-index"], stdout, stderr,
            c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = factory.DataDirectory }));
        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("re-indexed 2"));

        List<string> after;
        using (var db = factory.OpenDatabase())
        {
            after = db.Query<string>("SELECT blind_index FROM victims ORDER BY id").ToList();
            Assert.That(db.ExecuteScalar<long>("SELECT COUNT(*) FROM access_log WHERE action = 'victim.blind-index.rotate'"), Is.EqualTo(2));
        }
        Assert.Multiple(() =>
        {
            Assert.That(after.Distinct().Count(), Is.EqualTo(1), "the same child keeps one index");
            Assert.That(after.Intersect(before), Is.Empty, "every row re-indexed");
            Assert.That(File.ReadAllText(keyFile), Is.Not.EqualTo(oldKey));
            Assert.That(File.Exists(Path.Combine(factory.DataDirectory, RotateBlindIndexCommand.NextKeyFile)), Is.False);
        });

        // Restarted on the same data directory, the service recognises the child under the new key.
        using var restarted = new ApiFactory(new Dictionary<string, string?> { ["Storage:DataDirectory"] = factory.DataDirectory, ["Audit:SealingEnabled"] = "false" });
        var third = await VictimKit.Add(restarted, await VictimKit.CaseWithInvestigator(restarted), VictimKit.Body(name));
        Assert.That((bool?)third["knownInOtherCases"], Is.True);
    }
}
