using System.Net;
using CaseManagement.Api.Tests.Infrastructure;
using Dapper;

namespace CaseManagement.Api.Tests.Security;

/// <summary>Every role that may never call an endpoint gets 403 auth.forbidden, logged as denied, nothing written.</summary>
public sealed class RoleTests
{
    private ApiFactory _factory = null!;
    private string _caseId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        _caseId = (string)(await Reports.Create(_factory.ClientFor(Users.Investigator)))["id"]!;
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    public static IEnumerable<TestCaseData> Forbidden()
    {
        foreach (var user in new[] { Users.ProsecutorKv1, Users.JudgeKv1, Users.VictimSupport, Users.Auditor, Users.Admin })
        {
            yield return new TestCaseData(user, "POST", "/api/v1/cases").SetArgDisplayNames(user.Role, "POST /cases");
        }
        foreach (var user in new[] { Users.Auditor, Users.Admin })
        {
            yield return new TestCaseData(user, "GET", "/api/v1/cases").SetArgDisplayNames(user.Role, "GET /cases");
            yield return new TestCaseData(user, "GET", "/api/v1/cases/{id}").SetArgDisplayNames(user.Role, "GET /cases/{id}");
            yield return new TestCaseData(user, "GET", "/api/v1/cases/{id}/status").SetArgDisplayNames(user.Role, "GET /cases/{id}/status");
        }
    }

    [TestCaseSource(nameof(Forbidden))]
    public async Task A_role_that_may_never_call_gets_403(TestUser user, string method, string path)
    {
        var client = _factory.ClientFor(user);
        var correlation = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);
        var url = path.Replace("{id}", _caseId, StringComparison.Ordinal);
        long casesBefore;
        using (var db = _factory.OpenDatabase())
        {
            casesBefore = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases");
        }

        var response = method == "POST"
            ? await client.PostJson(url, Reports.Valid())
            : await client.GetAsync(url);

        await response.ShouldBeProblem(HttpStatusCode.Forbidden, "auth.forbidden");
        using var check = _factory.OpenDatabase();
        Assert.That(await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), Is.EqualTo(casesBefore));
        var entry = await check.QuerySingleAsync<(string Outcome, string Actor, string Role)>(
            "SELECT outcome AS Outcome, actor_id AS Actor, actor_role AS Role FROM access_log WHERE correlation_id = @C", new { C = correlation });
        Assert.That(entry, Is.EqualTo(("denied", user.Sub, user.Role)));
        if (path.Contains("{id}", StringComparison.Ordinal))
        {
            var logged = await check.QueryAsync<string>(
                "SELECT lc.case_id FROM access_log_cases lc JOIN access_log l ON l.seq = lc.seq WHERE l.correlation_id = @C", new { C = correlation });
            Assert.That(logged, Is.EqualTo(new[] { _caseId }), "the case asked for is logged even when refused");
        }
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Every_role_reads_the_reference_lists(TestUser user)
    {
        var client = _factory.ClientFor(user);
        foreach (var path in new[] { "/api/v1/units", "/api/v1/offences", "/api/v1/wards" })
        {
            var list = await (await client.GetAsync(path)).ShouldBe(HttpStatusCode.OK);
            Assert.That(list.AsArray(), Is.Not.Empty, path);
        }
    }

    public static IEnumerable<TestUser> AllRoles() => Users.All;
}
