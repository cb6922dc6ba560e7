using System.Net;
using CaseManagement.Api.Tests.Infrastructure;

namespace CaseManagement.Api.Tests.Operations;

/// <summary>Cross-origin browser access only for the origins of Cors:AllowedOrigins, without credentials.</summary>
public sealed class CorsTests
{
    private const string Allowed = "https://portal.example.vn";
    private const string Other = "https://elsewhere.example.com";
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new Dictionary<string, string?>
    {
        ["Cors:AllowedOrigins:0"] = Allowed,
        ["Cors:AllowedOrigins:1"] = "https://second.example.vn",
    });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private async Task<HttpResponseMessage> Get(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units");
        request.Headers.Add("Origin", origin);
        return await _factory.ClientFor(Users.Investigator).SendAsync(request);
    }

    private async Task<HttpResponseMessage> Preflight(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/cases");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return await _factory.CreateClient().SendAsync(request);
    }

    [Test]
    public async Task An_allowed_origin_gets_the_header_on_a_real_answer_with_the_exposed_headers_and_no_credentials()
    {
        var response = await Get(Allowed);
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
            Assert.That(Header(response, "Access-Control-Allow-Credentials"), Is.Null);
            var exposed = Header(response, "Access-Control-Expose-Headers") ?? "";
            foreach (var name in (string[])["ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Correlation-Id", "Idempotency-Replayed"])
            {
                Assert.That(exposed, Does.Contain(name), name);
            }
        });
    }

    [Test]
    public async Task An_allowed_origin_gets_the_header_on_a_refusal_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units");
        request.Headers.Add("Origin", Allowed);
        var response = await _factory.CreateClient().SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
    }

    [Test]
    public async Task A_preflight_from_an_allowed_origin_is_answered()
    {
        var response = await Preflight(Allowed);
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 204));
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
            Assert.That(Header(response, "Access-Control-Allow-Methods"), Does.Contain("POST"));
            Assert.That(Header(response, "Access-Control-Allow-Headers")?.ToLowerInvariant(), Does.Contain("authorization"));
            Assert.That(Header(response, "Access-Control-Allow-Credentials"), Is.Null);
        });
    }

    [Test]
    public async Task Another_origin_gets_no_cors_header_on_an_answer_or_a_preflight()
    {
        var answer = await Get(Other);
        await answer.ShouldBe(HttpStatusCode.OK);
        var preflight = await Preflight(Other);
        Assert.Multiple(() =>
        {
            Assert.That(Header(answer, "Access-Control-Allow-Origin"), Is.Null);
            Assert.That(Header(preflight, "Access-Control-Allow-Origin"), Is.Null);
            Assert.That(Header(preflight, "Access-Control-Allow-Methods"), Is.Null);
        });
    }

    [Test]
    public async Task Without_configured_origins_no_origin_is_allowed()
    {
        using var factory = new ApiFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units");
        request.Headers.Add("Origin", Allowed);
        var response = await factory.ClientFor(Users.Investigator).SendAsync(request);
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.Null);
    }
}
