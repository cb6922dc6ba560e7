using System.Net;
using System.Text.Json.Nodes;
using CaseManagement.Api.Platform.Security;
using CaseManagement.Api.Tests.Infrastructure;
using CaseManagement.Domain;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Api.Tests.Robustness;

/// <summary>
/// Every endpoint of the API, sent malformed bodies and parameters by a role it admits: a clear 4xx ProblemDetails with
/// a stable code every time, never a 500, and nothing written but the access log.
/// </summary>
public sealed class BadInputEverywhereTests
{
    private static readonly string[] Bodies =
    [
        "not json",
        "[]",
        "\"text\"",
        "42",
        "{",
        "{}",
        "{\"unknownField\": 1}",
        "{\"a\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}",
        "{\"status\": 12, \"purpose\": [], \"justification\": {}, \"number\": 7, \"decidedOn\": \"31/12/2026\"}",
        "{\"startedAt\": \"yesterday\", \"endedAt\": null, \"supportPersons\": \"guardian\"}",
        "{\"dateOfBirth\": \"2030-01-01\", \"identity\": \"Nguyễn Văn Planted\"}",
        "{\"kind\": \"unknown-kind\", \"toUnit\": 5}",
        "{\"userId\": \"" + new string('x', 5000) + "\", \"role\": \"judge\"}",
    ];

    private static readonly TestUser[] Callers =
    [
        Users.Investigator, Users.Supervisor, Users.ProsecutorKv1, Users.JudgeKv1, Users.VictimSupport, Users.Auditor, Users.Admin,
    ];

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

    private IReadOnlyList<(string Method, string Path, IReadOnlyList<Role> Roles)> Endpoints() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (m, e.RoutePattern.RawText!, e.Metadata.GetMetadata<AllowedRolesAttribute>()?.Roles ?? (IReadOnlyList<Role>)[])))
            .ToList();

    private string Concrete(string pattern) =>
        pattern.Replace("{id:guid}", _caseId, StringComparison.Ordinal).Replace("{kind}", "accept-report", StringComparison.Ordinal);

    private static bool Admits(IReadOnlyList<Role> roles, TestUser user) => roles.Any(r => Roles.ToWire(r) == user.Role);

    [Test]
    public async Task No_malformed_body_ever_gets_a_500_and_none_writes_anything_but_the_access_log()
    {
        long versionBefore, eventsBefore;
        using (var db = _factory.OpenDatabase())
        {
            versionBefore = await db.ExecuteScalarAsync<long>("SELECT SUM(version) FROM cases");
            eventsBefore = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events");
        }
        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, roles) in Endpoints().Where(e => e.Method is "POST" or "PUT" or "PATCH"))
        {
            foreach (var user in Callers.Where(u => Admits(roles, u)))
            {
                var client = _factory.ClientFor(user);
                client.DefaultRequestHeaders.TryAddWithoutValidation("If-Match", "\"1\"");
                foreach (var body in Bodies)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path)) { Content = Http.JsonBody(body) };
                    var response = await client.SendAsync(request);
                    sent++;
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500 || response.StatusCode < HttpStatusCode.BadRequest
                        || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                        || JsonNode.Parse(text)?["code"] is null || text.Contains("Planted", StringComparison.Ordinal))
                    {
                        failures.Add($"{method} {path} as {user.Role} with {body[..Math.Min(40, body.Length)]}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                    }
                }
            }
        }
        Assert.That(sent, Is.GreaterThan(100));
        Assert.That(failures, Is.Empty);
        using var after = _factory.OpenDatabase();
        Assert.That(await after.ExecuteScalarAsync<long>("SELECT SUM(version) FROM cases"), Is.EqualTo(versionBefore));
        Assert.That(await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events"), Is.EqualTo(eventsBefore));
    }

    [Test]
    public async Task No_malformed_id_or_query_ever_gets_a_500()
    {
        var failures = new List<string>();
        string[] queries = ["?limit=-1", "?limit=99999999999", "?cursor=%00%01", "?from=tomorrow&to=x", "?state=overdue&unit=%27%3B--",
            "?groupBy=name", "?format=xlsx", "?caseId=not-a-guid", "?number=HN-2026-%27", "?overdue=1&stage=%E2%80%AE"];
        foreach (var (method, path, roles) in Endpoints().Where(e => e.Method == "GET"))
        {
            var user = Callers.FirstOrDefault(u => Admits(roles, u)) ?? Users.Investigator;
            var client = _factory.ClientFor(user);
            var targets = queries.Select(q => Concrete(path) + q)
                .Append(path.Replace("{id:guid}", "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal))
                .Append(path.Replace("{id:guid}", "not-a-guid", StringComparison.Ordinal));
            foreach (var url in targets)
            {
                var response = await client.GetAsync(url);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {url} as {user.Role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
        Assert.That(failures, Is.Empty);
    }
}
