using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>Every /api/v1 answer tells the caller its per-user budget; a spent budget is 429 with Retry-After.</summary>
public sealed class RateLimitHeadersTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new Dictionary<string, string?>
    {
        ["RateLimits:PerUserBurst"] = "3",
        ["RateLimits:PerUserPerSecond"] = "1",
    });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static int Header(HttpResponseMessage response, string name)
    {
        Assert.That(response.Headers.TryGetValues(name, out var values), Is.True, $"{name} is sent");
        return int.Parse(values!.Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_spent_budget_is_429_with_retry_after_and_every_answer_says_the_budget()
    {
        using var client = _factory.ClientFor(Users.Investigator);
        var first = await client.GetAsync("/api/v1/units");
        await first.ShouldBe(HttpStatusCode.OK);
        Assert.That(Header(first, "RateLimit-Limit"), Is.EqualTo(3));
        Assert.That(Header(first, "RateLimit-Remaining"), Is.InRange(0, 2));
        Assert.That(Header(first, "RateLimit-Reset"), Is.InRange(1, 3));

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await client.GetAsync("/api/v1/units");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }
        Assert.That(refused, Is.Not.Null, "the budget runs out");
        await refused!.ShouldBeProblem(HttpStatusCode.TooManyRequests, "request.rate-limited");
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(Header(refused, "RateLimit-Limit"), Is.EqualTo(3));
        Assert.That(Header(refused, "RateLimit-Remaining"), Is.InRange(0, 1));
    }

    [Test]
    public async Task Refusals_carry_the_headers_and_health_does_not()
    {
        using var anonymous = _factory.CreateClient();
        var unauthenticated = await anonymous.GetAsync("/api/v1/offences");
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Header(unauthenticated, "RateLimit-Limit"), Is.EqualTo(3));

        var health = await anonymous.GetAsync("/health/live");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.Headers.Contains("RateLimit-Limit"), Is.False);
    }
}
