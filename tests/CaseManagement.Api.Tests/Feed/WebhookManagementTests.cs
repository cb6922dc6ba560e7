using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Cli;
using CaseManagement.Api.Features.Deadlines.Shared;
using CaseManagement.Api.Platform.Data;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Platform.Time;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Api.Tests.Victims;
using CaseManagement.Domain.Policies;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Feed;

/// <summary>
/// A unit's administrator manages its webhook subscriptions: lists them (never a secret, never another unit's),
/// resumes a failing one (the waiting events are delivered), rotates the secret (the receiver verifies with the new
/// one; during the overlap with either), deletes one (deliveries stop); another unit's administrator gets 404.
/// </summary>
public sealed class WebhookManagementTests
{
    /// <summary>The receiving end: records every request, answers with <see cref="Status"/>.</summary>
    private sealed class Receiver : HttpMessageHandler
    {
        public ConcurrentQueue<(HttpRequestMessage Request, string Body, HttpStatusCode Answered)> Received { get; } = new();
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var status = Status;
            Received.Enqueue((request, await request.Content!.ReadAsStringAsync(ct), status));
            return new HttpResponseMessage(status);
        }

        public List<(HttpRequestMessage Request, string Body)> Delivered() =>
            Received.Where(r => r.Answered == HttpStatusCode.OK).Select(r => (r.Request, r.Body)).ToList();
    }

    private static readonly TestUser OtherAdmin = new("admin-x", "admin", "VKS-KV2");

    private static ApiFactory Factory(Receiver receiver, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:PollInterval"] = "00:00:00.100",
            ["Webhooks:RetryDelay"] = "00:00:00.020",
            ["Webhooks:MaxAttempts"] = "2",
            ["Webhooks:AttemptTimeout"] = "00:00:30",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return new ApiFactory(settings, s =>
        {
            s.AddHttpClient("webhooks").ConfigurePrimaryHttpMessageHandler(() => receiver);
            services?.Invoke(s);
        });
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail("Timed out waiting for " + what);
            }
            await Task.Delay(50);
        }
    }

    private static async Task<(string Id, byte[] Secret)> Register(HttpClient admin, string url)
    {
        var registered = await (await admin.PostJson("/api/v1/webhooks", new { url })).ShouldBe(HttpStatusCode.Created);
        return ((string)registered["subscription"]!["id"]!, Convert.FromBase64String((string)registered["secret"]!));
    }

    private static string[] Signatures(HttpRequestMessage request) =>
        request.Headers.GetValues("X-CaseManagement-Signature").SelectMany(v => v.Split(", ")).ToArray();

    private static bool Verifies(HttpRequestMessage request, string body, byte[] secret)
    {
        var timestamp = request.Headers.GetValues("X-CaseManagement-Timestamp").Single();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp + "." + body)));
        return Signatures(request).Contains(expected);
    }

    private static string CaseOf(string body) => (string)JsonNode.Parse(body)!["event"]!["caseId"]!;

    [Test]
    public async Task The_list_shows_the_units_subscriptions_only_and_never_a_secret()
    {
        var receiver = new Receiver();
        using var factory = Factory(receiver);
        var admin = factory.ClientFor(Users.Admin);
        var first = await Register(admin, "https://a.example.vn/hook");
        var second = await Register(admin, "https://b.example.vn/hook");
        var other = await Register(factory.ClientFor(OtherAdmin), "https://vks.example.vn/hook");

        var response = await admin.GetAsync("/api/v1/webhooks");
        var text = await response.Content.ReadAsStringAsync();
        var list = await response.ShouldBe(HttpStatusCode.OK);
        var items = list["items"]!.AsArray().Select(i => i!).ToList();
        Assert.That(items.Select(i => (string)i["id"]!), Is.EqualTo(new[] { first.Id, second.Id }), "its unit's, oldest first");
        Assert.That(items.Select(i => (string)i["state"]!), Is.All.EqualTo("active"));
        Assert.That(items.SelectMany(i => i.AsObject().Select(p => p.Key)), Does.Not.Contain("secret"));
        foreach (var secret in new[] { first.Secret, second.Secret, other.Secret })
        {
            Assert.That(text, Does.Not.Contain(Convert.ToBase64String(secret)), "no secret in the list");
        }
        Assert.That(text, Does.Not.Contain(other.Id), "another unit's subscription is not listed");

        // Paged like every list.
        var page1 = await (await admin.GetAsync("/api/v1/webhooks?limit=1")).ShouldBe(HttpStatusCode.OK);
        Assert.That(page1["items"]!.AsArray().Single()!["id"]!.GetValue<string>(), Is.EqualTo(first.Id));
        var page2 = await (await admin.GetAsync($"/api/v1/webhooks?limit=1&cursor={page1["nextCursor"]}")).ShouldBe(HttpStatusCode.OK);
        Assert.That(page2["items"]!.AsArray().Single()!["id"]!.GetValue<string>(), Is.EqualTo(second.Id));
        Assert.That(page2["nextCursor"], Is.Null);

        var others = await (await factory.ClientFor(OtherAdmin).GetAsync("/api/v1/webhooks")).ShouldBe(HttpStatusCode.OK);
        Assert.That(others["items"]!.AsArray().Select(i => (string)i!["id"]!), Is.EqualTo(new[] { other.Id }));
        await (await factory.ClientFor(Users.Investigator).GetAsync("/api/v1/webhooks")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await admin.GetAsync("/api/v1/webhooks?cursor=nonsense")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");

        await using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log WHERE action = 'webhook.list' AND actor_id = 'admin-1'"),
            Is.GreaterThanOrEqualTo(3), "each list is logged");
    }

    [Test]
    public async Task A_resumed_subscription_delivers_the_events_that_waited()
    {
        var receiver = new Receiver { Status = HttpStatusCode.ServiceUnavailable };
        using var factory = Factory(receiver);
        var admin = factory.ClientFor(Users.Admin);
        var (id, secret) = await Register(admin, "https://down.example.vn/hook");
        var investigator = factory.ClientFor(Users.Investigator);
        var firstCase = (string)(await Reports.Create(investigator))["id"]!;
        await Until(async () => (string?)(await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ReadJson())["state"] == "failing", "failing");
        var secondCase = (string)(await Reports.Create(investigator))["id"]!;
        await Task.Delay(400);
        Assert.That(receiver.Delivered(), Is.Empty, "nothing delivered while failing");

        receiver.Status = HttpStatusCode.OK;
        var resume = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/{id}/resume");
        resume.Headers.Add("Idempotency-Key", "resume-1");
        var resumed = await (await admin.SendAsync(resume)).ShouldBe(HttpStatusCode.OK);
        Assert.That((string)resumed["state"]!, Is.EqualTo("active"));
        await Until(() => Task.FromResult(receiver.Delivered().Count >= 2), "the waiting events");
        var delivered = receiver.Delivered();
        Assert.That(delivered.Take(2).Select(d => CaseOf(d.Body)), Is.EqualTo(new[] { firstCase, secondCase }),
            "from where it stopped, in order: the event that failed, then the one that waited");
        Assert.That(delivered.All(d => Verifies(d.Request, d.Body, secret)));
        await Until(async () => (long)(await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ReadJson())["delivered"]! == 2, "the count");

        // The same key replays; resuming an active subscription changes nothing.
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/{id}/resume");
        again.Headers.Add("Idempotency-Key", "resume-1");
        var replay = await admin.SendAsync(again);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(replay.Headers.Contains("Idempotency-Replayed"));
        await (await admin.PostAsync($"/api/v1/webhooks/{id}/resume", null)).ShouldBe(HttpStatusCode.OK);
        await using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log WHERE action = 'webhook.resume' AND resource_id = @Id", new { Id = id }),
            Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task After_a_rotation_the_receiver_verifies_with_the_new_secret_and_during_the_overlap_with_either()
    {
        var receiver = new Receiver();
        using var factory = Factory(receiver);
        var admin = factory.ClientFor(Users.Admin);
        var (id, old) = await Register(admin, "https://vks.example.vn/hook");

        var response = await admin.PostAsync($"/api/v1/webhooks/{id}/secret", null);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var rotated = await response.ShouldBe(HttpStatusCode.OK);
        var secret = Convert.FromBase64String((string)rotated["secret"]!);
        Assert.That(secret, Has.Length.EqualTo(32).And.Not.EqualTo(old));
        Assert.That(rotated["subscription"]!["previousSecretValidUntil"], Is.Not.Null, "the overlap, 24 hours by default");

        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        await Until(() => Task.FromResult(receiver.Delivered().Any(d => CaseOf(d.Body) == caseId)), "a delivery");
        var (request, body) = receiver.Delivered().First(d => CaseOf(d.Body) == caseId);
        Assert.That(Verifies(request, body, secret), "the new secret verifies");
        Assert.That(Verifies(request, body, old), "during the overlap the old one still does");
        Assert.That(Signatures(request), Has.Length.EqualTo(2));
        Assert.That(Verifies(request, body, RandomNumberGenerator.GetBytes(32)), Is.False);

        // Rotated again within the overlap (say, a retry whose answer was lost): the newest secret and the one the
        // overlap began with verify; the one in between does not.
        var again = await (await admin.PostAsync($"/api/v1/webhooks/{id}/secret", null)).ShouldBe(HttpStatusCode.OK);
        var newest = Convert.FromBase64String((string)again["secret"]!);
        var secondCase = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        await Until(() => Task.FromResult(receiver.Delivered().Any(d => CaseOf(d.Body) == secondCase)), "a second delivery");
        var (request2, body2) = receiver.Delivered().First(d => CaseOf(d.Body) == secondCase);
        Assert.That(Verifies(request2, body2, newest));
        Assert.That(Verifies(request2, body2, old));
        Assert.That(Verifies(request2, body2, secret), Is.False);

        // Another unit's administrator cannot rotate it; a replayed key would not give the secret again.
        await (await factory.ClientFor(OtherAdmin).PostAsync($"/api/v1/webhooks/{id}/secret", null))
            .ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
        var view = await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.That(view.AsObject().Select(p => p.Key), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task Without_an_overlap_only_the_new_secret_signs()
    {
        var receiver = new Receiver();
        using var factory = Factory(receiver, new() { ["Webhooks:SecretOverlap"] = "00:00:00" });
        var admin = factory.ClientFor(Users.Admin);
        var (id, old) = await Register(admin, "https://vks.example.vn/hook");
        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/{id}/secret", null)).ShouldBe(HttpStatusCode.OK);
        var secret = Convert.FromBase64String((string)rotated["secret"]!);
        Assert.That(rotated["subscription"]!["previousSecretValidUntil"], Is.Null);

        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        await Until(() => Task.FromResult(receiver.Delivered().Any(d => CaseOf(d.Body) == caseId)), "a delivery");
        var (request, body) = receiver.Delivered().First(d => CaseOf(d.Body) == caseId);
        Assert.That(Signatures(request), Has.Length.EqualTo(1));
        Assert.That(Verifies(request, body, secret));
        Assert.That(Verifies(request, body, old), Is.False, "the replaced secret no longer verifies");
    }

    [Test]
    public async Task A_deleted_subscription_gets_no_more_deliveries_and_another_units_admin_gets_404()
    {
        var receiver = new Receiver();
        using var factory = Factory(receiver);
        var admin = factory.ClientFor(Users.Admin);
        var (id, _) = await Register(admin, "https://vks.example.vn/hook");
        var investigator = factory.ClientFor(Users.Investigator);
        await Reports.Create(investigator);
        await Until(() => Task.FromResult(receiver.Delivered().Count == 1), "the first delivery");

        // Another unit's administrator: 404 for each, and nothing changed.
        var other = factory.ClientFor(OtherAdmin);
        await (await other.DeleteAsync($"/api/v1/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
        await (await other.PostAsync($"/api/v1/webhooks/{id}/resume", null)).ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
        await (await other.PostAsync($"/api/v1/webhooks/{id}/secret", null)).ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
        await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ShouldBe(HttpStatusCode.OK);
        await (await factory.ClientFor(Users.Investigator).DeleteAsync($"/api/v1/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");

        var deleted = await admin.DeleteAsync($"/api/v1/webhooks/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Reports.Create(investigator);
        await Task.Delay(800);
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "no delivery after the delete");
        await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
        await (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
        await (await admin.PostAsync($"/api/v1/webhooks/{id}/resume", null)).ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");

        await using var db = factory.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_subscriptions"), Is.Zero, "its secrets went with it");
        Assert.That(await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM access_log WHERE action = 'webhook.delete' AND resource_id = @Id AND outcome = 'allowed'", new { Id = id }), Is.EqualTo(1));
    }

    [Test]
    public async Task Child_protection_clocks_falling_due_are_delivered_like_any_event()
    {
        var receiver = new Receiver();
        var received = DateTimeOffset.UtcNow.AddMinutes(-5);
        var clock = new FixedClock(received.AddMinutes(1));
        using var factory = Factory(receiver, services: s => s.AddSingleton<IClock>(clock));
        // The social-welfare unit serving the area follows its cases' clocks by webhook.
        var (_, secret) = await Register(factory.ClientFor(new TestUser("admin-bvte", "admin", "BVTE-HN")), "https://bvte.example.vn/hook");
        var report = Reports.Valid();
        report["receivedAt"] = received.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator), report))["id"]!;
        await (await factory.ClientFor(Users.Supervisor).PostJson($"/api/v1/cases/{caseId}/victims", VictimKit.Body())).ShouldBe(HttpStatusCode.Created);

        clock.UtcNow = received.AddHours(13);
        var written = await ChildProtectionFallingDue.ScanOnceAsync(factory.Services.GetRequiredService<DbConnectionFactory>(), clock,
            factory.Services.GetRequiredService<PolicyBook>(), factory.Services.GetRequiredService<ReferenceData>(), CancellationToken.None);
        Assert.That(written, Is.EqualTo(1));
        await Until(() => Task.FromResult(receiver.Delivered().Any(d => (string)JsonNode.Parse(d.Body)!["event"]!["kind"]! == "child-protection-due")),
            "the child-protection-due delivery");
        var (request, body) = receiver.Delivered().Single(d => (string)JsonNode.Parse(d.Body)!["event"]!["kind"]! == "child-protection-due");
        Assert.That(CaseOf(body), Is.EqualTo(caseId));
        Assert.That(Verifies(request, body, secret));
        Assert.That(body, Does.Not.Contain(VictimKit.PlantedName));
    }

    [Test]
    public async Task Rekey_reseals_webhook_secrets_and_deliveries_still_verify()
    {
        var key1 = RandomNumberGenerator.GetBytes(32);
        var key2 = RandomNumberGenerator.GetBytes(32);
        var blind = RandomNumberGenerator.GetBytes(32);
        Dictionary<string, string?> Keys(string current) => new()
        {
            ["Protection:Keys:1"] = Convert.ToBase64String(key1),
            ["Protection:Keys:2"] = Convert.ToBase64String(key2),
            ["Protection:CurrentKeyId"] = current,
            ["Protection:BlindIndexKey"] = Convert.ToBase64String(blind),
        };
        var receiver = new Receiver();
        using var factory = Factory(receiver, Keys(current: "1"));
        var admin = factory.ClientFor(Users.Admin);
        var (id, old) = await Register(admin, "https://a.example.vn/hook");
        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/{id}/secret", null)).ShouldBe(HttpStatusCode.OK);
        var secret = Convert.FromBase64String((string)rotated["secret"]!);

        var cli = new Dictionary<string, string?>(Keys(current: "2")) { ["Storage:DataDirectory"] = factory.DataDirectory };
        if (factory.IsSqlServer)
        {
            cli["Storage:Provider"] = "SqlServer";
            cli["ConnectionStrings:CaseManagement"] = factory.SqlServerConnectionString;
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["rekey"], stdout, stderr, c => c.AddInMemoryCollection(cli));
        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("webhook secrets rekeyed 1; remaining under older keys 0"));
        await using (var db = factory.OpenDatabase())
        {
            Assert.That(await db.ExecuteScalarAsync<string>("SELECT secret_key_id FROM webhook_subscriptions"), Is.EqualTo("2"));
            Assert.That(IdentityProtector.KeyIdOf((await db.ExecuteScalarAsync<byte[]>("SELECT secret_ciphertext FROM webhook_subscriptions"))!), Is.EqualTo("2"));
            Assert.That(IdentityProtector.KeyIdOf((await db.ExecuteScalarAsync<byte[]>("SELECT previous_secret_ciphertext FROM webhook_subscriptions"))!), Is.EqualTo("2"));
            Assert.That(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_log WHERE action = 'webhook.secret.rekey'"), Is.EqualTo(1));
        }

        // The same secrets, under the new key: deliveries verify with the current one and, in the overlap, the old one.
        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        await Until(() => Task.FromResult(receiver.Delivered().Any(d => CaseOf(d.Body) == caseId)), "a delivery");
        var (request, body) = receiver.Delivered().First(d => CaseOf(d.Body) == caseId);
        Assert.That(Verifies(request, body, secret));
        Assert.That(Verifies(request, body, old));
    }
}
