using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CaseManagement.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Feed;

/// <summary>
/// Webhooks: a unit's administrator registers an HTTPS endpoint; a test receiver (the HTTP transport port) checks
/// each delivery's signature; a receiver that is down is retried and the subscription marked failing; a slow receiver
/// never slows the request that caused the event.
/// </summary>
public sealed class WebhookTests
{
    /// <summary>The receiving end: records every request, answers with <see cref="Status"/> after <see cref="Delay"/>.</summary>
    private sealed class Receiver : HttpMessageHandler
    {
        public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Received { get; } = new();
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
        public TimeSpan Delay { get; set; } = TimeSpan.Zero;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Received.Enqueue((request, await request.Content!.ReadAsStringAsync(ct)));
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, ct);
            }
            return new HttpResponseMessage(Status);
        }
    }

    private static ApiFactory Factory(Receiver receiver) => new(
        new Dictionary<string, string?>
        {
            ["Webhooks:PollInterval"] = "00:00:00.100",
            ["Webhooks:RetryDelay"] = "00:00:00.020",
            ["Webhooks:MaxAttempts"] = "3",
            ["Webhooks:AttemptTimeout"] = "00:00:30",
        },
        services => services.AddHttpClient("webhooks").ConfigurePrimaryHttpMessageHandler(() => receiver));

    private static async Task Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail("Timed out waiting for " + what);
            }
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task Deliveries_are_signed_with_the_subscriptions_secret_and_carry_the_event()
    {
        var receiver = new Receiver();
        using var factory = Factory(receiver);
        var admin = factory.ClientFor(Users.Admin);
        var registered = await (await admin.PostJson("/api/v1/webhooks", new { url = "https://vks.example.vn/hooks/casemanagement" }))
            .ShouldBe(HttpStatusCode.Created);
        var secret = Convert.FromBase64String((string)registered["secret"]!);
        var id = (string)registered["subscription"]!["id"]!;

        var caseId = (string)(await Reports.Create(factory.ClientFor(Users.Investigator)))["id"]!;
        await Until(() => !receiver.Received.IsEmpty, "a delivery");

        var (request, body) = receiver.Received.First();
        Assert.That(request.RequestUri!.ToString(), Is.EqualTo("https://vks.example.vn/hooks/casemanagement"));
        var timestamp = request.Headers.GetValues("X-CaseManagement-Timestamp").Single();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp + "." + body)));
        Assert.That(request.Headers.GetValues("X-CaseManagement-Signature").Single(), Is.EqualTo(expected));
        Assert.That(Math.Abs(long.Parse(timestamp) - DateTimeOffset.UtcNow.ToUnixTimeSeconds()), Is.LessThan(60), "a fresh timestamp, against replay");
        var delivered = JsonNode.Parse(body)!;
        Assert.That((string)delivered["event"]!["caseId"]!, Is.EqualTo(caseId));
        Assert.That((string)delivered["event"]!["kind"]!, Is.EqualTo("case-reported"));
        Assert.That(body, Does.Not.Contain("summary").And.Not.Contain("Tin báo"), "ids, kind, time, version only");

        // A tampered body would not verify under the same secret.
        var forged = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp + "." + body.Replace("case-reported", "dismiss"))));
        Assert.That(forged, Is.Not.EqualTo(expected));

        var view = await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.That((string)view["state"]!, Is.EqualTo("active"));
        Assert.That(view.AsObject().Select(p => p.Key), Does.Not.Contain("secret"));
        await (await factory.ClientFor(new TestUser("admin-x", "admin", "VKS-KV2")).GetAsync($"/api/v1/webhooks/{id}"))
            .ShouldBeProblem(HttpStatusCode.NotFound, "webhook.not-found");
    }

    [Test]
    public async Task A_receiver_that_is_down_is_retried_then_the_subscription_is_marked_failing()
    {
        var receiver = new Receiver { Status = HttpStatusCode.ServiceUnavailable };
        using var factory = Factory(receiver);
        var admin = factory.ClientFor(Users.Admin);
        var id = (string)(await (await admin.PostJson("/api/v1/webhooks", new { url = "https://down.example.vn/hook" })).ShouldBe(HttpStatusCode.Created))["subscription"]!["id"]!;

        await Reports.Create(factory.ClientFor(Users.Investigator));
        JsonNode view = null!;
        await Until(() =>
        {
            view = admin.GetAsync($"/api/v1/webhooks/{id}").Result.ReadJson().Result;
            return (string?)view["state"] == "failing";
        }, "the subscription to be marked failing");
        Assert.That(receiver.Received, Has.Count.EqualTo(3), "three attempts (Webhooks:MaxAttempts), then it stops");
        Assert.That((int)view["lastStatus"]!, Is.EqualTo(503));
        Assert.That((long)view["delivered"]!, Is.Zero);

        await Reports.Create(factory.ClientFor(Users.Investigator));
        await Task.Delay(600);
        Assert.That(receiver.Received, Has.Count.EqualTo(3), "a failing subscription gets no further deliveries");
    }

    [Test]
    public async Task A_slow_receiver_does_not_slow_the_request_that_caused_the_event()
    {
        var receiver = new Receiver { Delay = TimeSpan.FromSeconds(20) };
        using var factory = Factory(receiver);
        await (await factory.ClientFor(Users.Admin).PostJson("/api/v1/webhooks", new { url = "https://slow.example.vn/hook" })).ShouldBe(HttpStatusCode.Created);
        var investigator = factory.ClientFor(Users.Investigator);
        await Reports.Create(investigator);
        await Until(() => !receiver.Received.IsEmpty, "the receiver to be busy");

        var clock = Stopwatch.StartNew();
        await Reports.Create(investigator);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the receiver takes 20 s; the request does not wait for it");
    }

    [TestCase("http://vks.example.vn/hook")]
    [TestCase("https://user:pw@vks.example.vn/hook")]
    [TestCase("/relative")]
    [TestCase("")]
    public async Task Only_an_https_address_is_accepted(string url)
    {
        using var factory = new ApiFactory();
        var problem = await (await factory.ClientFor(Users.Admin).PostJson("/api/v1/webhooks", new { url }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("url"));
        await (await factory.ClientFor(Users.Investigator).PostJson("/api/v1/webhooks", new { url = "https://x.example.vn/" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
