using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseManagement.Api.Tests.Security;

/// <summary>The idempotency store holds no hash anyone can check a guess against, nothing past its day, and replays only to those who may still see.</summary>
public sealed class IdempotencyStoreTests
{
    private static async Task<HttpResponseMessage> Post(ApiFactory factory, TestUser user, string url, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Http.JsonBody(json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await factory.ClientFor(user).SendAsync(request);
    }

    private static byte[] DatabaseBytes(ApiFactory factory) =>
        Directory.GetFiles(factory.DataDirectory, "casemanagement.db*").SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }).ToArray();

    [Test]
    public async Task The_database_file_holds_no_SHA256_of_any_request_body_and_no_answer_to_a_body_with_identity_data()
    {
        using var factory = new ApiFactory();
        if (factory.IsSqlServer)
        {
            Assert.Ignore("Reads the SQLite file.");
        }
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var bodies = new List<string>
        {
            JsonSerializer.Serialize(Reports.Valid(), Http.Json),
            JsonSerializer.Serialize(VictimKit.Body(), Http.Json),
            JsonSerializer.Serialize(new { fullName = "Đỗ Văn Qxzkw", gender = "male", relationshipToVictim = "neighbour", custody = "detained" }, Http.Json),
        };
        await (await Post(factory, Users.Investigator, "/api/v1/cases", bodies[0], "idem-case")).ShouldBe(HttpStatusCode.Created);
        await (await Post(factory, Users.Investigator, $"/api/v1/cases/{caseId}/victims", bodies[1], "idem-victim")).ShouldBe(HttpStatusCode.Created);
        await (await Post(factory, Users.Investigator, $"/api/v1/cases/{caseId}/suspects", bodies[2], "idem-suspect")).ShouldBe(HttpStatusCode.Created);
        // A retry of the victim's intake still acts once: Location, no stored body.
        var replay = await Post(factory, Users.Investigator, $"/api/v1/cases/{caseId}/victims", bodies[1], "idem-victim");
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(replay.Headers.Contains("Idempotency-Replayed"), Is.True);
        Assert.That(replay.Headers.Location, Is.Not.Null);
        Assert.That(await replay.Content.ReadAsStringAsync(), Is.Empty);

        using (var db = factory.OpenDatabase())
        {
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM victims WHERE case_id = @C", new { C = caseId }), Is.EqualTo(1));
            var rows = (await db.QueryAsync<(string Body, string CaseIds)>("SELECT body AS Body, case_ids AS CaseIds FROM idempotency_keys")).ToList();
            Assert.That(rows, Has.Count.EqualTo(3), "three records, so the search below can find something");
            Assert.That(rows.Count(r => r.Body.Length == 0), Is.EqualTo(2), "no answer kept for the victim's and the suspect's bodies");
            Assert.That(rows.Select(r => r.Body), Has.None.Contains("Qxzkw"));
        }
        SqliteCheckpoint(factory);

        var file = DatabaseBytes(factory);
        foreach (var body in bodies)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(body));
            foreach (var form in new[] { Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash)), Encoding.ASCII.GetBytes(Convert.ToHexString(hash)), hash, Encoding.ASCII.GetBytes(Convert.ToBase64String(hash)) })
            {
                Assert.That(file.AsSpan().IndexOf(form), Is.EqualTo(-1), "a SHA-256 of a request body is in the database file");
            }
        }
    }

    private static void SqliteCheckpoint(ApiFactory factory)
    {
        using var db = factory.OpenDatabase();
        db.Execute("PRAGMA wal_checkpoint(PASSIVE)");
    }

    [Test]
    public async Task An_expired_record_is_purged_on_schedule_and_its_answer_is_gone()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var factory = new ApiFactory(
            new Dictionary<string, string?> { ["Idempotency:PurgeInterval"] = "00:00:00.2" },
            services => services.Replace(ServiceDescriptor.Singleton<IClock>(clock)));
        var body = JsonSerializer.Serialize(Reports.Valid(), Http.Json);
        var first = await (await Post(factory, Users.Investigator, "/api/v1/cases", body, "expire-1")).ShouldBe(HttpStatusCode.Created);
        using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys"), Is.EqualTo(1));

        clock.UtcNow = clock.UtcNow.AddHours(25);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys"), Is.Zero, "no stored answer after expiry");
    }

    [Test]
    public async Task A_replay_after_the_callers_role_or_unit_changed_is_refused()
    {
        using var factory = new ApiFactory();
        var caseId = await VictimKit.CaseWithInvestigator(factory);
        var before = new TestUser("vks-moved-1", "prosecutor", "VKS-KV1");
        var body = JsonSerializer.Serialize(new { userId = before.Sub, role = before.Role }, Http.Json);
        var url = $"/api/v1/cases/{caseId}/assignments";
        await (await Post(factory, before, url, body, "assign-1")).ShouldBe(HttpStatusCode.Created);
        var replay = await Post(factory, before, url, body, "assign-1");
        Assert.That((replay.StatusCode, replay.Headers.Contains("Idempotency-Replayed")), Is.EqualTo((HttpStatusCode.Created, true)));

        // The same person, now an auditor: the role may not assign, so no replay of what it once could.
        var auditor = before with { Role = "auditor", Unit = "CA-HN" };
        var refused = await Post(factory, auditor, url, body, "assign-1");
        await refused.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        // The same prosecutor moved to another region: the case is out of scope, exactly as if it did not exist.
        var moved = before with { Unit = "VKS-KV2" };
        var outOfScope = await Post(factory, moved, url, body, "assign-1");
        var problem = await outOfScope.ShouldBeProblem(HttpStatusCode.NotFound, "case.not-found");
        Assert.That(problem.ToJsonString(), Does.Not.Contain(caseId));
    }

    [Test]
    public async Task The_key_is_bound_to_the_operation_not_the_spelling_of_its_path()
    {
        using var factory = new ApiFactory();
        var body = JsonSerializer.Serialize(Reports.Valid(), Http.Json);
        var first = await (await Post(factory, Users.Investigator, "/API/V1/CASES", body, "spelling-1")).ShouldBe(HttpStatusCode.Created);
        var second = await Post(factory, Users.Investigator, "/api/v1/cases/", body, "spelling-1");
        var again = await second.ShouldBe(HttpStatusCode.Created);
        Assert.That(second.Headers.Contains("Idempotency-Replayed"), Is.True, "the same operation: replayed, not done twice");
        Assert.That((string?)again["id"], Is.EqualTo((string?)first["id"]));
    }
}
