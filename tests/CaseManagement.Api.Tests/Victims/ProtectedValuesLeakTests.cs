using System.Net;
using System.Text;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Victims;

/// <summary>
/// Plants a distinctive identity, drives every endpoint with every role (bad inputs carrying the planted values
/// included), then searches every answer, every log line and every stored value: the identity appears only in
/// identity disclosures and, encrypted, in the database.
/// </summary>
public sealed class ProtectedValuesLeakTests
{
    private static readonly string[] Planted =
    [
        "Zyxwvu", "Zyxw", VictimKit.PlantedPhone, "Qwzx", "Qqxyz", "0912345678", "2014-03-05", "05/03/2014", "20140305",
        "ngôn ngữ ký hiệu",
    ];

    private ApiFactory _factory = null!;
    private readonly List<(string Request, HttpStatusCode Status, string Body)> _answers = [];

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private async Task<HttpResponseMessage> Call(TestUser user, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        if (body is not null)
        {
            request.Content = body is string s ? Http.JsonBody(s) : Http.JsonBody(body);
        }
        var response = await _factory.ClientFor(user).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        _answers.Add(($"{user.Sub} {method} {url}", response.StatusCode, text));
        Assert.That((int)response.StatusCode, Is.LessThan(500), $"{method} {url} as {user.Sub}: {text}");
        return response;
    }

    private static readonly TestUser[] Everyone =
    [
        Users.Investigator, Users.Investigator2, Users.InvestigatorCauGiay, Users.Supervisor, Users.SupervisorCity, Users.SupervisorCauGiay,
        Users.ProsecutorKv1, Users.ProsecutorKv2, Users.JudgeKv1, Users.VictimSupport, Users.Auditor, Users.Admin,
    ];

