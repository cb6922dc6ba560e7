using System.Net;
using System.Text;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Net.Http.Headers;
using Dapper;

namespace CaseManagement.Api.Tests.Security;

public sealed class TokenTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private string Sign(Dictionary<string, object> claims, string issuer = "casemanagement-dev", string audience = "casemanagement-api",
        DateTime? expires = null, SecurityKey? key = null, string algorithm = SecurityAlgorithms.HmacSha256, DateTime? notBefore = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? _factory.Services.GetRequiredService<DevelopmentTokens>().SigningKey, algorithm),
        });
    }

    private static Dictionary<string, object> Claims(string role = "investigator", string unit = "CA-P-HOANKIEM", string sub = "inv-x") =>
        new() { ["sub"] = sub, ["role"] = role, ["unit"] = unit };

    private static string Base64Url(string s) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(s));

    public static IEnumerable<TestCaseData> BadTokens()
    {
        yield return new TestCaseData("tampered payload").SetArgDisplayNames("tampered");
        yield return new TestCaseData("expired").SetArgDisplayNames("expired");
        yield return new TestCaseData("wrong audience").SetArgDisplayNames("wrong-audience");
        yield return new TestCaseData("wrong issuer").SetArgDisplayNames("wrong-issuer");
        yield return new TestCaseData("alg none").SetArgDisplayNames("alg-none");
        yield return new TestCaseData("other key").SetArgDisplayNames("other-key");
        yield return new TestCaseData("unknown role").SetArgDisplayNames("unknown-role");
        yield return new TestCaseData("unknown unit").SetArgDisplayNames("unknown-unit");
        yield return new TestCaseData("role of another unit kind").SetArgDisplayNames("prosecutor-of-police-unit");
        yield return new TestCaseData("no subject").SetArgDisplayNames("no-sub");
        yield return new TestCaseData("not yet valid").SetArgDisplayNames("not-before-future");
        yield return new TestCaseData("two units").SetArgDisplayNames("two-units");
        yield return new TestCaseData("two subjects").SetArgDisplayNames("two-subjects");
        yield return new TestCaseData("two roles").SetArgDisplayNames("two-roles");
        yield return new TestCaseData("garbage").SetArgDisplayNames("garbage");
    }

    private string Make(string kind)
    {
        switch (kind)
        {
            case "tampered payload":
                {
                    var parts = Sign(Claims()).Split('.');
                    parts[1] = Base64Url("{\"sub\":\"inv-x\",\"role\":\"supervisor\",\"unit\":\"CA-HN\",\"iss\":\"casemanagement-dev\",\"aud\":\"casemanagement-api\",\"exp\":4102444800}");
                    return string.Join('.', parts);
                }
            case "expired": return Sign(Claims(), expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddHours(-2));
            case "wrong audience": return Sign(Claims(), audience: "another-api");
            case "wrong issuer": return Sign(Claims(), issuer: "someone-else");
            case "alg none":
                return Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
                    Base64Url("{\"sub\":\"inv-x\",\"role\":\"investigator\",\"unit\":\"CA-P-HOANKIEM\",\"iss\":\"casemanagement-dev\",\"aud\":\"casemanagement-api\",\"exp\":4102444800}") + ".";
            case "other key": return Sign(Claims(), key: new SymmetricSecurityKey(new byte[32]) { KeyId = "dev-1" });
            case "unknown role": return Sign(Claims(role: "superuser"));
            case "unknown unit": return Sign(Claims(unit: "CA-P-NOWHERE"));
            case "role of another unit kind": return Sign(Claims(role: "prosecutor", unit: "CA-P-HOANKIEM"));
            case "no subject": return Sign(new Dictionary<string, object> { ["role"] = "investigator", ["unit"] = "CA-P-HOANKIEM" });
            case "not yet valid": return Sign(Claims(), notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2));
            case "two units": return Sign(new Dictionary<string, object> { ["sub"] = "inv-x", ["role"] = "investigator", ["unit"] = new[] { "CA-P-HOANKIEM", "CA-P-CAUGIAY" } });
            case "two subjects": return Sign(new Dictionary<string, object> { ["sub"] = new[] { "inv-x", "inv-y" }, ["role"] = "investigator", ["unit"] = "CA-P-HOANKIEM" });
            case "two roles": return Sign(new Dictionary<string, object> { ["sub"] = "inv-x", ["role"] = new[] { "investigator", "supervisor" }, ["unit"] = "CA-P-HOANKIEM" });
            default: return "not-a-jwt";
        }
    }

    [TestCaseSource(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_with_a_problem_body_and_a_denied_access_log_entry(string kind)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Make(kind));
        var correlation = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);

        var response = await client.GetAsync("/api/v1/cases");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using var db = _factory.OpenDatabase();
        var entry = await db.QuerySingleAsync<(string Outcome, long Status, string? Actor)>(
            "SELECT outcome AS Outcome, status_code AS Status, actor_id AS Actor FROM access_log WHERE correlation_id = @C", new { C = correlation });
        Assert.That(entry, Is.EqualTo(("denied", 401L, (string?)null)));
    }

    [Test]
    public async Task No_token_gets_401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/cases");
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task A_good_token_for_the_same_request_is_accepted()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sign(Claims()));
        await (await client.GetAsync("/api/v1/cases")).ShouldBe(HttpStatusCode.OK);
    }
}
