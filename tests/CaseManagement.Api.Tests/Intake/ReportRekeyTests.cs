using System.Net;
using System.Security.Cryptography;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Configuration;

namespace CaseManagement.Api.Tests.Intake;

/// <summary>`rekey` re-encrypts the identities on reports as it does the victims': readable after, under the new key.</summary>
public sealed class ReportRekeyTests
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

    [Test]
    public async Task Rekey_moves_every_report_to_the_current_key_and_each_still_discloses()
    {
        using var factory = new ApiFactory(Keys(current: "1"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((string)(await (await factory.ClientFor(Users.ReporterHotline).PostJson("/api/v1/reports", ReportIntakeTests.Body()))
                .ShouldBe(HttpStatusCode.Created))["id"]!);
        }

        var cli = new Dictionary<string, string?>(Keys(current: "2")) { ["Storage:DataDirectory"] = factory.DataDirectory };
        if (factory.IsSqlServer)
        {
            cli["Storage:Provider"] = "SqlServer";
            cli["ConnectionStrings:CaseManagement"] = factory.SqlServerConnectionString;
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["rekey", "--batch-size", "2"], stdout, stderr, c => c.AddInMemoryCollection(cli));
        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("reports rekeyed 3; remaining under older keys 0"));

        using (var db = factory.OpenDatabase())
        {
            Assert.That(db.Query<string>("SELECT protected_key_id FROM reports"), Is.All.EqualTo("2"));
            Assert.That(db.Query<byte[]>("SELECT child_ciphertext FROM reports").Select(IdentityProtector.KeyIdOf), Is.All.EqualTo("2"));
            Assert.That(db.Query<byte[]>("SELECT contact_ciphertext FROM reports").Select(IdentityProtector.KeyIdOf), Is.All.EqualTo("2"));
            Assert.That(db.ExecuteScalar<long>("SELECT COUNT(*) FROM access_log WHERE action = 'report.identity.rekey'"), Is.EqualTo(3),
                "every report decrypted by the command is logged");
        }
        foreach (var id in ids)
        {
            var disclosed = await (await factory.ClientFor(Users.Investigator).PostJson($"/api/v1/reports/{id}/identity-disclosures",
                new { purpose = "Kiểm tra sau khi đổi khóa mã hóa" })).ShouldBe(HttpStatusCode.OK);
            Assert.That((string)disclosed["child"]!["fullName"]!, Is.EqualTo("Pqxzw Thị Lan"));
        }
    }
}