    [Test]
    public async Task Planted_identity_appears_only_in_disclosures_and_encrypted_in_the_database()
    {
        var caseId = await VictimKit.CaseWithInvestigator(_factory);
        var otherCase = await VictimKit.CaseWithInvestigator(_factory);
        var victimId = (string)(await VictimKit.Add(_factory, caseId))["id"]!;
        await Call(Users.Supervisor, HttpMethod.Post, $"/api/v1/cases/{otherCase}/victims", VictimKit.Body(name: "  nguyễn thị   ZYXWVU "));

        // Bad inputs that carry the planted values: none may be echoed.
        var bad = new[]
        {
            $$$"""{"gender":"{{{VictimKit.PlantedName}}}","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}"}}""",
            $$$"""{"gender":"female","dateOfBirth":"{{{VictimKit.PlantedName}}}","identity":{"fullName":"{{{VictimKit.PlantedName}}}"}}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}","phone":"{{{VictimKit.PlantedAddress}}}"}}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{string.Concat(Enumerable.Repeat(VictimKit.PlantedName, 20))}}}","address":"{{{VictimKit.PlantedAddress}}}"}}""",
            $$$"""{"gender":"female","dateOfBirth":"2004-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}","phone":"{{{VictimKit.PlantedPhone}}}"}}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}","guardians":[{"name":"{{{VictimKit.PlantedGuardian}}}","relationship":"","phone":"{{{VictimKit.PlantedAddress}}}"}]}}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}"},"specialNeeds":{"x":"{{{VictimKit.PlantedName}}}"}}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}","address":"{{{VictimKit.PlantedAddress}}}\u0001"}}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":"{{{VictimKit.PlantedName}}}"}""",
            $$$"""{"gender":"female","dateOfBirth":"2014-03-05","identity":{"fullName":"{{{VictimKit.PlantedName}}}"}""",
        };
        foreach (var body in bad)
        {
            var response = await Call(Users.Investigator, HttpMethod.Post, $"/api/v1/cases/{caseId}/victims", body);
            Assert.That((int)response.StatusCode, Is.EqualTo(400), body);
        }

        var morning = new DateTimeOffset(2026, 1, 12, 2, 0, 0, TimeSpan.Zero);
        await Call(Users.Investigator, HttpMethod.Post, $"/api/v1/victims/{victimId}/interviews", VictimKit.Interview(morning));
        var requestIds = new List<string>();
        foreach (var user in Everyone)
        {
            await Call(user, HttpMethod.Get, $"/api/v1/victims/{victimId}");
            await Call(user, HttpMethod.Get, $"/api/v1/victims/{victimId}/interviews");
            await Call(user, HttpMethod.Get, $"/api/v1/cases/{caseId}");
            await Call(user, HttpMethod.Get, $"/api/v1/cases/{caseId}/status");
            await Call(user, HttpMethod.Get, $"/api/v1/cases?limit=50");
            await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/interviews", VictimKit.Interview(morning.AddDays(1)));
            var request = await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/interview-requests",
                new { justification = "Cần làm rõ thêm một số tình tiết của vụ việc" });
            if (request.StatusCode == HttpStatusCode.Created)
            {
                requestIds.Add((string)(await request.ReadJson())["id"]!);
            }
            await Call(user, HttpMethod.Put, $"/api/v1/victims/{victimId}/protective-measures", new
            {
                closedHearing = true, videoLinkTestimony = true, noConfrontation = true, supportPersonAtHearing = true, identityWithheldFromJudgment = true,
            });
            await Call(user, HttpMethod.Put, $"/api/v1/victims/{victimId}/protective-measures", $$$"""{"closedHearing":"{{{VictimKit.PlantedName}}}"}""");
            var referral = await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/support-referrals",
                new { kind = "psychological", toUnit = "BVTE-HN", note = "Theo dõi sau buổi lấy lời khai" });
            if (referral.StatusCode == HttpStatusCode.Created)
            {
                var referralId = (string)(await referral.ReadJson())["id"]!;
                foreach (var mover in Everyone)
                {
                    await Call(mover, HttpMethod.Patch, $"/api/v1/support-referrals/{referralId}", new { status = "accepted" });
                }
            }
            await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/identity-disclosures", new { purpose = "short" });
            await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/identity-disclosures", $$$"""{"purpose":"Xác minh danh tính","extra":"{{{VictimKit.PlantedName}}}"}""");
            await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/identity-disclosures", new { purpose = "Đối chiếu hồ sơ trước phiên họp liên ngành" });
            await Call(user, HttpMethod.Post, $"/api/v1/victims/{Guid.NewGuid()}/identity-disclosures", new { purpose = "Đối chiếu hồ sơ trước phiên họp liên ngành" });
            // A client retrying with an Idempotency-Key must not make the service keep the identity for replay.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                await Call(user, HttpMethod.Post, $"/api/v1/victims/{victimId}/identity-disclosures",
                    new { purpose = "Đối chiếu hồ sơ trước phiên họp liên ngành" }, idempotencyKey: $"disclose-{user.Sub}");
            }
        }
        foreach (var requestId in requestIds)
        {
            foreach (var user in Everyone)
            {
                await Call(user, HttpMethod.Post, $"/api/v1/interview-requests/{requestId}/{(user.Role == "prosecutor" ? "reject" : "approve")}");
            }
        }
        Assert.That(requestIds, Is.Not.Empty);

        var disclosures = _answers.Where(a => a.Request.Contains("/identity-disclosures") && a.Status == HttpStatusCode.OK).ToList();
        Assert.That(disclosures, Is.Not.Empty, "Some role must have been allowed to disclose.");
        Assert.That(disclosures.All(d => d.Body.Contains("Zyxwvu")), Is.True, "A disclosure carries the identity.");

        var leaks = new List<string>();
        foreach (var answer in _answers.Except(disclosures))
        {
            leaks.AddRange(Find(answer.Body).Select(p => $"response {answer.Request} ({answer.Status}) contains {p}"));
        }
        foreach (var line in _factory.LogLines)
        {
            leaks.AddRange(Find(line).Select(p => $"log line contains {p}: {line}"));
        }
        leaks.AddRange(ScanDatabase());
        Assert.That(leaks, Is.Empty);
    }

    private static IEnumerable<string> Find(string text) =>
        Planted.Where(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))
            .Concat(Planted.Where(p => text.Normalize(NormalizationForm.FormC).Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Distinct();

    private IEnumerable<string> ScanDatabase()
    {
        using var db = _factory.OpenDatabase();
        var tables = _factory.IsSqlServer
            ? db.Query<string>("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'").ToList()
            : db.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToList();
        Assert.That(tables, Does.Contain("victims").And.Contain("access_log").And.Contain("case_events"));
        var found = new List<string>();
        var blobs = 0;
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in db.Query($"SELECT * FROM {table}"))
            {
                foreach (var (column, value) in row)
                {
                    var text = value switch
                    {
                        string s => s,
                        byte[] b => Encoding.UTF8.GetString(b),
                        _ => null,
                    };
                    if (value is byte[] && table == "victims")
                    {
                        blobs++;
                    }
                    if (text is not null)
                    {
                        found.AddRange(Find(text).Select(p => $"{table}.{column} contains {p}"));
                    }
                }
            }
        }
        Assert.That(blobs, Is.GreaterThanOrEqualTo(2), "The identities are stored as ciphertext.");
        return found;
    }
}
