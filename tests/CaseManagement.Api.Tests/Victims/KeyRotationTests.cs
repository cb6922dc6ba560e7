using System.Net;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Configuration;
using Moq;

namespace CaseManagement.Api.Tests.Victims;

public sealed class KeyRotationTests
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
    };

    private static KeyRing Ring(string current, params (string Id, byte[] Key)[] keys)
    {
        var store = new Mock<IKeyStore>();
        store.Setup(s => s.Load()).Returns(new KeyMaterial(keys.ToDictionary(k => k.Id, k => k.Key), current, Blind));
        return new KeyRing(store.Object);
    }

    [Test]
    public void A_new_key_becomes_the_writing_key_and_old_values_still_read()
    {
        var owner = Guid.CreateVersion7();
        var old = new IdentityProtector(Ring("1", ("1", Key1))).Encrypt(owner, "f", Encoding.UTF8.GetBytes("bí mật"));
        var rotated = new IdentityProtector(Ring("2", ("1", Key1), ("2", Key2)));
        var fresh = rotated.Encrypt(owner, "f", Encoding.UTF8.GetBytes("bí mật"));
        Assert.Multiple(() =>
        {
            Assert.That(IdentityProtector.KeyIdOf(old), Is.EqualTo("1"));
            Assert.That(IdentityProtector.KeyIdOf(fresh), Is.EqualTo("2"));
            Assert.That(Encoding.UTF8.GetString(rotated.Decrypt(owner, "f", old)), Is.EqualTo("bí mật"));
            Assert.That(Encoding.UTF8.GetString(rotated.Decrypt(owner, "f", fresh)), Is.EqualTo("bí mật"));
            // Fresh nonce each time: the same value never encrypts the same way twice.
            Assert.That(rotated.Encrypt(owner, "f", Encoding.UTF8.GetBytes("bí mật")), Is.Not.EqualTo(fresh));
        });
        Assert.Throws<AuthenticationTagMismatchException>(() => rotated.Decrypt(Guid.CreateVersion7(), "f", fresh));
        Assert.Throws<AuthenticationTagMismatchException>(() => rotated.Decrypt(owner, "g", fresh));
        Assert.Throws<CryptographicException>(() => new IdentityProtector(Ring("2", ("2", Key2))).Decrypt(owner, "f", old));
    }

    [Test]
    public async Task Rekey_interrupted_after_one_batch_and_run_again_leaves_every_row_readable_under_the_current_key()
    {
        using var factory = new ApiFactory(Keys(current: "1"));
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((string)(await VictimKit.Add(factory, caseId, VictimKit.Body("Trẻ số " + i)))["id"]!);
        }

        var cli = new Dictionary<string, string?>(Keys(current: "2")) { ["Storage:DataDirectory"] = factory.DataDirectory };
        if (factory.IsSqlServer)
        {
            cli["Storage:Provider"] = "SqlServer";
            cli["ConnectionStrings:CaseManagement"] = factory.SqlServerConnectionString;
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["rekey", "--batch-size", "1", "--max-batches", "1"], stdout, stderr, c => c.AddInMemoryCollection(cli));
        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("rekeyed 1; remaining under older keys 2"));
        Assert.That(KeyIds(factory), Is.EquivalentTo(new[] { "1", "1", "2" }));
        // Stopped halfway: every row still reads.
        foreach (var id in ids)
        {
            await Disclose(factory, id);
        }

        code = await CommandLine.RunAsync(["rekey", "--batch-size", "2"], stdout, stderr, c => c.AddInMemoryCollection(cli));
        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(KeyIds(factory), Is.EquivalentTo(new[] { "2", "2", "2" }));
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.That((string?)(await Disclose(factory, ids[i]))["identity"]?["fullName"], Is.EqualTo("Trẻ số " + i));
        }
        using var db = factory.OpenDatabase();
        var blobs = db.Query<byte[]>("SELECT identity_ciphertext FROM victims").ToList();
        Assert.That(blobs.Select(IdentityProtector.KeyIdOf), Is.All.EqualTo("2"));
    }

    private static List<string> KeyIds(ApiFactory factory)
    {
        using var db = factory.OpenDatabase();
        return db.Query<string>("SELECT identity_key_id FROM victims").ToList();
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> Disclose(ApiFactory factory, string victimId)
    {
        // The investigator assigned to the case (a fresh client: a fresh token each time).
        return await (await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/victims/{victimId}/identity-disclosures",
            new { purpose = "Kiểm tra sau khi đổi khóa mã hóa" })).ShouldBe(HttpStatusCode.OK);
    }
}
